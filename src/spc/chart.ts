// One entry point for every chart kind.
import { attributeChart } from "./attributes.js";
import { cusumChart } from "./cusum.js";
import { ewmaChart } from "./ewma.js";
import { type ChartOptions, withDefaults } from "./options.js";
import type { ChartKind, ControlChart, CountData, SubgroupData } from "./types.js";
import { imrChart, xbarChart } from "./variables.js";

export type ChartInput = { kind: "subgroups"; data: SubgroupData } | { kind: "counts"; data: CountData };

/** Whether a chart kind takes attribute counts (p, np, c, u) rather than measurements. */
export function isCountChart(kind: ChartKind): kind is "p" | "np" | "c" | "u" {
  return kind === "p" || kind === "np" || kind === "c" || kind === "u";
}

export function buildChart(kind: ChartKind, input: ChartInput, options: Partial<ChartOptions> = {}): ControlChart {
  const opts = withDefaults(options);
  if (isCountChart(kind)) {
    if (input.kind !== "counts") throw new TypeError(`${kind} chart needs counts`);
    return attributeChart(input.data, kind, opts);
  }
  if (input.kind !== "subgroups") throw new TypeError(`${kind} chart needs measurements`);
  switch (kind) {
    case "xbar-r":
      return xbarChart(input.data, "r", opts);
    case "xbar-s":
      return xbarChart(input.data, "s", opts);
    case "imr":
      return imrChart(input.data, opts);
    case "ewma":
      return ewmaChart(input.data, opts);
    case "cusum":
      return cusumChart(input.data, opts);
  }
}
