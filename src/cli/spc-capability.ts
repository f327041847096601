// twin spc capability --data FILE.csv --lsl L --usl U [--subgroup N] [--json]   (shared/spec/spc.md)
import { UsageError, parseCommandLine, required, str } from "./args.js";
import { stringifyJson } from "../index.js";
import { formatCapability, processCapability, readCapabilityData } from "../spc/index.js";
import { type Command, helpRequested } from "./common.js";
import { computing, optNumber, parseConventionsOption, parsePhase1, parseRules } from "./spc-common.js";

export const capabilityCommand: Command = {
  name: "spc capability",
  summary: "process capability and performance (Cp, Cpk, Pp, Ppk) with an in-control check",
  api: { module: "spc", export: "processCapability" },
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
    // R-based σ within is tabulated to n = 25: a larger row is reported at its line
    const data = readCapabilityData(file, within);
    const phase1 = parsePhase1(str(values.phase1));
    const rules = parseRules(str(values.rules));
    const conventions = parseConventionsOption(str(values.conventions));
    const report = computing(file, () => processCapability(data, { lsl, usl, subgroup, within, confidence, phase1, rules, conventions }));
    if (values.json === true) io.out(stringifyJson(report) + "\n");
    else io.out(formatCapability(report, file));
    return 0;
  },
};
