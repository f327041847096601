// SPC charts from the runner's `spc` records, one per monitor, drawn as SVG in the look of the CLI's
// charts (src/spc/svg.ts: its colours, zone bands C/B/A, centre line 1.5 px, dashed 7 4 limits,
// statistic line with points, flagged points red with their rule codes). σ = (UCL − centre)/3: the
// 3σ Shewhart limits (Montgomery, Introduction to Statistical Quality Control, §6.2).
import { h, s, num, clear } from "./dom.js";

const KEEP = 60;
const W = 1000;
const H = 300;
const LEFT = 78;
const RIGHT = 128;
const TOP = 20;
const BOTTOM = 34;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;
const COLORS = {
  zoneC: "#e6f2e6", zoneB: "#fbf3d5", zoneA: "#fae0dd", center: "#2e7d32", limit: "#c62828", line: "#1f4e79",
  flag: "#d62728", grid: "#dddddd", axis: "#333333", text: "#222222", muted: "#666666",
};
// short codes of src/spc/rules.ts RULE_INFO; the WE rules that duplicate a Nelson rule at the same point are left out (as ruleCodes does)
const SHORT = { we1: "WE1", we2: "WE2", we3: "WE3", we4: "WE4", nelson1: "N1", nelson2: "N2", nelson3: "N3", nelson4: "N4", nelson5: "N5", nelson6: "N6", nelson7: "N7", nelson8: "N8", beyond: "UCL/LCL" };
const DUP = { we1: "nelson1", we2: "nelson5", we3: "nelson6" };

export function ruleCodes(rules) {
  const has = new Set(rules);
  return rules.filter((r) => !(DUP[r] && has.has(DUP[r]))).map((r) => SHORT[r] ?? String(r));
}

const c2 = (v) => (Math.abs(v) < 0.005 ? "0.00" : v.toFixed(2));

/** @param {string} monitor @param {{ t: number, value: number, center: number, lcl: number, ucl: number, rules: string[] }[]} pts */
export function spcSvg(monitor, pts) {
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": `control chart of ${monitor}`, "font-family": "Helvetica, Arial, sans-serif", "data-testid": "spc-svg" });
  svg.append(s("rect", { x: 0, y: 0, width: W, height: H, fill: "#ffffff" }));
  const m = pts.length;
  if (m === 0) return svg;
  let lo = Infinity, hi = -Infinity;
  for (const p of pts) for (const v of [p.value, p.lcl, p.ucl, p.center]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(hi > lo)) { hi = lo + 1; lo -= 1; }
  const pad = 0.08 * (hi - lo);
  lo -= pad; hi += pad;
  const yOf = (v) => TOP + PLOT_H - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * PLOT_H;
  const slot = PLOT_W / KEEP;
  const half = slot / 2;
  const xOf = (i) => LEFT + (i + 0.5) * slot;
  // grid
  const raw = (hi - lo) / 6, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  const grid = s("g", { stroke: COLORS.grid, "stroke-width": 1 });
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) ticks.push(t);
  for (const t of ticks) grid.append(s("line", { x1: LEFT, y1: c2(yOf(t)), x2: LEFT + PLOT_W, y2: c2(yOf(t)) }));
  svg.append(grid);
  // zones per point: C within 1σ, B 1–2σ, A 2–3σ, both sides
  const band = (i, a, b, color) => {
    const p = pts[i];
    const sigma = (p.ucl - p.center) / 3;
    if (!(sigma > 0)) return;
    for (const sign of [1, -1]) {
      const y1 = yOf(p.center + sign * a * sigma), y2 = yOf(p.center + sign * b * sigma);
      svg.append(s("rect", { x: c2(xOf(i) - half), y: c2(Math.min(y1, y2)), width: c2(slot), height: c2(Math.abs(y2 - y1)), fill: color, stroke: "none", class: `zone zone-${color === COLORS.zoneC ? "c" : color === COLORS.zoneB ? "b" : "a"}` }));
    }
  };
  for (let i = 0; i < m; i++) { band(i, 0, 1, COLORS.zoneC); band(i, 1, 2, COLORS.zoneB); band(i, 2, 3, COLORS.zoneA); }
  // centre line and limits, stepped per point
  const step1 = (key) => {
    let d = "";
    for (let i = 0; i < m; i++) {
      const y = c2(yOf(pts[i][key]));
      d += `${i === 0 ? "M" : "V"}${i === 0 ? `${c2(xOf(i) - half)} ${y}` : y}H${c2(xOf(i) + half)}`;
    }
    return d;
  };
  svg.append(s("path", { d: step1("center"), fill: "none", stroke: COLORS.center, "stroke-width": 1.5, "data-testid": "spc-center" }));
  for (const k of ["lcl", "ucl"]) svg.append(s("path", { d: step1(k), fill: "none", stroke: COLORS.limit, "stroke-width": 1.5, "stroke-dasharray": "7 4", "data-testid": `spc-${k}` }));
  // limit values at the right
  const last = pts[m - 1];
  const labels = [
    { y: yOf(last.ucl), text: `UCL = ${num(last.ucl)}`, color: COLORS.limit },
    { y: yOf(last.center), text: `CL = ${num(last.center)}`, color: COLORS.center },
    { y: yOf(last.lcl), text: `LCL = ${num(last.lcl)}`, color: COLORS.limit },
  ].sort((a, b) => a.y - b.y);
  for (let k = 1; k < labels.length; k++) if (labels[k].y - labels[k - 1].y < 13) labels[k].y = labels[k - 1].y + 13;
  for (const l of labels) svg.append(s("text", { x: LEFT + PLOT_W + 8, y: c2(l.y + 4), "font-size": 12, fill: l.color }, l.text));
  // the statistic and its points
  let d = "";
  for (let i = 0; i < m; i++) d += `${i === 0 ? "M" : "L"}${c2(xOf(i))} ${c2(yOf(pts[i].value))}`;
  svg.append(s("path", { d, fill: "none", stroke: COLORS.line, "stroke-width": 1.5, "stroke-linejoin": "round" }));
  for (let i = 0; i < m; i++) {
    const p = pts[i];
    const codes = Array.isArray(p.rules) ? ruleCodes(p.rules) : [];
    const red = codes.length > 0 || p.value > p.ucl || p.value < p.lcl;
    const x = xOf(i), y = yOf(p.value);
    svg.append(s("circle", { cx: c2(x), cy: c2(y), r: red ? 4.5 : 3, fill: red ? COLORS.flag : COLORS.line, "data-testid": red ? "spc-flag" : "spc-point" }));
    if (codes.length) {
      const above = p.value >= p.center;
      const up = above ? y - (codes.length * 10 + 6) >= TOP : y + codes.length * 10 + 6 > TOP + PLOT_H;
      codes.forEach((code, k) => {
        const ty = up ? y - 8 - (codes.length - 1 - k) * 10 : y + 15 + k * 10;
        svg.append(s("text", { x: c2(x), y: c2(ty), "font-size": 9, "font-weight": "bold", fill: COLORS.flag, "text-anchor": "middle", "data-testid": "spc-rule" }, code));
      });
    }
  }
  // axes
  svg.append(s("rect", { x: LEFT, y: TOP, width: PLOT_W, height: PLOT_H, fill: "none", stroke: COLORS.axis, "stroke-width": 1 }));
  for (const t of ticks) svg.append(s("text", { x: LEFT - 6, y: c2(yOf(t) + 4), "font-size": 11, fill: COLORS.text, "text-anchor": "end" }, String(Number(t.toPrecision(6)))));
  svg.append(s("text", { transform: `translate(${LEFT - 52} ${c2(TOP + PLOT_H / 2)}) rotate(-90)`, "font-size": 13, fill: COLORS.text, "text-anchor": "middle" }, monitor));
  svg.append(s("text", { x: c2(LEFT), y: H - 10, "font-size": 11, fill: COLORS.muted }, `t = ${num(pts[0].t)} s`));
  svg.append(s("text", { x: c2(LEFT + PLOT_W), y: H - 10, "font-size": 11, fill: COLORS.muted, "text-anchor": "end" }, `t = ${num(last.t)} s`));
  return svg;
}

export function createSpcView(ctx, panel) {
  /** monitor → points (last KEEP) */
  const series = new Map();
  const dirtySet = new Set();
  const boxes = new Map();
  let built = false;
  let holder;

  const offHello = ctx.feed.on("hello", (hello) => {
    for (const m of Array.isArray(hello.monitors) ? hello.monitors : []) if (typeof m === "string" && !series.has(m)) series.set(m, []);
  });
  const off = ctx.feed.on("spc", (r) => {
    if (typeof r.monitor !== "string" || typeof r.value !== "number") return;
    let pts = series.get(r.monitor);
    if (!pts) series.set(r.monitor, (pts = []));
    pts.push({ t: r.t, value: r.value, center: r.center, lcl: r.lcl, ucl: r.ucl, rules: Array.isArray(r.rules) ? r.rules.map(String) : [] });
    if (pts.length > KEEP) pts.splice(0, pts.length - KEEP);
    dirtySet.add(r.monitor);
  });

  function box(monitor) {
    let b = boxes.get(monitor);
    if (!b) {
      const id = `spc-title-${boxes.size}`;
      b = h("section", { class: "card spc", "data-testid": "spc-chart", "data-monitor": monitor, "aria-labelledby": id }, h("h3", { id }, monitor), h("div", { class: "spc-holder" }));
      boxes.set(monitor, b);
      holder.append(b);
    }
    return b;
  }

  return {
    show() {
      if (!built) {
        holder = h("div", { class: "two-col" });
        panel.append(holder);
        built = true;
        for (const m of series.keys()) dirtySet.add(m);
      }
    },
    frame(visible) {
      if (!visible || !built || dirtySet.size === 0) return false;
      for (const m of dirtySet) {
        const pts = series.get(m) ?? [];
        const b = box(m);
        const wrap = b.querySelector(".spc-holder");
        clear(wrap);
        if (pts.length === 0) wrap.append(h("p", { class: "muted" }, "No points yet"));
        else wrap.append(spcSvg(m, pts));
      }
      dirtySet.clear();
      return true;
    },
    dispose() {
      off();
      offHello();
    },
  };
}
