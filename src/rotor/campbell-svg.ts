// The Campbell diagram as a self-contained SVG: damped natural frequency of each tracked mode over
// speed, the 1X (synchronous) line, and the critical speeds where a mode crosses it. Every number is
// written with a fixed format, so the same result always gives the same bytes.
import type { CampbellResult, Whirl } from "./core.js";
import { fixed, rpm } from "./format.js";

const W = 900;
const H = 560;
const PLOT = { left: 80, right: 700, top: 70, bottom: 490 };
/** Colour per tracked mode (Okabe & Ito 2008 colour-blind-safe palette, then darker tones). */
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B", "#7F7F7F", "#17BECF"];

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Coordinates with two decimals: sub-pixel enough, and byte-stable. */
const c2 = (v: number): string => fixed(v, 2);

/** A "nice" tick step (1, 2 or 5 times a power of ten) giving about `target` intervals over `span`. */
export function niceStep(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Tick label: as many decimals as the step needs, no exponent for the ranges plotted here. */
function tickLabel(v: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return fixed(v, decimals);
}

/** Whirl drawn for a mode: the most frequent of forward/backward over speed (mixed counts for neither). */
export function dominantWhirl(whirls: Whirl[]): "forward" | "backward" {
  let f = 0;
  let b = 0;
  for (const w of whirls) {
    if (w === "forward") f++;
    else if (w === "backward") b++;
  }
  return b > f ? "backward" : "forward";
}

/** Renders the Campbell diagram of `c` for the model named `name`. */
export function campbellSvg(name: string, c: Pick<CampbellResult, "results" | "critical">): string {
  const speeds = c.results.map((r) => r.speed);
  const nModes = c.results[0]?.wd.length ?? 0;
  const xMin = speeds.length > 0 ? Math.min(...speeds) : 0;
  let xMax = speeds.length > 0 ? Math.max(...speeds) : 1;
  if (!(xMax > xMin)) xMax = xMin + 1;
  let fMax = 0;
  for (const r of c.results) for (const w of r.wd) if (Number.isFinite(w) && w > fMax) fMax = w;
  if (!(fMax > 0)) fMax = xMax;
  const xStep = niceStep(xMax - xMin, 8);
  const x0 = Math.floor(xMin / xStep) * xStep;
  const x1 = Math.ceil(xMax / xStep - 1e-9) * xStep;
  const yStep = niceStep(fMax * 1.05, 8);
  const y1 = Math.ceil((fMax * 1.05) / yStep - 1e-9) * yStep;
  const px = (v: number): number => PLOT.left + ((v - x0) / (x1 - x0)) * (PLOT.right - PLOT.left);
  const py = (v: number): number => PLOT.bottom - (v / y1) * (PLOT.bottom - PLOT.top);

  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<title>Campbell diagram: ${escapeXml(name)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">Campbell diagram: ${escapeXml(name)}</text>`);

  // Grid, ticks and labels. Secondary speed axis (rpm) along the top.
  out.push(`<g id="axes" stroke="#000000" fill="none">`);
  out.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" stroke-width="1"/>`);
  out.push(`</g>`);
  const grid: string[] = [];
  const labels: string[] = [];
  const nx = Math.round((x1 - x0) / xStep);
  for (let i = 0; i <= nx; i++) {
    const v = x0 + i * xStep;
    const x = c2(px(v));
    grid.push(`<line x1="${x}" y1="${PLOT.top}" x2="${x}" y2="${PLOT.bottom}"/>`);
    labels.push(`<line x1="${x}" y1="${PLOT.bottom}" x2="${x}" y2="${PLOT.bottom + 5}" stroke="#000000"/>`);
    labels.push(`<text x="${x}" y="${PLOT.bottom + 18}" text-anchor="middle">${tickLabel(v, xStep)}</text>`);
    labels.push(`<line x1="${x}" y1="${PLOT.top}" x2="${x}" y2="${PLOT.top - 5}" stroke="#000000"/>`);
    labels.push(`<text x="${x}" y="${PLOT.top - 9}" text-anchor="middle" fill="#555555">${fixed(rpm(v), 0)}</text>`);
  }
  const ny = Math.round(y1 / yStep);
  for (let i = 0; i <= ny; i++) {
    const v = i * yStep;
    const y = c2(py(v));
    grid.push(`<line x1="${PLOT.left}" y1="${y}" x2="${PLOT.right}" y2="${y}"/>`);
    labels.push(`<line x1="${PLOT.left - 5}" y1="${y}" x2="${PLOT.left}" y2="${y}" stroke="#000000"/>`);
    labels.push(`<text x="${PLOT.left - 8}" y="${c2(py(v) + 4)}" text-anchor="end">${tickLabel(v, yStep)}</text>`);
  }
  out.push(`<g id="grid" stroke="#dddddd" stroke-width="0.5">`, ...grid, `</g>`);
  out.push(`<g id="ticks">`, ...labels, `</g>`);
  const midX = c2((PLOT.left + PLOT.right) / 2);
  const midY = c2((PLOT.top + PLOT.bottom) / 2);
  out.push(`<text x="${midX}" y="${PLOT.bottom + 40}" text-anchor="middle">rotor speed [rad/s]</text>`);
  out.push(`<text x="${midX}" y="${PLOT.top - 28}" text-anchor="middle" fill="#555555">rotor speed [rpm]</text>`);
  out.push(`<text x="22" y="${midY}" text-anchor="middle" transform="rotate(-90 22 ${midY})">damped natural frequency [rad/s]</text>`);

  // Curves, clipped to the plot area.
  out.push(`<defs><clipPath id="plot"><rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}"/></clipPath></defs>`);
  out.push(`<g clip-path="url(#plot)" fill="none" stroke-width="1.8">`);
  // 1X: frequency = speed.
  out.push(`<line id="one-x" x1="${c2(px(x0))}" y1="${c2(py(x0))}" x2="${c2(px(x1))}" y2="${c2(py(x1))}" stroke="#000000" stroke-width="1.2" stroke-dasharray="2 3"/>`);
  const whirls: ("forward" | "backward")[] = [];
  for (let j = 0; j < nModes; j++) {
    const whirl = dominantWhirl(c.results.map((r) => r.whirl[j]!));
    whirls.push(whirl);
    // One path per tracked mode; a gap (mode absent at some speeds) starts a new sub-path.
    let d = "";
    let pen = false;
    for (const r of c.results) {
      const w = r.wd[j]!;
      if (!Number.isFinite(w)) {
        pen = false;
        continue;
      }
      d += `${d === "" ? "" : " "}${pen ? "L" : "M"}${c2(px(r.speed))} ${c2(py(w))}`;
      pen = true;
    }
    const dash = whirl === "backward" ? ` stroke-dasharray="7 4"` : "";
    out.push(`<path class="mode" data-mode="${j + 1}" data-whirl="${whirl}" d="${d}" stroke="${COLOURS[j % COLOURS.length]}"${dash}/>`);
  }
  out.push(`</g>`);

  // Critical speeds on the 1X line. A label goes right-below or left-above its point (both sides stay
  // clear of the rising 1X line), at the first candidate that is inside the plot and does not overlap
  // a label already placed (right-above, across the line, only near the origin); widths are estimated at 6.5 px per character (11 px font).
  out.push(`<g id="critical" font-size="11">`);
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  for (const k of c.critical) {
    if (k.speed < x0 || k.speed > x1 || k.speed > y1) continue;
    const x = px(k.speed);
    const y = py(k.speed);
    const colour = COLOURS[k.mode % COLOURS.length];
    const label = `${fixed(rpm(k.speed), 0)} rpm`;
    const w = 6.5 * label.length;
    const candidates = [
      { left: false, dy: 16 },
      { left: true, dy: -8 },
      { left: false, dy: 30 },
      { left: true, dy: -22 },
      { left: false, dy: 44 },
      { left: true, dy: -36 },
      // last resort (a crossing near the origin): right-above, across the 1X line
      { left: false, dy: -8 },
      { left: false, dy: -22 },
      { left: false, dy: -36 },
    ].map((p) => {
      const bx0 = p.left ? x - 8 - w : x + 8;
      return { ...p, box: { x0: bx0, y0: y + p.dy - 10, x1: bx0 + w, y1: y + p.dy + 2 } };
    });
    const inside = (b: { x0: number; y0: number; x1: number; y1: number }): boolean =>
      b.x0 >= PLOT.left && b.x1 <= PLOT.right && b.y0 >= PLOT.top && b.y1 <= PLOT.bottom;
    const free = (b: { x0: number; y0: number; x1: number; y1: number }): boolean =>
      placed.every((q) => b.x1 < q.x0 || b.x0 > q.x1 || b.y1 < q.y0 || b.y0 > q.y1);
    const pick = candidates.find((p) => inside(p.box) && free(p.box)) ?? candidates.find((p) => inside(p.box)) ?? candidates[0]!;
    placed.push(pick.box);
    out.push(`<circle cx="${c2(x)}" cy="${c2(y)}" r="5" fill="none" stroke="${colour}" stroke-width="2"/>`);
    out.push(
      `<text x="${c2(pick.left ? x - 8 : x + 8)}" y="${c2(y + pick.dy)}" text-anchor="${pick.left ? "end" : "start"}" fill="${colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${label}</text>`,
    );
  }
  out.push(`</g>`);

  // Legend beside the plot.
  const lx = PLOT.right + 20;
  out.push(`<g id="legend">`);
  out.push(`<text x="${lx}" y="${PLOT.top + 4}" font-weight="bold">modes</text>`);
  for (let j = 0; j < nModes; j++) {
    const y = PLOT.top + 22 + 18 * j;
    const dash = whirls[j] === "backward" ? ` stroke-dasharray="7 4"` : "";
    out.push(`<line x1="${lx}" y1="${y}" x2="${lx + 30}" y2="${y}" stroke="${COLOURS[j % COLOURS.length]}" stroke-width="1.8"${dash}/>`);
    out.push(`<text x="${lx + 38}" y="${y + 4}">mode ${j + 1} (${whirls[j] === "backward" ? "BW" : "FW"})</text>`);
  }
  let y = PLOT.top + 22 + 18 * nModes + 8;
  out.push(`<line x1="${lx}" y1="${y}" x2="${lx + 30}" y2="${y}" stroke="#000000" stroke-width="1.2" stroke-dasharray="2 3"/>`);
  out.push(`<text x="${lx + 38}" y="${y + 4}">1X</text>`);
  y += 18;
  out.push(`<circle cx="${lx + 15}" cy="${y}" r="5" fill="none" stroke="#000000" stroke-width="2"/>`);
  out.push(`<text x="${lx + 38}" y="${y + 4}">critical speed</text>`);
  y += 26;
  out.push(`<text x="${lx}" y="${y}" fill="#555555">solid: forward whirl</text>`);
  out.push(`<text x="${lx}" y="${y + 16}" fill="#555555">dashed: backward whirl</text>`);
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
