// The rotor jobs (assembly/exports/rotor-jobs.ts; assembly/ABI.md, "Rotor jobs") against the path the
// commands took before: the model encoded in description layout 1 by the previous host code (with the
// host's derivations: G from nu, disk mass properties, resolved diameters and options;
// test/helpers/rotor-v1.ts) and the handle-based exports called one by one, with speed ranges expanded
// by the host (parseRange). Where the computation is unchanged the results are equal bit for bit: the
// derivations moved into the core are written with the same IEEE-754 operations in the same order
// (assembly/rotor/derive.ts), and a range is expanded with the same start + k·step. One place differs
// on purpose: a probe along y is read as Q_y exactly, where the host passed the angle fl(π/2) and the
// core read Q_x cos(fl(π/2)) + Q_y sin(fl(π/2)) = Q_x·6.123e-17 + Q_y; the difference is bounded below.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Core, CoreError } from "../src/core/core.js";
import { coreDigest, resultDigest } from "../src/core/job.js";
import { parseRange } from "../src/io/values.js";
import { peakIndex } from "../src/rotor/format.js";
import { parseRotorModel } from "../src/rotor/validate.js";
import { encodeRotorModel, type RotorModel } from "../src/rotor/model.js";
import type { Grid, RotorRequest } from "../src/rotor/request.js";
import {
  ROTOR_JOBS,
  campbellRequest,
  modalRequest,
  readCampbell,
  readModal,
  readReduce,
  readStatic,
  readTime,
  readUnbalance,
  reduceRequest,
  staticRequest,
  timeRequest,
  unbalanceRequest,
} from "../src/rotor/jobs.js";
import { V1Rotor } from "./helpers/rotor-v1.js";

const core = Core.load();

function loadJson(path: string): RotorModel {
  const url = new URL(path, import.meta.url);
  const doc = JSON.parse(readFileSync(url, "utf8"));
  return parseRotorModel(JSON.stringify(doc.model ?? doc), path);
}

/** Models that exercise every derivation: nu, geometric disks with and without material, tapers, speed tables, pedestals. */
const MODELS: { name: string; model: RotorModel; unb: number; probes: number[] }[] = [
  { name: "models/test-rig.json (nu, geometric disks with material, pedestals, Rayleigh damping)", model: loadJson("../models/test-rig.json"), unb: 4, probes: [4, 7, 12, 13] },
  { name: "models/compressor.json (tapered elements, steel disks by geometry, bearing tables)", model: loadJson("../models/compressor.json"), unb: 48, probes: [48, 58] },
  { name: "ross-rotor-example (G, disks by mass properties)", model: loadJson("./data/rotor/ross-rotor-example.json"), unb: 2, probes: [2, 4] },
  { name: "ross-pedestal-example (pedestals listed out of bearing order)", model: loadJson("./data/rotor/ross-pedestal-example.json"), unb: 2, probes: [2, 7, 8] },
];

const src = (model: RotorModel) => ({ model, file: "m.json" });

/** The job's raw result for a built request. */
function run(entry: string, req: RotorRequest, c: Core = core): Float64Array {
  return c.withBuffers([req.values], (p) => c.take(c.fn(entry)(p!), entry));
}

/** The core error of a job on raw request values. */
function fails(entry: string, values: number[]): CoreError {
  try {
    core.withBuffers([values], (p) => core.take(core.fn(entry)(p!), entry));
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error(`${entry} accepted the request`);
}

const failure = (entry: string, values: number[]): [number, number] => {
  const e = fails(entry, values);
  return [e.code, e.detail];
};

/** Same values, bit for bit (NaN equals NaN; +0 and -0 differ). */
function expectBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) throw new Error(`${what}: value ${i} is ${got[i]}, previously ${want[i]}`);
  }
}

const range = (start: number, stop: number, step: number): Grid => ({ kind: "range", start, stop, step });
const expand = (start: number, stop: number, step: number): number[] => parseRange(`${start}:${stop}:${step}`, "test");

describe.each(MODELS)("$name: each job equals the previous multi-call path", ({ model, unb, probes }) => {
  const old = () => new V1Rotor(core, model);

  it("the description decodes to the same model: matrices bit for bit at 0 and 300 rad/s", () => {
    const v1 = old();
    const v2 = core.withBuffers([encodeRotorModel(model)], (p) => core.check(core.fn("rotorLoad")(p!), "rotorLoad"));
    for (const speed of [0, 300]) {
      const a = v1.call("rotorMatrices", speed);
      const b = core.take(core.fn("rotorMatrices")(v2, speed), "rotorMatrices");
      expectBits(b, a, `matrices at ${speed}`);
    }
    v1.free();
    core.fn("rotorFree")(v2);
  });

  it("modal: several speeds in one job; the range expanded in the core as the host expanded it", () => {
    const v1 = old();
    const speeds = expand(0, 600, 150);
    const want: number[] = [1, core.fn("rotorDof")(v1.h), speeds.length];
    for (const s of speeds) {
      const r = v1.call("rotorModal", s, 6);
      want.push(s, ...r);
    }
    v1.free();
    expectBits(run(ROTOR_JOBS.modal, modalRequest(src(model), range(0, 600, 150), 6)), want, "modal");
    const list = readModal(run(ROTOR_JOBS.modal, modalRequest(src(model), { kind: "list", values: [300, 0] }, 3)));
    expect(list.results.map((r) => r.speed)).toEqual([300, 0]);
  });

  it("campbell: tracked modes and critical speeds", () => {
    const v1 = old();
    const speeds = expand(0, 900, 60);
    const c = v1.callWith("rotorCampbell", [speeds], ([p]) => [p!, speeds.length, 4]);
    const S = speeds.length, M = 4;
    const want = [1, core.fn("rotorDof")(v1.h), S, M, ...speeds, ...c.slice(2)];
    v1.free();
    const got = run(ROTOR_JOBS.campbell, campbellRequest(src(model), range(0, 900, 60), 4));
    expectBits(got, want, "campbell");
    const r = readCampbell(got);
    expect(r.campbell.speeds).toEqual(speeds);
  });

  it("unbalance: x and angle probes bit for bit; y probes read Q_y exactly (bounded difference)", () => {
    const v1 = old();
    const freqs = expand(0, 800, 8);
    const unbalance = [{ node: unb, magnitude: 1e-4, phase: 0.3 }];
    // every probe node along x, y and 0.7 rad, so each y reading has its node's x reading beside it
    const ps = probes.flatMap((node) => [
      { node, dir: "x" as const },
      { node, dir: "y" as const },
      { node, dir: 0.7 },
    ]);
    const angles = ps.map((p) => (p.dir === "x" ? 0 : p.dir === "y" ? Math.PI / 2 : p.dir));
    const before = v1.callWith("rotorUnbalance", [[unb, 1e-4, 0.3], freqs, ps.flatMap((p, i) => [p.node, angles[i]!])], ([u, f, p]) => [u!, 1, f!, freqs.length, p!, ps.length]);
    v1.free();
    const got = run(ROTOR_JOBS.unbalance, unbalanceRequest(src(model), unbalance, ps, range(0, 800, 8)));
    const F = freqs.length, P = ps.length;
    const head = 4 + F + 3 * P;
    expectBits(got.subarray(0, head), [1, got[1]!, F, P, ...freqs, ...ps.flatMap((p) => (p.dir === "x" ? [p.node, 0, 0] : p.dir === "y" ? [p.node, 1, 0] : [p.node, 2, p.dir]))], "unbalance header");
    let yDiffers = 0;
    ps.forEach((p, i) => {
      const now = got.subarray(head + 2 * F * i, head + 2 * F * (i + 1));
      const was = before.subarray(2 * F * i, 2 * F * (i + 1));
      if (p.dir !== "y") return expectBits(now, was, `probe ${p.node}:${p.dir}`);
      // was = |Q_x·c + Q_y| with c = cos(fl(π/2)) = 6.123e-17, each product and sum rounded once:
      // |now − was| ≤ c·|Q_x| + 2 ulp(|Q_y|), |Q_x| being the x probe's amplitude (probe i − 1)
      const ax = got.subarray(head + 2 * F * (i - 1), head + 2 * F * i);
      const c = Math.cos(Math.PI / 2);
      for (let k = 0; k < F; k++) {
        const aNow = now[2 * k]!, aWas = was[2 * k]!, qx = ax[2 * k]!;
        if (aNow !== aWas) yDiffers++;
        expect(Math.abs(aNow - aWas), `amplitude ${p.node}:y at ${freqs[k]}`).toBeLessThanOrEqual(c * qx + 4.5e-16 * aWas);
        if (aWas > 0) expect(Math.abs(now[2 * k + 1]! - was[2 * k + 1]!), `phase ${p.node}:y at ${freqs[k]}`).toBeLessThanOrEqual((c * qx) / aWas + 9e-16);
      }
    });
    // the difference is real (not a test that cannot fail): some y readings changed in their last bits
    if (model.name === "test-rig") expect(yDiffers).toBeGreaterThan(0);
    // each probe's peak: the index of its largest amplitude, the first of equal ones (the host's former rule)
    expect(got.length).toBe(head + 2 * F * P + P);
    const r = readUnbalance(got);
    expect(r.peaks).toEqual(r.response.probes.map((p) => peakIndex(p.amplitude)));
  });

  it("time: Newmark rows with and without accelerations", () => {
    const v1 = old();
    for (const acc of [false, true]) {
      const o = v1.callWith("rotorTime", [[unb, 1e-4, 0]], ([u]) => [400, 0.01, 5e-4, u!, 1, acc ? 1 : 0]);
      const got = run(ROTOR_JOBS.time, timeRequest(src(model), { speed: 400, tEnd: 0.01, dt: 5e-4, accelerations: acc, unbalance: [{ node: unb, magnitude: 1e-4, phase: 0 }] }));
      expectBits(got, [1, o[0]!, o[1]!, model.shaft.length + 1, acc ? 1 : 0, ...o.slice(2)], `time, accelerations ${acc}`);
      const r = readTime(got);
      expect(r.t.length).toBe(21);
      expect(r.acc !== undefined).toBe(acc);
    }
    v1.free();
  });

  it("static: flexible and rigid supports", () => {
    const v1 = old();
    for (const rigid of [false, true]) {
      const o = v1.call("rotorStatic", 9.80665, rigid ? 1 : 0);
      const got = run(ROTOR_JOBS.static, staticRequest(src(model), 9.80665, rigid));
      expectBits(got, [1, 9.80665, rigid ? 1 : 0, ...o], `static, rigid ${rigid}`);
      expect(readStatic(got).rigidSupports).toBe(rigid);
    }
    v1.free();
  });

  it("reduce: the k-mode state-space model", () => {
    const v1 = old();
    const o = v1.call("rotorReduce", 250, 4, 1e-3);
    v1.free();
    const got = run(ROTOR_JOBS.reduce, reduceRequest(src(model), 250, 4, 1e-3));
    expectBits(got, [1, 250, 1e-3, ...o], "reduce");
    const r = readReduce(got);
    expect(r.A.length).toBe(8);
    expect(r.Bd[0]!.length).toBe(r.dof);
  });
});

describe("requests that are wrong are refused with the index of the offending value", () => {
  const model = MODELS[3]!.model;
  const requests: [string, RotorRequest][] = [
    [ROTOR_JOBS.modal, modalRequest(src(model), range(0, 100, 50), 2)],
    [ROTOR_JOBS.campbell, campbellRequest(src(model), { kind: "list", values: [0, 50] }, 2)],
    [ROTOR_JOBS.unbalance, unbalanceRequest(src(model), [{ node: 2, magnitude: 1e-4, phase: 0 }], [{ node: 7, dir: "y" }], range(10, 20, 10))],
    [ROTOR_JOBS.time, timeRequest(src(model), { speed: 100, tEnd: 1e-3, dt: 1e-4, accelerations: false, unbalance: [] })],
    [ROTOR_JOBS.static, staticRequest(src(model), 9.81, false)],
    [ROTOR_JOBS.reduce, reduceRequest(src(model), 0, 2, 1e-3)],
  ];

  describe.each(requests)("%s", (entry, req) => {
    const v = req.values;
    it("runs as built", () => expect(run(entry, req).length).toBeGreaterThan(1));
    it("truncated: code 1 at the request's length", () => {
      for (const n of [v.length - 1, 3, 1]) {
        const e = fails(entry, v.slice(0, n));
        expect([e.code, e.detail], `truncated to ${n}`).toEqual([1, n]);
      }
    });
    it("an unknown version: code 1 at 0", () => {
      expect(failure(entry, [2, ...v.slice(1)])).toEqual([1, 0]);
      expect(failure(entry, [0, ...v.slice(1)])).toEqual([1, 0]);
    });
    it("NaN or infinity in a field or in the model: code 5 at its index", () => {
      for (const i of [1, v.length - 2]) {
        for (const bad of [NaN, Infinity]) {
          const w = [...v];
          w[i] = bad;
          const e = fails(entry, w);
          expect([e.code, e.detail], `value ${i} = ${bad}`).toEqual([5, i]);
        }
      }
    });
    it("a value after the model: code 1 at its index", () => {
      const e = fails(entry, [...v, 0]);
      expect([e.code, e.detail]).toEqual([1, v.length]);
    });
  });

  it("a bad model value is reported at its index in the request (model base + its index in the description)", () => {
    for (const [entry, req] of requests) {
      const b = req.modelIndex;
      const w = [...req.values];
      w[b + 16] = -0.25; // the first element's length
      const e = fails(entry, w);
      expect([e.code, e.detail], entry).toEqual([1, b + 16]);
    }
  });

  it("field checks: modes, grids, probes, unbalance nodes, result size, k", () => {
    const m = modalRequest(src(model), range(0, 100, 50), 2).values;
    const cases: [string, number[], number, number][] = [
      ["modal: 0 modes", [1, 0, ...m.slice(2)], 1, 1],
      ["modal: 1.5 modes", [1, 1.5, ...m.slice(2)], 1, 1],
      ["modal: unknown grid kind", [1, 2, 7, ...m.slice(3)], 1, 2],
      ["modal: range stop < start", [1, 2, 1, 100, 50, 10, ...m.slice(6)], 1, 4],
      ["modal: range of more than 10^6 points", [1, 2, 1, 0, 1e9, 1, ...m.slice(6)], 1, 5],
      ["modal: step 0", [1, 2, 1, 0, 100, 0, ...m.slice(6)], 1, 5],
      ["modal: negative start", [1, 2, 1, -1, 100, 50, ...m.slice(6)], 1, 3],
    ];
    for (const [what, values, code, detail] of cases) {
      const e = fails(ROTOR_JOBS.modal, values);
      expect([e.code, e.detail], what).toEqual([code, detail]);
    }
    // unbalance: [1, U, U×3, P, P×3, grid, model]
    const u = unbalanceRequest(src(model), [{ node: 2, magnitude: 1e-4, phase: 0 }], [{ node: 7, dir: "x" }, { node: 8, dir: 0.7 }], range(10, 20, 10)).values;
    const edit = (i: number, x: number) => {
      const w = [...u];
      w[i] = x;
      return w;
    };
    const ucases: [string, number[], number, number][] = [
      ["unbalance on a pedestal node (7)", edit(2, 7), 1, 2],
      ["negative unbalance magnitude", edit(3, -1e-4), 1, 3],
      ["probe on a node that does not exist (9)", edit(6, 9), 1, 6],
      ["unknown probe direction code", edit(7, 3), 1, 7],
      ["an angle with the x code", edit(8, 0.1), 1, 8],
      ["no probes", [1, 1, 2, 1e-4, 0, 0, ...u.slice(12)], 1, 5],
    ];
    for (const [what, values, code, detail] of ucases) {
      const e = fails(ROTOR_JOBS.unbalance, values);
      expect([e.code, e.detail], what).toEqual([code, detail]);
    }
    const t = timeRequest(src(model), { speed: 100, tEnd: 1e3, dt: 1e-5, accelerations: true, unbalance: [] }).values;
    expect(failure(ROTOR_JOBS.time, t), "time: more than 2^26 result values").toEqual([1, 2]);
    const r = reduceRequest(src(model), 0, 1000, 1e-3).values;
    expect(failure(ROTOR_JOBS.reduce, r), "reduce: k above the DOF count").toEqual([1, 2]);
    const s = staticRequest(src(model), 9.81, false).values;
    expect(failure(ROTOR_JOBS.static, [1, 9.81, 2, ...s.slice(3)]), "static: rigid flag 2").toEqual([1, 2]);
  });

  it("a numerical failure keeps its code: a rotor pinned at one node only is a mechanism (code 2)", () => {
    const one: RotorModel = { ...model, bearings: [{ node: 0, kxx: 1e6, kyy: 1e6 }], pedestals: [] };
    const e = fails(ROTOR_JOBS.static, staticRequest(src(one), 9.81, true).values);
    expect(e.code).toBe(2);
  });
});

describe("the worked example of ABI.md (Rotor jobs)", () => {
  it("a static request built by hand is the host's request, and its result is the closed form", () => {
    const model: RotorModel = {
      name: "m",
      material: { E: 2.11e11, G: 8.12e10, rho: 7810 },
      shaft: [{ L: 0.5, od: 0.05 }],
      bearings: [{ node: 0, kxx: 1e6, kyy: 1e6 }, { node: 1, kxx: 1e6, kyy: 1e6 }],
    };
    const byHand = [
      1, 9.80665, 0,
      2, 1, 0, 2, 0, 0, 0, 0,
      1, 2.11e11, 8.12e10, 0, 7810,
      2, 2, 2,
      0.5, 0, 0.05, 0, 0, 0,
      0, 0, 0, 0, 0,
      2, 2, 2,
      0, 1, 0, 1e6, 0, 0, 1e6, 0, 0, 0, 0,
      1, 1, 0, 1e6, 0, 0, 1e6, 0, 0, 0, 0,
    ];
    const req = staticRequest(src(model), 9.80665, false);
    expect(req.values).toEqual(byHand);
    const v = core.withBuffers([byHand], (p) => core.take(core.fn(ROTOR_JOBS.static)(p!), "jobRotorStatic"));
    // each bearing carries half the weight; a bearing node sinks by that force over k (the element is
    // nodally exact, so its bending adds nothing at the nodes)
    const half = (7810 * Math.PI * 0.025 ** 2 * 0.5 * 9.80665) / 2;
    expect(v.length).toBe(15);
    expect(Array.from(v.subarray(0, 5))).toEqual([1, 9.80665, 0, 2, 2]);
    for (const x of [v[5]!, v[6]!, v[10]!, v[13]!]) expect(Math.abs(x)).toBe(0);
    for (const y of [v[7]!, v[8]!]) expect(Math.abs(y + half / 1e6)).toBeLessThan(1e-12 * (half / 1e6));
    for (const f of [v[11]!, v[14]!]) expect(Math.abs(f - half)).toBeLessThan(1e-12 * half);
    expect([v[9], v[12]]).toEqual([0, 1]);
  });
});

describe("determinism", () => {
  const model = MODELS[0]!.model;
  const requests: [string, RotorRequest][] = [
    [ROTOR_JOBS.modal, modalRequest(src(model), range(0, 600, 300), 4)],
    [ROTOR_JOBS.campbell, campbellRequest(src(model), range(0, 600, 100), 3)],
    [ROTOR_JOBS.unbalance, unbalanceRequest(src(model), [{ node: 4, magnitude: 1e-4, phase: 0 }], [{ node: 4, dir: "y" }, { node: 12, dir: 0.4 }], range(0, 600, 20))],
    [ROTOR_JOBS.time, timeRequest(src(model), { speed: 150, tEnd: 0.01, dt: 1e-3, accelerations: true, unbalance: [{ node: 4, magnitude: 1e-4, phase: 0 }] })],
    [ROTOR_JOBS.static, staticRequest(src(model), 9.80665, false)],
    [ROTOR_JOBS.reduce, reduceRequest(src(model), 150, 3, 1e-3)],
  ];

  it.each(requests)("%s: the same request gives the same bytes, on this instance and on a fresh one; the core's digest is the host's", (entry, req) => {
    const fresh = Core.load();
    const a = run(entry, req);
    const b = run(entry, req);
    const c = run(entry, req, fresh);
    expectBits(b, a, "second call");
    expectBits(c, a, "fresh instance");
    const ptr = fresh.put(a);
    expect(coreDigest(fresh, ptr)).toBe(resultDigest(a));
    fresh.free(ptr);
    // no buffer left behind by the job
    const before = fresh.exports.bufCount();
    run(entry, req, fresh);
    expect(fresh.exports.bufCount()).toBe(before);
  });
});
