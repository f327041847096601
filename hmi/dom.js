// A small element builder: text always goes in as text nodes (never as HTML), so names and values
// from the model cannot inject markup.
/**
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs] attributes; "on<event>" keys add listeners, `dataset`/`hidden` set properties
 * @param {...(Node | string | number | null | undefined | false)} children
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "hidden") el.hidden = Boolean(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes. */
export function s(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A number for display: 4 significant digits, integers as they are. */
export function num(v) {
  if (typeof v !== "number") return v === null || v === undefined ? "–" : String(v);
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

/** Wall-clock time of ms since the epoch, as hh:mm:ss. */
export function clock(ms) {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "–";
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

/** Remove every child. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}
