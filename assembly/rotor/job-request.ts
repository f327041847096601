// The frame of every rotor job request (assembly/ABI.md, "Jobs" and "Rotor jobs"): value 0 the
// layout version, then the job's fields, then the embedded model description up to the request's end.
import { setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT } from "../errors";
import { lookup } from "../mem";
import { Reader } from "./reader";
import { RotorModel, decodeRotorModelAt, decodedEnd } from "./model";
import { UnbalanceSet } from "./unbalance";

/** Layout version of every rotor job request and result described in ABI.md. */
export const JOB_VERSION: i32 = 1;

/** A Reader over the request at address `req` with its version checked, or null (error set). */
export function openRequest(req: usize): Reader | null {
  const buf = lookup(req);
  if (buf === null) {
    setError(ERR_BAD_HANDLE, <f64>req);
    return null;
  }
  const r = new Reader(buf);
  r.int(0, JOB_VERSION, JOB_VERSION);
  return r.ok ? r : null;
}

/** The model description from index `base` to the end of the request, or null (error set). */
export function requestModel(r: Reader, base: i32): RotorModel | null {
  if (!r.ok) return null;
  const m = decodeRotorModelAt(r.buf, base);
  if (m === null) return null;
  if (decodedEnd != r.buf.length) {
    setError(ERR_INVALID_INPUT, <f64>decodedEnd); // values after the model: the counts do not describe this request
    return null;
  }
  return m;
}

/**
 * `n` unbalance triples `node, magnitude (kg m, ≥ 0), phase (rad)` from index i (nodes checked
 * against the model later by `checkUnbalanceNodes`); r.end is the index after them.
 */
export function readUnbalance(r: Reader, i: i32, n: i32): UnbalanceSet {
  const u = new UnbalanceSet(n);
  for (let k = 0; k < n; k++) {
    const o = i + 3 * k;
    unchecked((u.node[k] = r.int(o, 0, i32.MAX_VALUE)));
    unchecked((u.me[k] = r.min(o + 1, 0.0, false)));
    unchecked((u.phase[k] = r.at(o + 2)));
  }
  r.end = i + 3 * n;
  return u;
}

/** Every unbalance node must be a shaft node (a pedestal node carries none): error 1 at its index. */
export function checkUnbalanceNodes(r: Reader, u: UnbalanceSet, i: i32, model: RotorModel): void {
  for (let k = 0; k < u.length; k++) r.require(unchecked(u.node[k]) < model.nNodes, i + 3 * k);
}
