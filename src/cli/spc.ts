// twin spc CHART --data FILE.csv [options] [--json] [--svg FILE.svg]   (shared/spec/spc.md)
// CHART: xbar-r, xbar-s, imr, p, np, c, u, ewma, cusum. One Command per chart, sharing this code.
import { UsageError, parseCommandLine, required, str, type Options } from "./args.js";
import { stringifyJson } from "../index.js";
import { type ChartKind, controlChart, formatSpcChart, isCountChart, readSpcData, type SpcChartOptions, spcChartJson, spcChartSvg } from "../spc/index.js";
import { type Command, helpRequested, type Io, requireFinite, writeOutput } from "./common.js";
import { COMMON_OPTIONS, computing, optNumber, parseConventionsOption, parsePhase1, parseRules } from "./spc-common.js";
import { basename } from "node:path";

interface ChartCommandSpec {
  kind: ChartKind;
  summary: string;
  input: string;
  extra: string;
}

const LIMITS_HELP = `  --sigma L           limit width in standard errors (default 3)
  --phase1 A:B        samples A..B (1-based) set the limits, later ones are monitored (default all)
  --revise            drop phase-I samples beyond the limits and re-estimate until none is`;

const RULES_HELP = `  --rules SET         all (default), nelson, we, none, or a list like nelson1,nelson2,we4
  --conventions C     qcc (default), minitab or legacy: how the rules judge points (docs/spc.md)`;

/** Rules help of the charts with an R, S or MR chart below. */
const RULES_HELP_TWO = `  --rules SET         all (default), nelson, we, none, or a list like nelson1,nelson2,we4;
                      evaluated on the R, S or MR chart too
  --conventions C     qcc (default), minitab or legacy: how the rules judge points and, for
                      unequal subgroup sizes, where the R/S centre line lies (docs/spc.md)`;

const COMMON_TAIL = `  --json              print the JSON report of shared/spec/spc.md
  --svg FILE.svg      also draw the chart
  -h, --help          show this help`;

const SPECS: ChartCommandSpec[] = [
  {
    kind: "xbar-r", summary: "X-bar and R control chart of subgroups (subgroup sizes may differ)",
    input: "CSV: label, then the observations of the subgroup (rows may differ in size, 2..25 values)",
    extra: `${LIMITS_HELP}\n  --center X --stddev S  known standard mean and σ instead of estimates\n${RULES_HELP_TWO}`,
  },
  {
    kind: "xbar-s", summary: "X-bar and S control chart (subgroup sizes may differ)",
    input: "CSV: label, then the observations of the subgroup (rows may differ in size, n ≥ 2)",
    extra: `${LIMITS_HELP}\n  --center X --stddev S  known standard mean and σ instead of estimates\n${RULES_HELP_TWO}`,
  },
  {
    kind: "imr", summary: "individuals and moving range control chart",
    input: "CSV: label, value",
    extra: `${LIMITS_HELP}\n  --sigma-method M    mr: σ = MR-bar/1.128 (default); sd: σ = s/c4\n  --center X --stddev S  known standard mean and σ instead of estimates\n${RULES_HELP_TWO}`,
  },
  {
    kind: "p", summary: "p control chart (fraction defective, limits per sample size)",
    input: "CSV: label, n, defectives",
    extra: `${LIMITS_HELP}\n  --center P          known standard fraction defective\n${RULES_HELP}`,
  },
  {
    kind: "np", summary: "np control chart (number defective)",
    input: "CSV: label, n, defectives",
    extra: `${LIMITS_HELP}\n  --center P          known standard fraction defective\n${RULES_HELP}`,
  },
  {
    kind: "c", summary: "c control chart (defects per sample)",
    input: "CSV: label, defects",
    extra: `${LIMITS_HELP}\n  --center C          known standard mean number of defects\n${RULES_HELP}`,
  },
  {
    kind: "u", summary: "u control chart (defects per unit, limits per sample size)",
    input: "CSV: label, n (inspection units), defects",
    extra: `${LIMITS_HELP}\n  --center U          known standard defects per unit\n${RULES_HELP}`,
  },
  {
    kind: "ewma", summary: "EWMA control chart of values or subgroup means",
    input: "CSV: label, value (individuals) or label and subgroup observations (σ from R-bar/d2)",
    extra: `${LIMITS_HELP}\n  --lambda W          EWMA weight in (0, 1] (default 0.2)\n  --asymptotic        asymptotic limits instead of the exact time-varying ones\n  --sigma-method M    individuals: mr (default) or sd\n  --center X --stddev S  known standard mean and σ instead of estimates
  (run rules do not apply to the autocorrelated EWMA; --rules and --conventions are accepted and ignored)`,
  },
  {
    kind: "cusum", summary: "tabular CUSUM control chart of values or subgroup means",
    input: "CSV: label, value (individuals) or label and subgroup observations (σ from R-bar/d2)",
    extra: `  --k K               reference value in standard errors (default 0.5)
  --h H               decision interval in standard errors (default 5)
  --head-start H0     fast initial response: both sums start at H0 (default 0)
  --phase1 A:B        samples A..B set the centre and σ (default all)
  --revise            drop phase-I samples that signal and re-estimate
  (run rules do not apply to the autocorrelated CUSUM sums; --rules and --conventions are accepted and ignored)
  --sigma-method M    individuals: mr (default) or sd
  --center X --stddev S  known standard mean and σ instead of estimates`,
  },
];

function usage(s: ChartCommandSpec): string {
  return `Usage: twin spc ${s.kind} --data FILE.csv [options] [--json] [--svg FILE.svg]

${s.summary[0]!.toUpperCase()}${s.summary.slice(1)}.
Input ${s.input}; a header row is required.

Options:
  --data FILE.csv     the samples
${s.extra}
${COMMON_TAIL}
`;
}

function optionsFor(kind: ChartKind): Options {
  const o: Options = { ...COMMON_OPTIONS, svg: { type: "string" }, center: { type: "string" }, revise: { type: "boolean" } };
  if (!isCountChart(kind)) o.stddev = { type: "string" };
  if (kind === "imr" || kind === "ewma" || kind === "cusum") o["sigma-method"] = { type: "string" };
  if (kind === "ewma") Object.assign(o, { lambda: { type: "string" }, asymptotic: { type: "boolean" } });
  if (kind === "cusum") Object.assign(o, { k: { type: "string" }, h: { type: "string" }, "head-start": { type: "string" } });
  return o;
}

function runChart(spec: ChartCommandSpec, cmd: Command, argv: string[], io: Io): number {
  const { values } = parseCommandLine(argv, optionsFor(spec.kind), { min: 0, max: 0, names: "" });
  if (helpRequested(values, cmd, io)) return 0;
  const file = required(values.data, "--data");
  const method = str(values["sigma-method"]);
  if (method !== undefined && method !== "mr" && method !== "sd") throw new UsageError(`--sigma-method: expected mr or sd, got ${JSON.stringify(method)}`);
  const opts: SpcChartOptions = {
    width: optNumber(values, "sigma", "positive"),
    sigmaMethod: method as "mr" | "sd" | undefined,
    phase1: parsePhase1(str(values.phase1)),
    revise: values.revise === true,
    center: optNumber(values, "center"),
    stddev: optNumber(values, "stddev", "positive"),
    lambda: optNumber(values, "lambda", "positive"),
    asymptotic: values.asymptotic === true,
    k: optNumber(values, "k", "nonnegative"),
    h: optNumber(values, "h", "positive"),
    headStart: optNumber(values, "head-start", "nonnegative"),
    rules: parseRules(str(values.rules)),
    conventions: parseConventionsOption(str(values.conventions)),
  };
  const data = readSpcData(file, spec.kind);
  const chart = computing(file, () => controlChart(spec.kind, data, opts));
  requireFinite(chart.primary.stats, `${spec.kind}: statistics`);
  requireFinite(chart.primary.ucl, `${spec.kind}: upper limits`);
  requireFinite(chart.primary.lcl, `${spec.kind}: lower limits`);
  const svgFile = str(values.svg);
  if (svgFile !== undefined) writeOutput(svgFile, [spcChartSvg(chart, { source: basename(file) })]);
  if (values.json === true) io.out(stringifyJson(spcChartJson(chart)) + "\n");
  else io.out(formatSpcChart(chart, file));
  return 0;
}

export const SPC_CHART_COMMANDS: Command[] = SPECS.map((spec) => {
  const cmd: Command = {
    name: `spc ${spec.kind}`,
    summary: spec.summary,
    usage: usage(spec),
    api: { module: "spc", export: "spcChart" },
    run(argv, io) {
      return runChart(spec, cmd, argv, io);
    },
  };
  return cmd;
});
