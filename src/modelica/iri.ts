// IRI segments of the Modelica graph (content-derived IRIs, see to-rdf.ts).

const PLAIN = /^[A-Za-z0-9_]+$/;

/** IRI-safe segment for a Modelica identifier (quoted identifiers included). */
export function segment(id: string): string {
  if (PLAIN.test(id)) return id;
  return encodeURIComponent(id).replace(/'/g, "%27").replace(/[!*()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** IRI of a source file: `<base>file/<path>`, each path segment escaped. */
export function pathIri(base: string, path: string): string {
  return `${base}file/${path.split("/").map(segment).join("/")}`;
}
