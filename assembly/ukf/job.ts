// The UKF job (assembly/ABI.md, "Unscented Kalman filter", "jobUkfRun"): the filter of a `twin ukf
// run` case built from the request, run over every measurement (predict, then update), and every
// number the command reports returned in one buffer — the records of each step, the repair flags, the
// posterior standard deviations, and, when a step fails, where and why. No filter outlives the call.
import { setError, clearError, coreError, coreErrorDetail, ERR_INVALID_INPUT, ERR_NOT_POSITIVE_DEFINITE } from "../errors";
import { Request, prod, MAX_VALUES } from "../elm/request";
import { Ukf, OPT_SQRT, OPT_STRICT, OPT_SYMMETRISE } from "./filter";
import { SigmaWeights, POINTS_MERWE, POINTS_JULIER } from "./sigma";
import { makeProcess, makeMeasurement, processParamCount, measurementParamCount, FX_PENDULUM, HX_RANGE_BEARING, HX_PENDULUM } from "./models";
import { readItem, ITEM_K } from "./access";
import { MAX_DIM } from "./registry";
import { copy } from "./kernels";

/** Values before the parameters in the request. */
export const UKF_REQUEST_HEADER: i32 = 12;
/** Values before the first step record in the result. */
export const UKF_RESULT_HEADER: i32 = 10;

/** Values of one step record: x⁻, diag P⁻, P⁻, x⁺, diag P⁺, P⁺, y, S, K, flags, std⁺. */
export function ukfRecordSize(n: i32, m: i32): i32 {
  return 5 * n + 2 * n * n + m + m * m + n * m + 1;
}

/** Error 1 at request index i. */
function bad(r: Request, i: i32): void {
  r.fail(ERR_INVALID_INPUT, i);
}

/** Diagonal of the n × n matrix at p into out. */
function diagonal(p: usize, n: i32, out: usize): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), load<f64>(p + ((<usize>(i * n + i)) << 3)));
}

/**
 * jobUkfRun: request [1, n, m, nu, points, alpha, beta, kappa, fxKind, hxKind, options, nSteps,
 * params, x0 (n), P0 (n²), Q (n²), R (m²), zs (nSteps·m), us (nSteps·nu)]; result [1, nSteps, n, m,
 * status, done, failStep, code, index, repairs, records (done × ukfRecordSize)].
 */
export function ukfRunJob(req: StaticArray<f64>): StaticArray<f64> | null {
  const r = new Request(req);
  r.version(0, 1);
  const n = r.int(1, 1, MAX_DIM);
  const m = r.int(2, 1, MAX_DIM);
  const nu = r.int(3, 0, MAX_DIM);
  const points = r.int(4, POINTS_MERWE, POINTS_JULIER);
  const alpha = points == POINTS_MERWE ? r.min(5, 0.0, true) : r.real(5);
  const beta = r.real(6);
  const kappa = r.real(7);
  const fxKind = r.int(8, 0, 1);
  const hxKind = r.int(9, 0, 2);
  const options = r.int(10, 0, OPT_SQRT | OPT_STRICT | OPT_SYMMETRISE);
  const nSteps = r.int(11, 1, 1 << 30);
  if (!r.ok) return null;
  const w = points == POINTS_MERWE ? SigmaWeights.merwe(n, alpha, beta, kappa) : SigmaWeights.julier(n, kappa);
  if (w === null) { bad(r, 7); return null; } // n + lambda <= 0: no real sigma points
  if (fxKind == FX_PENDULUM && (n != 2 || nu != 0)) { bad(r, 8); return null; }
  if (hxKind == HX_RANGE_BEARING && m != 2) { bad(r, 9); return null; }
  if (hxKind == HX_PENDULUM && m != 1) { bad(r, 9); return null; }
  const pc = processParamCount(fxKind, n, nu);
  const mc = measurementParamCount(hxKind, n, m, nu);
  const rec = ukfRecordSize(n, m);
  if (prod(nSteps, rec) + <i64>UKF_RESULT_HEADER > MAX_VALUES) { bad(r, 11); return null; }
  const p0 = UKF_REQUEST_HEADER;
  const x0 = r.block(p0, <i64>pc + <i64>mc, 8);
  const P0 = r.block(x0, n, 1);
  const Q0 = r.block(P0, prod(n, n), 1);
  const R0 = r.block(Q0, prod(n, n), 1);
  const z0 = r.block(R0, prod(m, m), 2);
  const u0 = r.block(z0, prod(nSteps, m), 11);
  const end = r.block(u0, prod(nSteps, nu), 11);
  r.end(end);
  if (!r.ok) return null;
  // the models read their parameters from a copy; a fault's detail is its index there, moved to the request
  const params = r.copy(p0, pc + mc);
  const fx = makeProcess(fxKind, n, nu, params, 0, 8);
  if (fx === null) return paramFault(r, p0);
  const hx = makeMeasurement(hxKind, n, m, nu, params, pc, 9);
  if (hx === null) return paramFault(r, p0);
  const f = new Ukf(n, m, nu, w!, fx, hx, options);
  copy(changetype<usize>(f.x), r.addr(x0), n);
  // square-root form: P0, Q, R are factored when set (P0 repaired unless strict; Q, R must be
  // positive semidefinite); a failure there is error 3 at the matrix's first index
  if (!f.setP(r.copy(P0, n * n))) return refuse(P0);
  if (!f.setQ(r.copy(Q0, n * n))) return refuse(Q0);
  if (!f.setR(r.copy(R0, m * m))) return refuse(R0);
  const full = new StaticArray<f64>(UKF_RESULT_HEADER + nSteps * rec);
  const zs = r.addr(z0), us = nu > 0 ? r.addr(u0) : <usize>0;
  let o = changetype<usize>(full) + (<usize>UKF_RESULT_HEADER << 3);
  let done = 0;
  for (let k = 0; k < nSteps; k++) {
    f.stepLabel = k;
    const u = us == 0 ? <usize>0 : us + (<usize>(k * nu) << 3);
    if (!f.predict(u)) break;
    let flags = f.lastFlags;
    const start = o;
    copy(o, changetype<usize>(f.xPrior), n);
    const pPrior = o + (<usize>(2 * n) << 3);
    f.readPPrior(pPrior);
    diagonal(pPrior, n, o + (<usize>n << 3));
    o += <usize>(2 * n + n * n) << 3;
    if (!f.update(zs + (<usize>(k * m) << 3), u)) {
      o = start;
      break;
    }
    flags |= f.lastFlags;
    copy(o, changetype<usize>(f.x), n);
    const pPost = o + (<usize>(2 * n) << 3);
    f.readP(pPost);
    diagonal(pPost, n, o + (<usize>n << 3));
    const diagPost = o + (<usize>n << 3);
    o += <usize>(2 * n + n * n) << 3;
    copy(o, changetype<usize>(f.y), m);
    o += <usize>m << 3;
    copy(o, changetype<usize>(f.S), m * m);
    o += <usize>(m * m) << 3;
    readItem(f, ITEM_K, o);
    o += <usize>(n * m) << 3;
    store<f64>(o, <f64>flags);
    o += 8;
    // posterior standard deviations √(P⁺)_ii (IEEE square root of the diagonal above)
    for (let i = 0; i < n; i++) store<f64>(o + (<usize>i << 3), Math.sqrt(load<f64>(diagPost + (<usize>i << 3))));
    o += <usize>n << 3;
    done++;
  }
  f.stepLabel = -1;
  const failed = done < nSteps;
  const out = new StaticArray<f64>(UKF_RESULT_HEADER + done * rec);
  memory.copy(changetype<usize>(out) + (<usize>UKF_RESULT_HEADER << 3), changetype<usize>(full) + (<usize>UKF_RESULT_HEADER << 3), <usize>(done * rec) << 3);
  out[0] = 1.0;
  out[1] = <f64>nSteps;
  out[2] = <f64>n;
  out[3] = <f64>m;
  out[4] = failed ? <f64>f.failStage : 0.0;
  out[5] = <f64>done;
  out[6] = failed ? <f64>f.failStep : -1.0;
  out[7] = failed ? <f64>coreError() : 0.0;
  out[8] = failed ? <f64>f.failIndex : -1.0;
  out[9] = <f64>f.repairs;
  // a failed step is part of what the command reports: the result carries it, the error state does not
  clearError();
  return out;
}

/** A model's parameter fault (detail: its index among the parameters) moved to its request index. */
function paramFault(r: Request, p0: i32): StaticArray<f64> | null {
  const code = coreError();
  const k = <i32>coreErrorDetail();
  clearError();
  r.fail(code, p0 + k);
  return null;
}

/** Error 3 (not positive definite, not repairable or strict) at request index i. */
function refuse(i: i32): StaticArray<f64> | null {
  clearError();
  setError(ERR_NOT_POSITIVE_DEFINITE, <f64>i);
  return null;
}
