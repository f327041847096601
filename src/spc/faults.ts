// The reasons a sample is refused, shared by the CSV reader (located by file and line) and the
// reader of data passed in code (located by a path, `data[3]`), so both say the same thing.
import type { AttributeKind } from "./attributes.js";

/** A measurement subgroup of `n` values, for a chart reading `kind` subgroups (up to `maxSize`). */
export function subgroupFault(n: number, kind: "single" | "ragged", maxSize?: number): string | undefined {
  if (kind === "single") return n !== 1 ? `expected one value, found ${n}` : undefined;
  if (n < 2) return `subgroup of ${n} value: X-bar charts need n ≥ 2`;
  if (maxSize !== undefined && n > maxSize) return `subgroup of ${n} values: R chart factors are tabulated to n = ${maxSize} (use xbar-s)`;
  return undefined;
}

/** The inspected size of an attribute sample (p, np, u; a c chart has none). */
export function sizeFault(size: number, chart: AttributeKind): string | undefined {
  if (!(size > 0)) return `sample size ${size} must be > 0`;
  if ((chart === "p" || chart === "np") && !Number.isInteger(size)) return `sample size ${size} is not a whole number`;
  return undefined;
}

/** The count of an attribute sample. */
export function countFault(count: number): string | undefined {
  if (count < 0) return `negative count ${count}`;
  if (!Number.isInteger(count)) return `count ${count} is not a whole number`;
  return undefined;
}

/** A count that cannot come from its sample (more defectives than items). */
export function sampleFault(size: number, count: number, chart: AttributeKind): string | undefined {
  return (chart === "p" || chart === "np") && count > size ? `${count} defectives in a sample of ${size}` : undefined;
}
