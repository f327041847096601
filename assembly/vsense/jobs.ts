// The virtual-sensing jobs and the session request (ABI.md, "Virtual sensing"): each reads one
// request buffer and returns one result buffer.
import { ERR_INVALID_INPUT } from "../errors";
import { decodeRotorModelAt, decodedEnd, RotorModel } from "../rotor/model";
import { Req, DofList, readDofList, listEnd, MAX_LIST } from "./request";
import { bearingPlaces, shaftPlaces, defaultEstimates, without } from "./places";
import { applyMismatch, MISMATCH_CODES } from "./mismatch";
import { readVsRequest, readUnbalance, unbEnd, resolvedSensors, resolvedEstimates, runVirtualSensing, rpmToRadS, VS_HEADER } from "./pipeline";
import { targetModes, candidateShapes, effectiveIndependence } from "./placement";
import { buildFilterModel } from "./filter-model";
import { VsSession } from "./session";

const TWO_PI: f64 = 2.0 * Math.PI;

/** jobVirtualSensing: the whole request is one virtual-sensing request. */
export function virtualSensingJob(buf: StaticArray<f64>): StaticArray<f64> | null {
  const r = new Req(buf);
  const q = readVsRequest(r, 0);
  if (q === null) return null;
  const sensors = resolvedSensors(r, q);
  if (sensors === null) return null;
  const est = resolvedEstimates(r, q, sensors);
  if (est === null) return null;
  return runVirtualSensing(r, q, sensors, est);
}

/** Values before the embedded virtual-sensing request of a sensor-placement request. */
export const SP_HEADER: i32 = 4;

/** jobSensorPlacement: [1, count, target modes, method, then a virtual-sensing request]. */
export function sensorPlacementJob(buf: StaticArray<f64>): StaticArray<f64> | null {
  const r = new Req(buf);
  r.int(0, 1, 1);
  const count = r.int(1, 1, MAX_LIST);
  const k = r.int(2, 1, MAX_LIST);
  const method = r.int(3, 0, 1);
  if (!r.ok) return null;
  if (k > count) {
    r.fail(ERR_INVALID_INPUT, 2);
    return null;
  }
  const q = readVsRequest(r, SP_HEADER);
  if (q === null) return null;
  if (q.series) {
    r.fail(ERR_INVALID_INPUT, SP_HEADER + 11);
    return null;
  }
  const model = q.model;
  const cands = q.sensors !== null ? (q.sensors as DofList) : shaftPlaces(model);
  if (count > cands.length) r.fail(ERR_INVALID_INPUT, 1);
  if (k > model.nDof) r.fail(ERR_INVALID_INPUT, 2);
  const bearings = bearingPlaces(model);
  if (bearings.length == 0) r.fail(ERR_INVALID_INPUT, SP_HEADER + VS_HEADER + 3); // the model's bearing count
  if (!r.ok) return null;
  const wn = new StaticArray<f64>(k);
  const Phi = targetModes(model, q.speed, k, wn);
  if (Phi === null) return null;
  const p = effectiveIndependence(candidateShapes(Phi, cands), wn, count, method, 1);
  if (p === null) return null;
  const cn = new StaticArray<i32>(count), cd = new StaticArray<i32>(count);
  for (let i = 0; i < count; i++) {
    unchecked((cn[i] = cands.node[p.chosen[i]]));
    unchecked((cd[i] = cands.dir[p.chosen[i]]));
  }
  const chosen = DofList.of(model, cn, cd);
  const est = q.estimates !== null ? without(model, without(model, q.estimates as DofList, chosen), bearings) : defaultEstimates(model, chosen, bearings);
  if (est.length == 0) {
    r.fail(ERR_INVALID_INPUT, q.estimatesAt);
    return null;
  }
  const run1 = runVirtualSensing(r, q, chosen, est);
  if (run1 === null) return null;
  const run2 = runVirtualSensing(r, q, bearings, est);
  if (run2 === null) return null;

  const c = cands.length;
  const head = 6 + k + 2 * c + 4 * count + 3 * (c - count);
  const out = new StaticArray<f64>(head + 2 + run1.length + run2.length);
  out[0] = 1.0;
  out[1] = <f64>count;
  out[2] = <f64>k;
  out[3] = <f64>c;
  out[4] = <f64>method;
  out[5] = p.fisherDet;
  let o = 6;
  for (let j = 0; j < k; j++) unchecked((out[o++] = wn[j] / TWO_PI));
  for (let i = 0; i < c; i++) {
    unchecked((out[o++] = <f64>cands.node[i]));
    unchecked((out[o++] = <f64>cands.dir[i]));
  }
  for (let i = 0; i < count; i++) {
    unchecked((out[o++] = <f64>cn[i]));
    unchecked((out[o++] = <f64>cd[i]));
    unchecked((out[o++] = p.efi[i]));
    unchecked((out[o++] = p.weight[i]));
  }
  for (let s = 0; s < c - count; s++) {
    const i = p.removed[s];
    unchecked((out[o++] = <f64>cands.node[i]));
    unchecked((out[o++] = <f64>cands.dir[i]));
    unchecked((out[o++] = p.score[s]));
  }
  unchecked((out[o++] = <f64>run1.length));
  for (let i = 0; i < run1.length; i++) unchecked((out[o++] = run1[i]));
  unchecked((out[o++] = <f64>run2.length));
  for (let i = 0; i < run2.length; i++) unchecked((out[o++] = run2[i]));
  return out;
}

/** Values before the model in a session request. */
export const SESSION_HEADER: i32 = 6;

/** A session from its request (ABI.md, vsSessionNew); null with the error set. */
export function sessionFromRequest(buf: StaticArray<f64>): VsSession | null {
  const r = new Req(buf);
  r.int(0, 1, 1);
  const rpm = r.above(1, 0.0, true);
  const fs = r.above(2, 0.0, true);
  const n0 = r.seed(3);
  const modes = r.int(4, 1, MAX_LIST);
  const modelError = r.above(5, 0.0, false);
  if (!r.ok) return null;
  const speed = rpmToRadS(rpm);
  if (!(speed / TWO_PI < fs / 2.0)) r.fail(ERR_INVALID_INPUT, 1);
  if (!r.ok) return null;
  const model = decodeRotorModelAt(buf, SESSION_HEADER);
  if (model === null) return null;
  let pos = decodedEnd;
  const filterModel = decodeRotorModelAt(buf, SESSION_HEADER) as RotorModel;
  if (modes > model.nDof) r.fail(ERR_INVALID_INPUT, 4);
  const unb = readUnbalance(r, pos, model);
  if (unb === null) return null;
  pos = unbEnd;
  const sensorsAt = pos;
  const givenSensors = readDofList(r, pos, model);
  pos = listEnd;
  const estAt = pos;
  const givenEst = readDofList(r, pos, model);
  pos = listEnd;
  const nm = r.int(pos, 0, MAX_LIST);
  for (let i = 0; i < nm && r.ok; i++) {
    const code = r.int(pos + 1 + 2 * i, 0, MISMATCH_CODES - 1);
    const pct = r.above(pos + 2 + 2 * i, -100.0, true);
    if (r.ok) applyMismatch(filterModel, code, pct);
  }
  pos += 1 + 2 * nm;
  if (!r.ok) return null;
  const sensors = givenSensors !== null ? (givenSensors as DofList) : bearingPlaces(model);
  if (sensors.length == 0) r.fail(ERR_INVALID_INPUT, sensorsAt);
  if (!r.ok) return null;
  let est: DofList;
  if (givenEst === null) {
    est = defaultEstimates(model, sensors, null);
    if (est.length == 0) r.fail(ERR_INVALID_INPUT, estAt);
  } else {
    est = givenEst as DofList;
    for (let i = 0; i < est.length; i++) if (r.ok && sensors.has(est.node[i], est.dir[i])) r.fail(ERR_INVALID_INPUT, estAt + 1 + 2 * i);
  }
  const m = sensors.length;
  const nR = r.int(pos, 0, MAX_LIST);
  if (r.ok && nR != m) r.fail(ERR_INVALID_INPUT, pos);
  const R = new StaticArray<f64>(m);
  for (let j = 0; j < m && r.ok; j++) unchecked((R[j] = r.above(pos + 1 + j, 0.0, false)));
  r.end(pos + 1 + nR);
  if (!r.ok) return null;
  const fm = buildFilterModel(filterModel, speed, modes, fs, unb, sensors, est, modelError);
  if (fm === null) return null;
  const s = VsSession.create(fm, R, fs, <f64>n0);
  if (s === null) return null;
  s.sensors = sensors;
  s.estimates = est;
  return s;
}
