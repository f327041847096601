// Model mismatch for virtual-sensing studies: the filter's model is the rig's model with some support
// parameters scaled (e.g. bearing stiffness +10 %), while the simulated truth keeps the nominal ones.
// This is how the estimate's sensitivity to identification errors is reported.
import { UsageError } from "../io/args.js";
import type { Coefficient, RotorModel } from "../rotor/model.js";

export const MISMATCH_PARAMETERS = ["bearing-k", "bearing-c", "pedestal-k", "pedestal-c", "pedestal-m"] as const;
export type MismatchParameter = (typeof MISMATCH_PARAMETERS)[number];

export interface Mismatch {
  parameter: MismatchParameter;
  /** relative change: +0.1 for +10 % */
  relative: number;
}

/** "bearing-k=+10%" (a signed percentage, > -100 %). */
export function parseMismatch(text: string): Mismatch {
  const m = /^([a-z-]+)=([+-]?(?:\d+\.?\d*|\.\d+))%$/.exec(text.trim());
  if (m === null) throw new UsageError(`--mismatch: expected PARAMETER=+P% (e.g. bearing-k=+10%), got ${JSON.stringify(text)}`);
  const parameter = m[1]!;
  if (!(MISMATCH_PARAMETERS as readonly string[]).includes(parameter)) {
    throw new UsageError(`--mismatch: unknown parameter ${JSON.stringify(parameter)} (one of ${MISMATCH_PARAMETERS.join(", ")})`);
  }
  const relative = Number(m[2]) / 100;
  if (!(relative > -1)) throw new UsageError(`--mismatch: ${text}: the change must be above -100%`);
  return { parameter: parameter as MismatchParameter, relative };
}

function scale(c: Coefficient | undefined, f: number): Coefficient | undefined {
  if (c === undefined) return undefined;
  return typeof c === "number" ? c * f : c.map((v) => v * f);
}

/** A copy of `model` with the mismatches applied (stiffness: all four kij; damping: all four cij). */
export function applyMismatch(model: RotorModel, mismatches: Mismatch[]): RotorModel {
  const out: RotorModel = structuredClone(model);
  for (const { parameter, relative } of mismatches) {
    const f = 1 + relative;
    if (parameter === "bearing-k" || parameter === "bearing-c") {
      const keys = parameter === "bearing-k" ? (["kxx", "kxy", "kyx", "kyy"] as const) : (["cxx", "cxy", "cyx", "cyy"] as const);
      for (const b of out.bearings ?? []) {
        for (const key of keys) {
          const v = scale(b[key], f);
          if (v !== undefined) b[key] = v;
        }
      }
    } else {
      for (const p of out.pedestals ?? []) {
        if (parameter === "pedestal-m") p.m *= f;
        else {
          const keys = parameter === "pedestal-k" ? (["kxx", "kxy", "kyx", "kyy"] as const) : (["cxx", "cxy", "cyx", "cyy"] as const);
          for (const key of keys) if (p[key] !== undefined) p[key] = p[key]! * f;
        }
      }
    }
  }
  return out;
}

export function mismatchName(m: Mismatch): string {
  const pct = Math.round(m.relative * 1e8) / 1e6;
  return `${m.parameter}=${pct >= 0 ? "+" : ""}${pct}%`;
}
