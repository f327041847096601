// Reference cases: a rotor model with another code's published results (the format of
// shared testdata/rotor: { model, tolerance, expected: { modal, unbalance, static_rigid_supports } }),
// compared with this core's results. `twin rotor check` and the tests use it, so any case another team
// writes in that format runs unchanged. The results come from the rotor jobs (jobs.ts), the same calls
// the recordable commands make; the comparison itself is the host's (`rotor check` is not recordable).
import type { Core } from "../core/core.js";
import { listGrid } from "./grid.js";
import { modalJob, staticJob, unbalanceJob } from "./jobs.js";
import type { ModelSource } from "./request.js";

/** A reference case (shared testdata/rotor): a model, tolerances, and another code's expected results. */
export interface ReferenceCase {
  description?: string;
  model: unknown;
  tolerance?: { frequencies_rel?: number; logdec_abs?: number; unbalance_amplitude_rel?: number; static_rel?: number };
  expected: {
    modal?: { speed: number; wn?: number[]; wd?: number[]; logdec?: number[] }[];
    unbalance?: {
      unbalance: UnbalanceSpec | UnbalanceSpec[];
      frequencies: number[];
      probes: { node: number; dir: "x" | "y" | number; amplitude: number[]; phase?: number[] }[];
    };
    static_rigid_supports?: { g: number; deformation_y_m_per_node: number[]; bearing_forces_N?: Record<string, number> };
  };
}

interface UnbalanceSpec {
  node: number;
  magnitude_kg_m?: number;
  magnitude?: number;
  phase_rad?: number;
  phase?: number;
}

/** One compared quantity: the largest deviation found and the tolerance it is held to. */
export interface Comparison {
  what: string;
  /** "rel" (relative to the reference value) or "abs" */
  kind: "rel" | "abs";
  maxDeviation: number;
  tolerance: number;
  /** where the largest deviation is, e.g. "speed 100, mode 3" */
  at: string;
  pass: boolean;
}

/** Tolerances of a reference case that names none. */
export const DEFAULT_TOLERANCES = {
  frequencies_rel: 1e-4,
  logdec_abs: 1e-4,
  unbalance_amplitude_rel: 1e-3,
  static_rel: 1e-6,
};

class Tracker {
  max = 0;
  at = "";
  constructor(
    readonly what: string,
    readonly kind: "rel" | "abs",
    readonly tolerance: number,
  ) {}
  see(dev: number, at: string): void {
    // NaN must fail: compare so that NaN replaces any finite maximum
    if (!(dev <= this.max)) {
      this.max = dev;
      this.at = at;
    }
  }
  result(): Comparison {
    return { what: this.what, kind: this.kind, maxDeviation: this.max, tolerance: this.tolerance, at: this.at, pass: this.max <= this.tolerance };
  }
}

/**
 * Compares every expected result of `ref` with `rotor`'s. Values the reference gives as (near) zero —
 * below 1e-9 of the largest value of the same series, e.g. an unloaded rotor at Ω = 0 or the
 * displacement at a pinned bearing — are compared absolutely against the tolerance times that largest value.
 */
export function compareReference(ref: ReferenceCase, core: Core, src: ModelSource): Comparison[] {
  const tol = { ...DEFAULT_TOLERANCES, ...ref.tolerance };
  const out: Comparison[] = [];
  const e = ref.expected;
  if (e.modal && e.modal.length > 0) {
    const freq = new Tracker("modal wn, wd", "rel", tol.frequencies_rel);
    const logdec = new Tracker("modal logdec", "abs", tol.logdec_abs);
    e.modal.forEach((m, k) => {
      const count = Math.max(m.wn?.length ?? 0, m.wd?.length ?? 0, m.logdec?.length ?? 0);
      const r = modalJob(core, src, listGrid([m.speed]), count, { speeds: `expected.modal[${k}].speed`, modes: `expected.modal[${k}] (its number of modes)` }).results[0]!;
      for (let i = 0; i < count; i++) {
        const at = `speed ${m.speed}, mode ${i + 1}`;
        if (m.wn?.[i] !== undefined) freq.see(rel(r.wn[i], m.wn[i]!), at);
        if (m.wd?.[i] !== undefined) freq.see(rel(r.wd[i], m.wd[i]!), at);
        if (m.logdec?.[i] !== undefined) logdec.see(Math.abs((r.logdec[i] ?? NaN) - m.logdec[i]!), at);
      }
    });
    out.push(freq.result(), logdec.result());
  }
  if (e.unbalance) {
    const u = e.unbalance;
    const specs = Array.isArray(u.unbalance) ? u.unbalance : [u.unbalance];
    const masses = specs.map((s) => ({ node: s.node, magnitude: s.magnitude_kg_m ?? s.magnitude ?? NaN, phase: s.phase_rad ?? s.phase ?? 0 }));
    const res = unbalanceJob(
      core,
      src,
      masses.map((m, i) => ({ ...m, where: `expected.unbalance.unbalance[${i}]` })),
      u.probes.map((p, i) => ({ node: p.node, dir: p.dir, where: `expected.unbalance.probes[${i}]` })),
      listGrid(u.frequencies),
      { freqs: "expected.unbalance.frequencies" },
    ).response;
    const amp = new Tracker("unbalance amplitude", "rel", tol.unbalance_amplitude_rel);
    u.probes.forEach((p, i) => {
      const peak = Math.max(...p.amplitude.map(Math.abs));
      p.amplitude.forEach((expected, k) => {
        const got = res.probes[i]?.amplitude[k] ?? NaN;
        const at = `probe ${p.node}:${p.dir}, ${u.frequencies[k]} rad/s`;
        amp.see(Math.abs(expected) < 1e-9 * peak ? Math.abs(got) / peak : rel(got, expected), at);
      });
    });
    out.push(amp.result());
    if (u.probes.some((p) => p.phase)) {
      const phase = new Tracker("unbalance phase (rad)", "abs", tol.unbalance_amplitude_rel * Math.PI);
      u.probes.forEach((p, i) =>
        p.phase?.forEach((expected, k) => {
          const d = (res.probes[i]?.phase[k] ?? NaN) - expected;
          phase.see(Math.abs(Math.atan2(Math.sin(d), Math.cos(d))), `probe ${p.node}:${p.dir}, ${u.frequencies[k]} rad/s`);
        }),
      );
      out.push(phase.result());
    }
  }
  if (e.static_rigid_supports) {
    const s = e.static_rigid_supports;
    const res = staticJob(core, src, s.g, true, { g: "expected.static_rigid_supports.g" });
    const defl = new Tracker("static deflection y", "rel", tol.static_rel);
    const ymax = Math.max(...s.deformation_y_m_per_node.map(Math.abs));
    s.deformation_y_m_per_node.forEach((expected, i) => {
      const got = res.deflection.y[i] ?? NaN;
      defl.see(Math.abs(expected) < 1e-9 * ymax ? Math.abs(got) / ymax : rel(got, expected), `node ${i}`);
    });
    out.push(defl.result());
    if (s.bearing_forces_N) {
      const forces = new Tracker("static bearing forces", "rel", tol.static_rel);
      for (const [key, expected] of Object.entries(s.bearing_forces_N)) {
        const node = Number(key.replace(/^node_/, ""));
        const got = res.bearingForces.filter((b) => b.node === node).reduce((t, b) => t + b.fy, 0);
        forces.see(rel(got, expected), key);
      }
      out.push(forces.result());
    }
  }
  return out;
}

function rel(got: number | undefined, expected: number): number {
  if (got === undefined) return NaN;
  return Math.abs(got - expected) / Math.abs(expected);
}
