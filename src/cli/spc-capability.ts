// twin spc capability --data FILE.csv --lsl L --usl U [--subgroup N] [--json]   (shared/spec/spc.md)
import { UsageError, parseCommandLine, required, str } from "./args.js";
import { stringifyJson } from "../io/json.js";
import { capability, type CapabilityReport } from "../spc/capability.js";
import { MAX_TABLE_N } from "../spc/constants.js";
import { readSubgroups } from "../spc/csv.js";
import { equalSubgroups } from "../spc/data.js";
import { fmt } from "../spc/report.js";
import { RULE_INFO } from "../spc/rules.js";
import { SpcInputError, ALL_RULES } from "../spc/types.js";
import { type Command, helpRequested } from "./common.js";
import { computing, optNumber, parseConventionsOption, parsePhase1, parseRules, readText } from "./spc-common.js";

function interval(i: [number, number] | null): string {
  return i === null ? "" : `   [${fmt(i[0])}, ${fmt(i[1])}]`;
}

export function formatCapability(r: CapabilityReport, file: string): string {
  const pct = `${fmt(100 * r.confidence)} %`;
  const lines = [
    `Process capability: ${file}, ${r.observations} observations in ${r.subgroups} ${r.subgroupSize === 1 ? "individual values" : "subgroups"}${r.subgroupSize > 1 ? ` of ${r.subgroupSize}` : ""}`,
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

export const capabilityCommand: Command = {
  name: "spc capability",
  summary: "process capability and performance (Cp, Cpk, Pp, Ppk) with an in-control check",
  usage: `Usage: twin spc capability --data FILE.csv --lsl L --usl U [--subgroup N] [--json]

Cp, Cpk (σ within: R-bar/d2 of the subgroups, or MR-bar/1.128 for individual values), Pp, Ppk
(σ overall: sample standard deviation), performance limits mean ± 3σ within, confidence intervals
(Cp: chi-square; Cpk: Bissell 1990), and whether the X-bar/R (I-MR) chart shows the process in
control: capability is meaningful only then.

Options:
  --data FILE.csv     label, value (individuals) or label and subgroup observations per row
  --lsl L, --usl U    specification limits (one of them for a one-sided specification)
  --subgroup N        form consecutive subgroups of N from the values, read in order
  --within r|s        σ within from ranges (default) or standard deviations
  --confidence C      level of the intervals (default 0.95)
  --phase1 A:B        use samples A..B only
  --rules SET         rules of the in-control check: all (default), nelson, we, none, or a list
  --conventions C     qcc (default), minitab or legacy: how the rules are evaluated (docs/spc.md)
  --json              print JSON
  -h, --help          show this help
`,
  run(argv, io) {
    const { values } = parseCommandLine(
      argv,
      {
        data: { type: "string" }, lsl: { type: "string" }, usl: { type: "string" }, subgroup: { type: "string" },
        within: { type: "string" }, confidence: { type: "string" }, phase1: { type: "string" }, rules: { type: "string" },
        conventions: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" },
      },
      { min: 0, max: 0, names: "" },
    );
    if (helpRequested(values, this, io)) return 0;
    const file = required(values.data, "--data");
    const lsl = optNumber(values, "lsl");
    const usl = optNumber(values, "usl");
    if (lsl === undefined && usl === undefined) throw new UsageError("give --lsl, --usl or both");
    if (lsl !== undefined && usl !== undefined && !(usl > lsl)) throw new UsageError(`--usl ${usl} must be above --lsl ${lsl}`);
    const subgroup = optNumber(values, "subgroup", "posinteger");
    const within = str(values.within) ?? "r";
    if (within !== "r" && within !== "s") throw new UsageError(`--within: expected r or s, got ${JSON.stringify(within)}`);
    const confidence = optNumber(values, "confidence", "positive");
    if (confidence !== undefined && !(confidence < 1)) throw new UsageError(`--confidence: must be < 1: ${confidence}`);
    const text = readText(file);
    const report = computing(file, () => {
      // R-based σ within is tabulated to n = 25: a larger row is reported at its line
      let data = readSubgroups(text, file, "auto", within === "r" ? MAX_TABLE_N : undefined);
      if (subgroup !== undefined) {
        const total = data.values.length;
        if (subgroup > 1 && total % subgroup !== 0) throw new SpcInputError(`${total} values do not split into subgroups of ${subgroup}`);
        if (subgroup > 1) data = equalSubgroups(data.values, subgroup);
        else data = { offsets: Int32Array.from({ length: total + 1 }, (_, i) => i), values: data.values };
      }
      return capability(data, { lsl, usl, within, confidence, phase1: parsePhase1(str(values.phase1)), rules: parseRules(str(values.rules)), conventions: parseConventionsOption(str(values.conventions)) });
    });
    if (values.json === true) io.out(stringifyJson(report) + "\n");
    else io.out(formatCapability(report, file));
    return 0;
  },
};
