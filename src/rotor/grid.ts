// Speeds and frequencies as the user writes them on the command line (shared/spec/rotor.md): a list
// "a,b,c" or a range "start:stop:step". The range stays a range in the job request: the core expands
// it (assembly/rotor/grid.ts: start + k·step, stop included to 1e-9 of a step, at most 10^6 values),
// so no value of a run is computed by the host.
import { parseNumber } from "../io/values.js";
import { ArgumentError } from "../errors.js";
import type { Grid } from "./request.js";

/** `a,b,c` (numbers >= 0) or `start:stop:step` (0 <= start <= stop, step > 0). */
export function parseGrid(text: string, what: string): Grid {
  if (text.includes(":")) {
    const parts = text.split(":");
    if (parts.length !== 3) throw new ArgumentError(`${what}: expected start:stop:step, got ${JSON.stringify(text)}`);
    const start = parseNumber(parts[0]!, `${what} start`, "nonnegative");
    const stop = parseNumber(parts[1]!, `${what} stop`, "nonnegative");
    const step = parseNumber(parts[2]!, `${what} step`, "positive");
    if (stop < start) throw new ArgumentError(`${what}: stop ${stop} < start ${start}`);
    return { kind: "range", start, stop, step };
  }
  if (text.trim() === "") throw new ArgumentError(`${what}: empty list`);
  return { kind: "list", values: text.split(",").map((p, i) => parseNumber(p, `${what} item ${i + 1}`, "nonnegative")) };
}

/** A list grid of the given values (reference cases, tests). */
export function listGrid(values: number[]): Grid {
  return { kind: "list", values: [...values] };
}
