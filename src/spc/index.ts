// machine-twin/spc: statistical process control (docs/api/spc.md; concepts in docs/spc.md). Control
// charts of measurements (X-bar/R, X-bar/S, I-MR, EWMA, CUSUM) and of counts (p, np, c, u) with the
// Western Electric and Nelson run rules, process capability, the JSON report, the text table and the
// SVG drawing of the `twin spc` commands.

export {
  /** Computes a control chart of `kind` from samples in code or read by `readSpcData`. */
  controlChart,
  /** A control chart's JSON report, as `twin spc KIND --json` prints it. */
  spcChart,
  /** The JSON report of a computed chart. */
  spcChartJson,
  /** Process capability and performance with the in-control check (`twin spc capability`). */
  processCapability,
  /** The run rules of a selection (`"nelson"`, `"nelson1,we4"`, a list of names). */
  ruleSelection,
  /** The rule conventions of a preset name ("qcc", "minitab", "legacy") or an object. */
  conventionsOf,
  type SpcChartOptions,
  type SpcChartReport,
  type CapabilityOptions,
  type RuleSelection,
  type ConventionsChoice,
} from "./api.js";
export {
  /** Reads the samples of a chart from a CSV file (as `--data FILE.csv`), checked and packed. */
  readSpcData,
  /** Reads the samples of `twin spc capability` from a CSV file. */
  readCapabilityData,
  type SpcData,
  type SpcMeasurements,
  type SpcCounts,
  type SpcSubgroup,
  type SpcCount,
} from "./input.js";
export {
  /** The chart as the text table `twin spc KIND` prints; `source` names the data in the title line. */
  formatChart as formatSpcChart,
  formatCapability,
} from "./report.js";
export {
  /** The chart drawn as a standalone SVG document (`--svg`); `source` is shown in the title. */
  chartSvg as spcChartSvg,
  type SvgOptions as SpcSvgOptions,
} from "./svg.js";
export {
  /** The chart kinds, in the order of the `twin spc` commands. */
  CHART_KINDS,
  /** Every run rule: we1..we4, nelson1..nelson8. */
  ALL_RULES,
  WE_RULES,
  NELSON_RULES,
  SpcInputError,
  SpcNumericalError,
  type ChartKind,
  type ControlChart,
  type ChartSeries,
  type ProcessParams,
  type CusumSeries,
  type RuleName,
  type RuleReport,
  type SubgroupData,
  type CountData,
} from "./types.js";
export {
  /** Whether a chart kind takes attribute counts (p, np, c, u) rather than measurements. */
  isCountChart,
} from "./chart.js";
export {
  /** The rule conventions of qcc, Minitab and twin's earlier releases. */
  CONVENTION_PRESETS,
  DEFAULT_CONVENTIONS,
  type RuleConventions,
  type ConventionPreset,
} from "./conventions.js";
export {
  /** What each rule detects: its short code and a sentence. */
  RULE_INFO,
  type RuleInfo,
} from "./rules.js";
export type { CapabilityReport } from "./capability.js";
export type { SigmaMethod } from "./options.js";
