// Resource paths of the twin service's policies (src/service/types.ts, ResourcePath): "<kind>:/" and
// then names separated by "/". As in Eclipse Ditto's policies (https://eclipse.dev/ditto/basic-policy.html,
// "Which Resources can be controlled?") a path addresses the resource and everything below it, and each
// kind is a tree of its own. Paths are compared segment by segment, never as strings, so "twin:/TestRig2"
// is not below "twin:/TestRig".
import type { ResourcePath } from "../types.js";

export const RESOURCE_KINDS = ["twin", "history", "method", "event", "alarm", "policy"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A resource path split into its kind and its segments ("twin:/" has none). */
export interface ParsedResource {
  kind: ResourceKind;
  segments: string[];
}

/** A resource path that does not follow the syntax, with the path and what is wrong. */
export class ResourcePathError extends Error {
  constructor(
    readonly resource: string,
    readonly detail: string,
  ) {
    super(`resource ${JSON.stringify(resource)}: ${detail}`);
    this.name = "ResourcePathError";
  }
}

const KIND_SET: ReadonlySet<string> = new Set(RESOURCE_KINDS);
// Control characters and whitespace other than the plain space would make a path that looks equal to
// another one in a log or an editor.
const BAD_CHAR = /[\u0000-\u001f\u007f\u0085\u00a0\u2028\u2029\t]/;

export function isResourceKind(s: string): s is ResourceKind {
  return KIND_SET.has(s);
}

/**
 * Split and check a resource path. Rules: a known kind followed by ":/"; no empty segment (so no "//"
 * and no trailing "/" except in the root "kind:/"); no "." or ".." segment; no control characters.
 * An attribute segment "@Name" may appear once, only in the twin kind and not as the device: the
 * segments after it are the parts of a nested attribute ("twin:/D/P/@Outer/Inner").
 */
export function parseResource(resource: ResourcePath): ParsedResource {
  const colon = resource.indexOf(":");
  const kind = colon < 0 ? "" : resource.slice(0, colon);
  if (!isResourceKind(kind)) {
    throw new ResourcePathError(resource, `unknown kind ${JSON.stringify(kind)}; a resource starts with one of ${RESOURCE_KINDS.map((k) => k + ":/").join(", ")}`);
  }
  if (resource[colon + 1] !== "/") throw new ResourcePathError(resource, `the kind must be followed by ":/"`);
  const rest = resource.slice(colon + 2);
  if (rest === "") return { kind, segments: [] };
  if (BAD_CHAR.test(rest)) throw new ResourcePathError(resource, "contains a control character");
  const segments = rest.split("/");
  let attribute = -1;
  segments.forEach((seg, i) => {
    if (seg === "") throw new ResourcePathError(resource, `segment ${i + 1} is empty (a path has no "//" and no trailing "/")`);
    if (seg === "." || seg === "..") throw new ResourcePathError(resource, `segment ${i + 1} is ${JSON.stringify(seg)}`);
    if (seg.startsWith("@")) {
      if (kind !== "twin") throw new ResourcePathError(resource, `attribute segment ${JSON.stringify(seg)} outside the twin kind`);
      if (i === 0) throw new ResourcePathError(resource, `the first segment names the device, not an attribute`);
      if (seg === "@") throw new ResourcePathError(resource, `segment ${i + 1} is "@" without an attribute name`);
      if (attribute >= 0) throw new ResourcePathError(resource, `a second attribute segment ${JSON.stringify(seg)} (nested attributes are "@Outer/Inner")`);
      attribute = i;
    }
  });
  return { kind, segments };
}

/** The path of a kind and segments (the inverse of parseResource). */
export function formatResource(r: ParsedResource): ResourcePath {
  return `${r.kind}:/${r.segments.join("/")}`;
}
