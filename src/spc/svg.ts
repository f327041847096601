// A control chart as a self-contained SVG: zone bands (C within 1σ, B 1-2σ, A 2-3σ: the zones the
// rules use, at L/3 and 2L/3 under qcc's conventions), centre line, control limits (stepped where
// they vary per sample), the statistic joined by a line, points flagged by a rule in red with the
// rule codes next to them, the R/S/MR chart below with its own zones and rule flags, a legend of the
// rules that fired. Every number is written with a fixed format: the same chart always gives the
// same bytes.
import { zoneMultipliers } from "./conventions.js";
import { RULE_INFO } from "./rules.js";
import { chartTitle, fmt, rulesBySample } from "./report.js";
import type { ChartSeries, ControlChart, RuleName } from "./types.js";
import { NELSON_RULES, WE_RULES } from "./types.js";

const W = 1000;
const LEFT = 78;
const RIGHT = 128; // room for the limit values at the right
const PLOT_W = W - LEFT - RIGHT;
const COLORS = {
  zoneC: "#e6f2e6",
  zoneB: "#fbf3d5",
  zoneA: "#fae0dd",
  center: "#2e7d32",
  limit: "#c62828",
  line: "#1f4e79",
  lower: "#e07b00",
  flag: "#d62728",
  grid: "#dddddd",
  axis: "#333333",
  text: "#222222",
  muted: "#666666",
};

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Coordinate with two decimals; never "-0.00". */
function c2(v: number): string {
  const s = v.toFixed(2);
  return s === "-0.00" ? "0.00" : s;
}

/** A "nice" tick step (1, 2 or 5 times a power of ten) giving about `target` intervals over `span`. */
function niceStep(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Limit values at the right edge: 5 significant digits. */
function short(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-4 && a < 1e7 ? String(Number(v.toPrecision(5))) : v.toExponential(3);
}

function tickText(v: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const s = v.toFixed(Math.min(decimals, 10));
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Short codes of the rules at a point, without the WE rules that duplicate a Nelson rule there. */
export function ruleCodes(rules: readonly RuleName[]): string[] {
  const has = new Set(rules);
  const dup: Partial<Record<RuleName, RuleName>> = { we1: "nelson1", we2: "nelson5", we3: "nelson6" };
  return rules.filter((r) => !(dup[r] !== undefined && has.has(dup[r]!))).map((r) => RULE_INFO[r].short);
}

interface Panel {
  top: number;
  height: number;
  yTitle: string;
  /** the plotted series; `negate` plots −stat (CUSUM lower sum); `red`: sample numbers drawn in red */
  lines: { s: ChartSeries; negate: boolean; color: string; red: Set<number> }[];
  /** limits and centre drawn from this series */
  limits: { s: ChartSeries; negate: boolean }[];
  /** zone boundaries in standard errors (C | B | A | limit), or none */
  zones: readonly [number, number, number] | null;
  /** labels per sample number for flagged points */
  flags: Map<number, string[]>;
  xLabels: boolean;
  /** write "phase I | phase II" at the divider */
  phaseText: boolean;
}

class Svg {
  readonly parts: string[] = [];
  add(s: string): void {
    this.parts.push(s);
  }
}

function stepPath(samples: Int32Array, y: (i: number) => number, xOf: (s: number) => number, half: number): string {
  // horizontal segment per sample, vertical joins where the value changes
  let d = "";
  for (let i = 0; i < samples.length; i++) {
    const x0 = xOf(samples[i]!) - half;
    const x1 = xOf(samples[i]!) + half;
    const yy = y(i);
    if (!Number.isFinite(yy)) continue;
    d += i === 0 || !Number.isFinite(y(i - 1)) ? `M${c2(x0)} ${c2(yy)}` : `V${c2(yy)}`;
    d += `H${c2(x1)}`;
  }
  return d;
}

function bandPath(samples: Int32Array, lo: (i: number) => number, hi: (i: number) => number, xOf: (s: number) => number, half: number): string {
  // one closed polygon: upper edge left to right, lower edge back
  let top = "";
  let bottom = "";
  for (let i = 0; i < samples.length; i++) {
    const x0 = c2(xOf(samples[i]!) - half);
    const x1 = c2(xOf(samples[i]!) + half);
    top += `${i === 0 ? "M" : "L"}${x0} ${c2(hi(i))}L${x1} ${c2(hi(i))}`;
  }
  for (let i = samples.length - 1; i >= 0; i--) {
    const x0 = c2(xOf(samples[i]!) - half);
    const x1 = c2(xOf(samples[i]!) + half);
    bottom += `L${x1} ${c2(lo(i))}L${x0} ${c2(lo(i))}`;
  }
  return top + bottom + "Z";
}

function drawPanel(svg: Svg, p: Panel, m: number, labels: string[], xOf: (s: number) => number, half: number, phase1End: number, excluded: Set<number>): void {
  const { top, height } = p;
  const bottom = top + height;
  // value range over statistics and limits
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number): void => {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  };
  for (const { s, negate } of [...p.lines, ...p.limits]) {
    const g = negate ? -1 : 1;
    for (let i = 0; i < s.stats.length; i++) take(g * s.stats[i]!);
  }
  for (const { s, negate } of p.limits) {
    const g = negate ? -1 : 1;
    for (let i = 0; i < s.stats.length; i++) {
      take(g * s.lcl[i]!);
      take(g * s.ucl[i]!);
      take(g * s.center[i]!);
    }
  }
  if (!(hi > lo)) {
    hi = lo + 1;
    lo = lo - 1;
  }
  const pad = 0.08 * (hi - lo);
  lo -= pad;
  hi += pad;
  const yOf = (v: number): number => bottom - ((v - lo) / (hi - lo)) * height;
  // frame and grid
  const step = niceStep(hi - lo, 6);
  svg.add(`<g class="grid" stroke="${COLORS.grid}" stroke-width="1">`);
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) ticks.push(t);
  for (const t of ticks) svg.add(`<line x1="${LEFT}" y1="${c2(yOf(t))}" x2="${LEFT + PLOT_W}" y2="${c2(yOf(t))}"/>`);
  svg.add(`</g>`);
  // zones
  const z = p.zones ? p.limits[0] : undefined;
  if (z && p.zones) {
    const [k1, k2, k3] = p.zones;
    const s = z.s;
    const clampY = (v: number): number => yOf(Math.min(hi, Math.max(lo, v)));
    const band = (a: number, b: number, color: string, clampToLimits: boolean): void => {
      for (const sign of [1, -1]) {
        const edge = (i: number, k: number): number => {
          let v = s.center[i]! + sign * k * s.se[i]!;
          if (clampToLimits) v = sign > 0 ? Math.min(v, s.ucl[i]!) : Math.max(v, s.lcl[i]!);
          return clampY(v);
        };
        const d = bandPath(s.samples, (i) => edge(i, a), (i) => edge(i, b), xOf, half);
        svg.add(`<path d="${d}" fill="${color}" stroke="none"/>`);
      }
    };
    band(0, k1, COLORS.zoneC, true);
    band(k1, k2, COLORS.zoneB, true);
    band(k2, k3, COLORS.zoneA, true);
    // zone letters at the right edge of the band, from the last sample
    const i = s.stats.length - 1;
    const c = s.center[i]!;
    const e = s.se[i]!;
    if (e > 0 && Number.isFinite(e)) {
      const x = LEFT + 5;
      for (const [k, name] of [[k1 / 2, "C"], [(k1 + k2) / 2, "B"], [(k2 + k3) / 2, "A"]] as const) {
        for (const sign of [1, -1]) {
          const v = c + sign * k * e;
          if (v > lo && v < hi && (sign > 0 ? v < s.ucl[i]! : v > s.lcl[i]!)) {
            svg.add(`<text x="${c2(x)}" y="${c2(yOf(v) + 4)}" font-size="11" fill="${COLORS.muted}">${name}</text>`);
          }
        }
      }
    }
  }
  // phase I / phase II divider
  if (phase1End < m) {
    const x = xOf(phase1End) + half;
    svg.add(`<line x1="${c2(x)}" y1="${top}" x2="${c2(x)}" y2="${bottom}" stroke="${COLORS.muted}" stroke-width="1" stroke-dasharray="2 3"/>`);
    if (p.phaseText) {
      svg.add(`<text x="${c2(x - 4)}" y="${top + 13}" font-size="11" fill="${COLORS.muted}" text-anchor="end">phase I</text>`);
      svg.add(`<text x="${c2(x + 4)}" y="${top + 13}" font-size="11" fill="${COLORS.muted}">phase II</text>`);
    }
  }
  // centre and limits
  for (const { s, negate } of p.limits) {
    const g = negate ? -1 : 1;
    svg.add(`<path d="${stepPath(s.samples, (i) => yOf(g * s.center[i]!), xOf, half)}" fill="none" stroke="${COLORS.center}" stroke-width="1.5"/>`);
    for (const arr of negate ? [s.ucl] : [s.lcl, s.ucl]) {
      svg.add(`<path d="${stepPath(s.samples, (i) => yOf(g * arr[i]!), xOf, half)}" fill="none" stroke="${COLORS.limit}" stroke-width="1.5" stroke-dasharray="7 4"/>`);
    }
  }
  // limit values at the right
  const rightLabels: { y: number; text: string; color: string }[] = [];
  for (const { s, negate } of p.limits) {
    const i = s.stats.length - 1;
    if (i < 0) continue;
    const g = negate ? -1 : 1;
    if (negate) {
      rightLabels.push({ y: yOf(-s.ucl[i]!), text: `−h = ${short(-s.ucl[i]!)}`, color: COLORS.limit });
      continue;
    }
    rightLabels.push({ y: yOf(g * s.ucl[i]!), text: `${s.kind.startsWith("cusum") ? "h" : "UCL"} = ${short(s.ucl[i]!)}`, color: COLORS.limit });
    rightLabels.push({ y: yOf(g * s.center[i]!), text: `CL = ${short(s.center[i]!)}`, color: COLORS.center });
    if (!s.kind.startsWith("cusum")) rightLabels.push({ y: yOf(g * s.lcl[i]!), text: `LCL = ${short(s.lcl[i]!)}`, color: COLORS.limit });
  }
  rightLabels.sort((a, b) => a.y - b.y);
  for (let k = 1; k < rightLabels.length; k++) {
    if (rightLabels[k]!.y - rightLabels[k - 1]!.y < 13) rightLabels[k]!.y = rightLabels[k - 1]!.y + 13; // keep apart
  }
  for (const l of rightLabels) svg.add(`<text x="${LEFT + PLOT_W + 8}" y="${c2(l.y + 4)}" font-size="12" fill="${l.color}">${esc(l.text)}</text>`);
  // the statistic
  const dense = m > 150;
  for (const { s, negate, color, red: redSet } of p.lines) {
    const g = negate ? -1 : 1;
    let d = "";
    let pen = false;
    for (let i = 0; i < s.stats.length; i++) {
      const v = g * s.stats[i]!;
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${c2(xOf(s.samples[i]!))} ${c2(yOf(v))}`;
      pen = true;
    }
    svg.add(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${dense ? 1 : 1.5}" stroke-linejoin="round"/>`);
    for (let i = 0; i < s.stats.length; i++) {
      const sample = s.samples[i]!;
      const v = g * s.stats[i]!;
      if (!Number.isFinite(v)) continue;
      const red = redSet.has(sample);
      if (dense && !red) continue;
      const x = xOf(sample);
      const y = yOf(v);
      if (excluded.has(sample)) {
        svg.add(`<circle cx="${c2(x)}" cy="${c2(y)}" r="${red ? 4.5 : 3.5}" fill="#ffffff" stroke="${red ? COLORS.flag : color}" stroke-width="1.5"/>`);
      } else {
        svg.add(`<circle cx="${c2(x)}" cy="${c2(y)}" r="${red ? 4.5 : 3}" fill="${red ? COLORS.flag : color}"/>`);
      }
      const codes = p.flags.get(sample);
      if (codes && codes.length && !dense) {
        // stacked codes above the point (below it when there is no room above)
        const lineH = 10;
        const above = s.center[i]! <= s.stats[i]! !== negate;
        const needed = codes.length * lineH + 6;
        const up = above ? y - needed >= top : y + needed > bottom;
        codes.forEach((code, k) => {
          const ty = up ? y - 8 - (codes.length - 1 - k) * lineH : y + 15 + k * lineH;
          svg.add(`<text x="${c2(x)}" y="${c2(ty)}" font-size="9" font-weight="bold" fill="${COLORS.flag}" text-anchor="middle">${esc(code)}</text>`);
        });
      }
    }
  }
  // axes
  svg.add(`<rect x="${LEFT}" y="${top}" width="${PLOT_W}" height="${height}" fill="none" stroke="${COLORS.axis}" stroke-width="1"/>`);
  for (const t of ticks) {
    svg.add(`<text x="${LEFT - 6}" y="${c2(yOf(t) + 4)}" font-size="11" fill="${COLORS.text}" text-anchor="end">${tickText(t, step)}</text>`);
  }
  svg.add(`<text transform="translate(${LEFT - 52} ${c2(top + height / 2)}) rotate(-90)" font-size="13" fill="${COLORS.text}" text-anchor="middle">${esc(p.yTitle)}</text>`);
  // sample ticks and labels
  const maxLen = Math.max(1, ...labels.map((l) => l.length));
  const spacing = PLOT_W / Math.max(1, m);
  const every = Math.max(1, Math.ceil((maxLen * 6.5 + 8) / spacing));
  const nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((k) => k >= every) ?? every;
  for (let s = 1; s <= m; s++) {
    if (s % nice !== 0 && !(nice > 1 && s === 1)) continue;
    const x = xOf(s);
    svg.add(`<line x1="${c2(x)}" y1="${bottom}" x2="${c2(x)}" y2="${bottom + 4}" stroke="${COLORS.axis}"/>`);
    if (p.xLabels) svg.add(`<text x="${c2(x)}" y="${bottom + 16}" font-size="11" fill="${COLORS.text}" text-anchor="middle">${esc(labels[s - 1]!)}</text>`);
  }
}

/** Options of the SVG drawing. */
export interface SvgOptions {
  /** shown in the title, e.g. the input file name */
  source?: string;
}

const Y_TITLES: Record<string, string> = {
  xbar: "subgroup mean x̄", r: "range R", s: "std. deviation S", i: "individual value x", mr: "moving range MR",
  p: "fraction defective p", np: "number defective np", c: "defects c", u: "defects per unit u", ewma: "EWMA z",
};

/** The chart drawn as a standalone SVG document (`twin spc KIND --svg`): zones, limits, points, flagged signals. */
export function chartSvg(c: ControlChart, o: SvgOptions = {}): string {
  const m = c.primary.stats.length;
  const labels = c.labels ?? Array.from(c.primary.samples, String);
  const bySample = rulesBySample(c);
  const flags = new Map<number, string[]>();
  for (const [s, rules] of bySample) flags.set(s, ruleCodes(rules));
  const red = new Set<number>([...c.beyond, ...bySample.keys()]);
  const secBySample = rulesBySample(c, c.secondaryRules);
  const secFlags = new Map<number, string[]>();
  for (const [s, rules] of secBySample) secFlags.set(s, ruleCodes(rules));
  const { one, two } = zoneMultipliers(c.conventions, c.width);
  const zones = [one, two, c.width] as const;
  const half = PLOT_W / Math.max(1, m) / 2;
  const xOf = (s: number): number => LEFT + ((s - 0.5) / Math.max(1, m)) * PLOT_W;
  const excluded = new Set(c.excluded);
  const fired = new Set([...bySample.values(), ...secBySample.values()].flat());
  const firedRules = [...NELSON_RULES, ...WE_RULES].filter((r) => fired.has(r));
  const legendCodes = new Map<string, string>();
  for (const r of firedRules) {
    const code = RULE_INFO[r].short;
    if ([...flags.values(), ...secFlags.values()].some((l) => l.includes(code))) legendCodes.set(code, RULE_INFO[r].text);
  }
  if (c.chart === "cusum") {
    const k = c.cusum!;
    legendCodes.set("C⁺ > h", `(upward shift, blue): ${k.signalsUpper.length ? k.signalsUpper.join(", ") : "none"}`);
    legendCodes.set("C⁻ > h", `(downward shift, orange): ${k.signalsLower.length ? k.signalsLower.join(", ") : "none"}`);
  }
  const primaryH = 330;
  const secondaryH = 190;
  const top0 = 74;
  const hasSecondary = c.secondary !== undefined && c.chart !== "cusum";
  const secTop = top0 + primaryH + 52;
  const plotBottom = hasSecondary ? secTop + secondaryH : top0 + primaryH;
  const legendLines = Math.ceil(legendCodes.size / 2);
  const H = plotBottom + 58 + (legendLines > 0 ? 8 + legendLines * 16 : 0) + (c.excluded.length ? 16 : 0);
  const svg = new Svg();
  svg.add(`<?xml version="1.0" encoding="UTF-8"?>`);
  svg.add(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">`);
  svg.add(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  const title = `${chartTitle(c)}${o.source ? ` — ${o.source}` : ""}`;
  svg.add(`<text x="${LEFT}" y="28" font-size="18" font-weight="bold" fill="${COLORS.text}">${esc(title)}</text>`);
  const sizes = c.sizes.every((n) => n === c.sizes[0]) ? `n = ${fmt(c.sizes[0] ?? 0)}` : "n varies";
  const p = c.params;
  const est = (known: boolean): string => (known ? "standard" : "estimated");
  let sub = `${m} samples, ${sizes}, phase I ${c.phase1[0]}–${c.phase1[1]}`;
  if (c.chart === "cusum") sub += `; μ₀ = ${fmt(p.center)}, σ = ${fmt(p.sigma)}, k = ${fmt(c.cusum!.k)}, h = ${fmt(c.cusum!.h)}`;
  else if (Number.isFinite(p.sigma)) sub += `; σ = ${fmt(p.sigma)} (${est(p.sigmaKnown)}), limits ±${fmt(c.width)}σ`;
  else sub += `; limits ±${fmt(c.width)} standard errors`;
  if (c.ewma) sub += `, λ = ${fmt(c.ewma.lambda)}`;
  svg.add(`<text x="${LEFT}" y="50" font-size="13" fill="${COLORS.muted}">${esc(sub)}</text>`);
  if (c.chart === "cusum") {
    const lower = c.secondary!;
    drawPanel(svg, {
      top: top0, height: primaryH, yTitle: "C⁺ (up), −C⁻ (down)",
      lines: [
        { s: c.primary, negate: false, color: COLORS.line, red: new Set(c.cusum!.signalsUpper) },
        { s: lower, negate: true, color: COLORS.lower, red: new Set(c.cusum!.signalsLower) },
      ],
      limits: [{ s: c.primary, negate: false }, { s: lower, negate: true }],
      zones: null, flags: new Map(), xLabels: true, phaseText: true,
    }, m, labels, xOf, half, c.phase1[1], excluded);
  } else {
    drawPanel(svg, {
      top: top0, height: primaryH, yTitle: Y_TITLES[c.primary.kind] ?? c.primary.kind,
      lines: [{ s: c.primary, negate: false, color: COLORS.line, red }], limits: [{ s: c.primary, negate: false }],
      zones: c.chart !== "ewma" ? zones : null, flags, xLabels: true, phaseText: true,
    }, m, labels, xOf, half, c.phase1[1], excluded);
  }
  if (hasSecondary) {
    const s = c.secondary!;
    // the R/S/MR chart: its zones and the rules that fired on it, as on the primary chart
    drawPanel(svg, {
      top: secTop, height: secondaryH, yTitle: Y_TITLES[s.kind] ?? s.kind,
      lines: [{ s, negate: false, color: COLORS.line, red: new Set([...c.secondaryBeyond, ...secBySample.keys()]) }], limits: [{ s, negate: false }],
      zones, flags: secFlags, xLabels: true, phaseText: false,
    }, m, labels, xOf, half, c.phase1[1], excluded);
  }
  svg.add(`<text x="${c2(LEFT + PLOT_W / 2)}" y="${plotBottom + 36}" font-size="13" fill="${COLORS.text}" text-anchor="middle">sample</text>`);
  let y = plotBottom + 58;
  const entries = [...legendCodes.entries()];
  if (entries.length) {
    svg.add(`<text x="${LEFT}" y="${y}" font-size="12" font-weight="bold" fill="${COLORS.flag}">Signals:</text>`);
    entries.forEach(([code, text], k) => {
      const col = k % 2;
      const row = Math.floor(k / 2);
      svg.add(`<text x="${LEFT + 64 + col * 400}" y="${y + row * 16}" font-size="12" fill="${COLORS.text}"><tspan font-weight="bold" fill="${COLORS.flag}">${esc(code)}</tspan> ${esc(text)}</text>`);
    });
    y += legendLines * 16 + 8;
  }
  if (c.excluded.length) {
    svg.add(`<text x="${LEFT}" y="${y}" font-size="12" fill="${COLORS.muted}">Open circles: phase-I samples excluded when the limits were revised (${c.excluded.join(", ")}).</text>`);
  }
  svg.add(`</svg>`);
  return svg.parts.join("\n") + "\n";
}
