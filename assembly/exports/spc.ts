// Streaming SPC exports (assembly/ABI.md, "Streaming SPC"): a whole series through one streaming
// chart (phase I learned or limits given), and the part's self-check. The runner's pipeline uses the
// classes of assembly/spc/ (SpcMonitor, SpcLearner) directly.
import { clearError, setError, ERR_BAD_HANDLE } from "../errors";
import { lookup, share } from "../mem";
import { spcRun } from "../spc/run";
import { selfcheckSpcHash } from "../spc/selfcheck";

/** A series through one streaming chart: request and result layouts in ABI.md. */
export function spcStreamRun(req: usize): usize {
  clearError();
  const b = lookup(req);
  if (b === null) {
    setError(ERR_BAD_HANDLE, <f64>req);
    return 0;
  }
  const r = spcRun(b);
  return r === null ? 0 : share(r);
}

/** Self-check hash of five streaming charts (ABI.md, "Streaming SPC"). */
export function selfcheckSpc(): i64 {
  return selfcheckSpcHash();
}
