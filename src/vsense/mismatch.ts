// Model mismatch for virtual-sensing studies: the filter's model is the rig's model with some support
// parameters scaled (e.g. bearing stiffness +10 %), while the simulated truth keeps the nominal ones.
// The host parses "PARAMETER=+P%" into (code, P) for the request; the core scales the decoded model
// by 1 + P/100 (assembly/vsense/mismatch.ts).
import { ArgumentError } from "../errors.js";

/** In the order of their request codes 0 … 4. */
export const MISMATCH_PARAMETERS = ["bearing-k", "bearing-c", "pedestal-k", "pedestal-c", "pedestal-m"] as const;
/** A support parameter the filter's model may scale. */
export type MismatchParameter = (typeof MISMATCH_PARAMETERS)[number];

/** A parameter of the filter's model scaled by 1 + percent/100 against the truth's. */
export interface Mismatch {
  parameter: MismatchParameter;
  /** the percentage as given: 10 for +10 % */
  percent: number;
}

/** "bearing-k=+10%" (a signed percentage, > -100 %). */
export function parseMismatch(text: string): Mismatch {
  const m = /^([a-z-]+)=([+-]?(?:\d+\.?\d*|\.\d+))%$/.exec(text.trim());
  if (m === null) throw new ArgumentError(`--mismatch: expected PARAMETER=+P% (e.g. bearing-k=+10%), got ${JSON.stringify(text)}`);
  const parameter = m[1]!;
  if (!(MISMATCH_PARAMETERS as readonly string[]).includes(parameter)) {
    throw new ArgumentError(`--mismatch: unknown parameter ${JSON.stringify(parameter)} (one of ${MISMATCH_PARAMETERS.join(", ")})`);
  }
  const percent = Number(m[2]);
  if (!(percent > -100)) throw new ArgumentError(`--mismatch: ${text}: the change must be above -100%`);
  return { parameter: parameter as MismatchParameter, percent };
}

export function mismatchCode(m: Mismatch): number {
  return MISMATCH_PARAMETERS.indexOf(m.parameter);
}

/** "bearing-k=+10%": the parameter and the percentage as a number (sign always written). */
export function mismatchName(m: Mismatch): string {
  return `${m.parameter}=${m.percent >= 0 ? "+" : ""}${m.percent}%`;
}
