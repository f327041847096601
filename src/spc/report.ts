// The JSON report of shared/spec/spc.md and the human-readable table. A per-sample quantity that is
// the same for every sample is written as one number, otherwise as an array (p, u, unequal n, EWMA).
import type { CapabilityReport } from "./capability.js";
import { presetName } from "./conventions.js";
import { RULE_INFO } from "./rules.js";
import type { ChartSeries, ControlChart, RuleName, RuleReport } from "./types.js";
import { ALL_RULES } from "./types.js";

/** One number when all entries are equal, else the array. */
export function compact(a: Float64Array): number | number[] {
  if (a.length > 0 && a.every((x) => x === a[0])) return a[0]!;
  return Array.from(a);
}

function seriesJson(s: ChartSeries, withSamples: boolean, rules?: RuleReport): Record<string, unknown> {
  const out: Record<string, unknown> = {
    chart: s.kind,
    center: compact(s.center),
    lcl: compact(s.lcl),
    ucl: compact(s.ucl),
    stats: s.stats,
    beyond: beyondOf(s),
  };
  if (rules !== undefined) out.rules = rules;
  if (withSamples) out.samples = s.samples;
  return out;
}

function beyondOf(s: ChartSeries): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.stats.length; i++) if (s.stats[i]! > s.ucl[i]! || s.stats[i]! < s.lcl[i]!) out.push(s.samples[i]!);
  return out;
}

export function chartJson(c: ControlChart): Record<string, unknown> {
  const base: Record<string, unknown> = { chart: c.chart, n: compact(c.sizes) };
  const p = c.primary;
  if (c.chart === "cusum") {
    const k = c.cusum!;
    Object.assign(base, {
      center: c.params.center,
      sigma: c.params.sigma,
      k: k.k,
      h: k.h,
      headStart: k.headStart,
      stats: c.values,
      upper: k.upper,
      lower: k.lower,
      signalsUpper: k.signalsUpper,
      signalsLower: k.signalsLower,
      beyond: c.beyond,
    });
  } else {
    Object.assign(base, {
      center: compact(p.center),
      lcl: compact(p.lcl),
      ucl: compact(p.ucl),
      stats: p.stats,
      beyond: c.beyond,
      rules: c.rules,
    });
    // the R, S or MR chart with the same rules as the primary one (sample numbers as in `samples`
    // for the MR chart: point i is |x_i − x_(i−1)|, i = 2..m)
    if (c.secondary) base.secondary = seriesJson(c.secondary, c.chart === "imr", c.secondaryRules);
    if (!Number.isNaN(c.params.sigma)) base.sigma = c.params.sigma;
    if (c.ewma) Object.assign(base, { lambda: c.ewma.lambda, asymptotic: c.ewma.asymptotic, values: c.values });
  }
  Object.assign(base, {
    width: c.width,
    phase1: c.phase1,
    excluded: c.excluded,
    standards: { center: c.params.centerKnown, sigma: c.params.sigmaKnown },
    conventions: { preset: presetName(c.conventions) ?? "custom", ...c.conventions },
    labels: c.labels ?? Array.from(p.samples, String),
  });
  return base;
}

/** Numbers for people: 6 significant digits, no exponent in the usual ranges. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e7) return String(Number(x.toPrecision(6)));
  return x.toExponential(5);
}

const TITLES: Record<string, string> = {
  "xbar-r": "X-bar / R chart",
  "xbar-s": "X-bar / S chart",
  imr: "Individuals / moving range chart",
  p: "p chart (fraction defective)",
  np: "np chart (number defective)",
  c: "c chart (defects)",
  u: "u chart (defects per unit)",
  ewma: "EWMA chart",
  cusum: "Tabular CUSUM chart",
};

export function chartTitle(c: ControlChart): string {
  return TITLES[c.chart] ?? c.chart;
}

const STAT_NAMES: Record<string, string> = {
  xbar: "x-bar", r: "R", s: "S", i: "x", mr: "MR", p: "p", np: "np", c: "c", u: "u", ewma: "EWMA", "cusum-upper": "C+", "cusum-lower": "C-",
};

function limitsLine(name: string, s: ChartSeries): string {
  const show = (a: Float64Array): string => {
    const v = compact(a);
    return typeof v === "number" ? fmt(v) : `${fmt(Math.min(...a))}..${fmt(Math.max(...a))} (varies)`;
  };
  return `${name.padEnd(6)} centre ${show(s.center)}   LCL ${show(s.lcl)}   UCL ${show(s.ucl)}`;
}

/** Rules firing at each sample (1-based), canonical order: of the primary chart, or of `report`. */
export function rulesBySample(c: ControlChart, report: RuleReport = c.rules): Map<number, RuleName[]> {
  const map = new Map<number, RuleName[]>();
  for (const r of ALL_RULES) {
    for (const s of report[r] ?? []) {
      const l = map.get(s);
      if (l) l.push(r);
      else map.set(s, [r]);
    }
  }
  return map;
}

/** The chart as the text table `twin spc KIND` prints without --json; `file` names the data in the title line. */
export function formatChart(c: ControlChart, file: string): string {
  const m = c.primary.stats.length;
  const lines: string[] = [];
  const p = c.params;
  lines.push(`${chartTitle(c)}: ${file}, ${m} samples, phase I ${c.phase1[0]}-${c.phase1[1]}${c.excluded.length ? `, excluded by revision: ${c.excluded.join(", ")}` : ""}`);
  const sizes = compact(c.sizes);
  const est = (known: boolean): string => (known ? "standard" : "estimated");
  if (c.chart === "p" || c.chart === "np" || c.chart === "c" || c.chart === "u") {
    lines.push(`n ${typeof sizes === "number" ? fmt(sizes) : "varies"}; ${c.chart === "c" ? "c-bar" : c.chart === "u" ? "u-bar" : "p-bar"} = ${fmt(p.center)} (${est(p.centerKnown)}); limits ±${fmt(c.width)} standard errors`);
  } else {
    lines.push(`n ${typeof sizes === "number" ? fmt(sizes) : "varies"}; mean ${fmt(p.center)} (${est(p.centerKnown)}), sigma ${fmt(p.sigma)} (${est(p.sigmaKnown)}); limits ±${fmt(c.width)} sigma`);
  }
  if (c.chart === "cusum") {
    const k = c.cusum!;
    lines.push(`k = ${fmt(k.k)}, h = ${fmt(k.h)}, head start ${fmt(k.headStart)} (standard errors)`);
  } else {
    lines.push(limitsLine(STAT_NAMES[c.primary.kind] ?? c.primary.kind, c.primary));
    if (c.secondary) lines.push(limitsLine(STAT_NAMES[c.secondary.kind] ?? c.secondary.kind, c.secondary));
    if (c.ewma) lines.push(`lambda = ${fmt(c.ewma.lambda)}, ${c.ewma.asymptotic ? "asymptotic" : "exact time-varying"} limits`);
  }
  lines.push("");
  const labels = c.labels ?? Array.from(c.primary.samples, String);
  const lw = Math.max(5, ...labels.map((l) => l.length));
  const sec = c.secondary;
  const secIndex = new Map<number, number>();
  if (sec) sec.samples.forEach((s, i) => secIndex.set(s, i));
  const varies = (a: Float64Array): boolean => typeof compact(a) !== "number";
  const showLimits = varies(c.primary.lcl) || varies(c.primary.ucl);
  const head = [
    "sample".padStart(6),
    "label".padEnd(lw),
    (c.chart === "cusum" ? "value" : STAT_NAMES[c.primary.kind] ?? "stat").padStart(11),
    ...(c.chart === "cusum" ? ["C+".padStart(9), "C-".padStart(9)] : []),
    ...(showLimits ? ["LCL".padStart(11), "UCL".padStart(11)] : []),
    ...(sec && c.chart !== "cusum" ? [(STAT_NAMES[sec.kind] ?? sec.kind).padStart(11)] : []),
    "  signals",
  ];
  lines.push(head.join(" "));
  const bySample = rulesBySample(c);
  const secBySample = rulesBySample(c, c.secondaryRules);
  const beyond = new Set(c.beyond);
  const secBeyond = new Set(c.secondaryBeyond);
  for (let i = 0; i < m; i++) {
    const sample = c.primary.samples[i]!;
    const flags: string[] = [];
    if (c.chart === "cusum") {
      if (c.cusum!.upper[i]! > c.cusum!.h) flags.push("C+ > h");
      if (c.cusum!.lower[i]! > c.cusum!.h) flags.push("C- > h");
    } else if (beyond.has(sample)) flags.push(c.primary.stats[i]! > c.primary.ucl[i]! ? "above UCL" : "below LCL");
    if (sec && c.chart !== "cusum" && secBeyond.has(sample)) flags.push(`${STAT_NAMES[sec.kind]} out`);
    const rules = bySample.get(sample)?.filter((r) => r !== "we1" && r !== "nelson1");
    if (rules && rules.length) flags.push(rules.join(" "));
    const secRules = secBySample.get(sample)?.filter((r) => r !== "we1" && r !== "nelson1");
    if (sec && secRules && secRules.length) flags.push(`${STAT_NAMES[sec.kind]}: ${secRules.join(" ")}`);
    const row = [
      String(sample).padStart(6),
      labels[i]!.padEnd(lw),
      fmt(c.chart === "cusum" ? c.values![i]! : c.primary.stats[i]!).padStart(11),
      ...(c.chart === "cusum" ? [fmt(c.cusum!.upper[i]!).padStart(9), fmt(c.cusum!.lower[i]!).padStart(9)] : []),
      ...(showLimits ? [fmt(c.primary.lcl[i]!).padStart(11), fmt(c.primary.ucl[i]!).padStart(11)] : []),
      ...(sec && c.chart !== "cusum" ? [(secIndex.has(sample) ? fmt(sec.stats[secIndex.get(sample)!]!) : "").padStart(11)] : []),
      flags.length ? `  ${flags.join("; ")}` : "",
    ];
    lines.push(row.join(" ").trimEnd());
  }
  lines.push("");
  lines.push(`Beyond the limits: ${c.beyond.length ? c.beyond.join(", ") : "none"}${sec && c.chart !== "cusum" ? `; ${STAT_NAMES[sec.kind]} chart: ${c.secondaryBeyond.length ? c.secondaryBeyond.join(", ") : "none"}` : ""}`);
  for (const r of ALL_RULES) {
    const list = c.rules[r];
    if (list && list.length) lines.push(`${r.padEnd(8)} ${RULE_INFO[r].text}: ${list.join(", ")}`);
  }
  if (sec && c.chart !== "cusum") {
    const name = STAT_NAMES[sec.kind] ?? sec.kind;
    for (const r of ALL_RULES) {
      const list = c.secondaryRules[r];
      if (list && list.length) lines.push(`${name} chart ${r}: ${RULE_INFO[r].text}: ${list.join(", ")}`);
    }
  }
  const checked = ALL_RULES.filter((r) => c.rules[r] !== undefined);
  const quiet = (rep: RuleReport): boolean => checked.every((r) => (rep[r] ?? []).length === 0);
  if (checked.length && quiet(c.rules) && quiet(c.secondaryRules)) lines.push(`Run rules (${checked.join(", ")}): none fired`);
  if (checked.length) lines.push(`Rules evaluated with the ${presetName(c.conventions) ?? "custom"} conventions (see docs/spc.md).`);
  return lines.join("\n") + "\n";
}

function interval(i: [number, number] | null): string {
  return i === null ? "" : `   [${fmt(i[0])}, ${fmt(i[1])}]`;
}

/** The capability report as `twin spc capability` prints it without --json; `source` names the data (a file). */
export function formatCapability(r: CapabilityReport, source: string): string {
  const pct = `${fmt(100 * r.confidence)} %`;
  const lines = [
    `Process capability: ${source}, ${r.observations} observations in ${r.subgroups} ${r.subgroupSize === 1 ? "individual values" : "subgroups"}${r.subgroupSize > 1 ? ` of ${r.subgroupSize}` : ""}`,
    `specification  LSL ${r.lsl === null ? "-" : fmt(r.lsl)}   USL ${r.usl === null ? "-" : fmt(r.usl)}`,
    `mean ${fmt(r.mean)}   sigma within ${fmt(r.sigmaWithin)}   sigma overall ${fmt(r.sigmaOverall)}`,
    `performance limits (mean ± 3 sigma within): ${fmt(r.performanceLimits[0])} .. ${fmt(r.performanceLimits[1])}`,
    "",
    `index   value     ${pct} confidence interval`,
    `Cp      ${r.cp === null ? "-".padEnd(8) : fmt(r.cp).padEnd(8)}${interval(r.cpInterval)}`,
    `Cpk     ${fmt(r.cpk).padEnd(8)}${interval(r.cpkInterval)}`,
    `Pp      ${r.pp === null ? "-".padEnd(8) : fmt(r.pp).padEnd(8)}${interval(r.ppInterval)}`,
    `Ppk     ${fmt(r.ppk).padEnd(8)}${interval(r.ppkInterval)}`,
    "",
  ];
  if (r.inControl) {
    lines.push(`In control (${r.controlChart} chart, no signals): the indices describe the process.`);
    if (r.cp !== null) lines.push(r.cp >= 1 ? `Capable: Cp ${fmt(r.cp)} >= 1 (1.33 and 2 are stricter targets).` : `Not capable: Cp ${fmt(r.cp)} < 1.`);
  } else {
    lines.push(`NOT IN CONTROL (${r.controlChart} chart): capability is not meaningful until the causes are removed.`);
    if (r.beyond.length) lines.push(`  beyond the limits: ${r.beyond.join(", ")}`);
    if (r.secondaryBeyond.length) lines.push(`  dispersion chart beyond its limits: ${r.secondaryBeyond.join(", ")}`);
    for (const rule of ALL_RULES) {
      const l = r.rules[rule];
      if (l && l.length && rule !== "we1" && rule !== "nelson1") lines.push(`  ${rule} (${RULE_INFO[rule].text}): ${l.join(", ")}`);
    }
    for (const rule of ALL_RULES) {
      const l = r.secondaryRules[rule];
      if (l && l.length && rule !== "we1" && rule !== "nelson1") lines.push(`  dispersion chart ${rule} (${RULE_INFO[rule].text}): ${l.join(", ")}`);
    }
  }
  return lines.join("\n") + "\n";
}
