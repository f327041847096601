// Speeds as callers give them: rpm, the unit of the Motor's MinSpeed/MaxSpeed in the AML; the rotor
// jobs take rad/s (1 rpm = 2π/60 rad/s, ISO 80000-3). A range stays a range: the core expands it
// (src/rotor/grid.ts).
import { ArgumentError } from "../../errors.js";
import { parseGrid } from "../../rotor/grid.js";
import type { Grid } from "../../rotor/request.js";
import { MAX_GRID_POINTS } from "../../rotor/request.js";
import { numberAt } from "./args.js";
import { MethodError } from "./errors.js";

export function rpmToRadPerSecond(rpm: number): number {
  return (rpm * Math.PI) / 30;
}

export const SPEEDS_SCHEMA = {
  description: 'rotor speeds, rpm: "start:stop:step" or a list of numbers',
  oneOf: [
    { type: "string", pattern: "^[^:]+:[^:]+:[^:]+$" },
    { type: "array", minItems: 1, maxItems: MAX_GRID_POINTS, items: { type: "number", minimum: 0 } },
  ],
};

/** "start:stop:step" or [a, b, c] in rpm, as a grid in rad/s. */
export function rpmGrid(v: unknown, what: string): Grid {
  if (typeof v === "string") {
    if (!v.includes(":")) throw new MethodError(400, `${what}: expected "start:stop:step" (rpm) or a list of numbers, got ${JSON.stringify(v)}`);
    let g: Grid;
    try {
      g = parseGrid(v, what);
    } catch (e) {
      if (e instanceof ArgumentError) throw new MethodError(400, e.message);
      throw e;
    }
    if (g.kind !== "range") throw new MethodError(400, `${what}: expected "start:stop:step"`);
    return { kind: "range", start: rpmToRadPerSecond(g.start), stop: rpmToRadPerSecond(g.stop), step: rpmToRadPerSecond(g.step) };
  }
  if (Array.isArray(v)) {
    if (v.length === 0) throw new MethodError(400, `${what}: an empty list`);
    if (v.length > MAX_GRID_POINTS) throw new MethodError(400, `${what}: more than ${MAX_GRID_POINTS} speeds`);
    return { kind: "list", values: v.map((x, i) => rpmToRadPerSecond(numberAt(x, `${what}[${i}]`, "nonnegative"))) };
  }
  throw new MethodError(400, `${what}: expected "start:stop:step" (rpm) or a list of numbers, got ${JSON.stringify(v) ?? String(v)}`);
}
