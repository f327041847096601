// The rotor part of the demo at a glance (`twin demo --rotor`) on the packaged model
// (models/test-rig.json): modal analysis at a few speeds, critical speeds, unbalance response, static
// deflection and a short time response whose steady orbit is checked against the frequency-domain
// response.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../core/core.js";
import { defaultCore, requireFinite } from "../core/default.js";
import { parseRange } from "../io/values.js";
import { RotorCore } from "../rotor/core.js";
import { fixed, hz, peakIndex, rpm, table } from "../rotor/format.js";
import { diskMassProperties, type RotorModel } from "../rotor/model.js";
import { parseRotorModel } from "../rotor/validate.js";

/** The bundled test rig's rotor model. */
export const DEMO_MODEL = join(PACKAGE_ROOT, "models", "test-rig.json");

const RPM = Math.PI / 30;
/** Speeds shown in the modal table, rpm. */
const MODAL_RPM = [0, 1500, 3000, 4500];
/** Unbalance of the demo: 10 g at 10 mm radius (1e-4 kg m) on the first disc. */
const UNBALANCE_KGM = 1e-4;

function shaftMass(model: RotorModel): number {
  let m = 0;
  for (const el of model.shaft) {
    const rho = (el.material ?? model.material)?.rho ?? 0;
    const area = (od: number, id: number): number => (Math.PI / 4) * (od * od - id * id);
    const al = area(el.odl ?? el.od ?? 0, el.idl ?? el.id ?? 0);
    const ar = area(el.odr ?? el.od ?? 0, el.idr ?? el.id ?? 0);
    m += rho * el.L * (al + ar) * 0.5;
  }
  return m;
}


/** Loads `model` into the core, runs `body`, frees the model in the core whatever happens. */
function withRotor<T>(model: RotorModel, body: (rotor: RotorCore) => T): T {
  const rotor = RotorCore.load(model, defaultCore());
  try {
    return body(rotor);
  } finally {
    rotor.free();
  }
}

/**
 * The rotor analyses of the bundled test rig (models/test-rig.json) at a glance (`twin demo --rotor`):
 * modal analysis at a few speeds, critical speeds, unbalance response, static deflection, and a short
 * time response whose steady orbit is checked against the frequency-domain response. Returns the report.
 * @throws NumericalError when a result is not finite
 */
export function runRotorDemo(): string {
  const model = parseRotorModel(readFileSync(DEMO_MODEL, "utf8"), DEMO_MODEL);
  const disks = model.disks ?? [];
  const diskNodes = disks.map((d) => d.node);
  const bearingNodes = model.bearings.map((b) => b.node);
  const unbNode = diskNodes[0] ?? Math.floor(model.shaft.length / 2);
  const out: string[] = [];
  withRotor(model, (r) => {
    const diskMass = disks.reduce((s, d) => s + diskMassProperties(d).m, 0);
    out.push(`twin demo: ${model.name} (${DEMO_MODEL})`);
    out.push(
      `${model.shaft.length} shaft elements, ${r.nodes} nodes, ${r.dof} degrees of freedom; ` +
        `shaft ${fixed(model.shaft.reduce((s, e) => s + e.L, 0), 3)} m, ${fixed(shaftMass(model), 2)} kg; ` +
        `${disks.length} discs at nodes ${diskNodes.join(", ")} (${fixed(diskMass, 2)} kg); ` +
        `bearings at nodes ${bearingNodes.join(", ")}; ${model.pedestals?.length ?? 0} pedestal masses`,
    );

    // 1. Modal analysis at a few speeds.
    const modes = 6;
    const modal = MODAL_RPM.map((n) => r.modal(n * RPM, modes));
    for (const m of modal) requireFinite([...m.wd, ...m.logdec], `modal at ${m.speed} rad/s`);
    out.push("", "1. Damped natural frequencies [Hz] (whirl, log decrement) at rotor speed");
    out.push(
      table(
        [{ title: "mode" }, ...MODAL_RPM.map((n) => ({ title: `${n} rpm` }))],
        Array.from({ length: Math.max(...modal.map((m) => m.wd.length)) }, (_, j) => [
          String(j + 1),
          ...modal.map((m) => (j < m.wd.length ? `${fixed(hz(m.wd[j]!), 2)} ${m.whirl[j]![0]!.toUpperCase()} ${fixed(m.logdec[j]!, 3)}` : "-")),
        ]),
      ).trimEnd(),
    );
    out.push("   whirl: F forward, B backward, M mixed");

    // 2. Campbell diagram, 0-6000 rpm.
    const speeds = parseRange(`0:${6000 * RPM}:${25 * RPM}`, "demo speeds");
    const camp = r.campbell(speeds, modes);
    out.push("", `2. Critical speeds, 0-6000 rpm (${speeds.length} speeds, ${modes} tracked modes)`);
    if (camp.critical.length === 0) out.push("   none in the range");
    for (const k of camp.critical) {
      out.push(`   mode ${k.mode + 1}: ${fixed(k.speed, 1)} rad/s = ${fixed(rpm(k.speed), 0)} rpm = ${fixed(hz(k.speed), 2)} Hz`);
    }

    // 3. Unbalance response.
    const unb = [{ node: unbNode, magnitude: UNBALANCE_KGM, phase: 0 }];
    const probes = [...new Set([...diskNodes, ...bearingNodes])].flatMap((node) => [
      { node, dir: "x" as const },
      { node, dir: "y" as const },
    ]);
    const freqs = parseRange(`${2 * RPM}:${6000 * RPM}:${2 * RPM}`, "demo freqs");
    const resp = r.unbalance(unb, freqs, probes);
    out.push("", `3. Unbalance response to ${UNBALANCE_KGM} kg m at node ${unbNode}, 2-6000 rpm: peaks`);
    out.push(
      table(
        [{ title: "probe", align: "left" }, { title: "peak [um]" }, { title: "at [rpm]" }],
        resp.probes.map((p) => {
          requireFinite(p.amplitude, `unbalance response at node ${p.node}`);
          const k = peakIndex(p.amplitude);
          return [`node ${p.node} ${p.dir}`, fixed(p.amplitude[k]! * 1e6, 2), fixed(rpm(freqs[k]!), 0)];
        }),
      ).trimEnd(),
    );

    // 4. Static deflection.
    const st = r.staticDeflection({ g: 9.80665, rigidSupports: false });
    requireFinite(st.deflection.y, "static deflection");
    const ky = st.deflection.y.reduce((best, y, i, a) => (Math.abs(y) > Math.abs(a[best]!) ? i : best), 0);
    out.push("", "4. Static deflection under gravity (flexible supports)");
    out.push(`   largest: ${fixed(st.deflection.y[ky]! * 1e6, 2)} um at node ${ky}`);
    out.push(`   bearing forces: ${st.bearingForces.map((b) => `node ${b.node} fy ${fixed(b.fy, 2)} N`).join(", ")}`);

    // 5. Time response at 1500 rpm: steady orbit amplitude against the frequency-domain result.
    const speed = 1500 * RPM;
    const dt = 2.5e-4;
    const tEnd = 3;
    const tr = r.time({ speed, tEnd, dt, unbalance: unb });
    requireFinite(tr.disp, "time response");
    const w = 2 * tr.nodes;
    const rev = (2 * Math.PI) / speed;
    const fromRow = tr.t.findIndex((t) => t >= tEnd - 2 * rev);
    const steady = r.unbalance(unb, [speed], probes);
    out.push("", `5. Time response at 1500 rpm, ${tEnd} s, dt ${dt} s (${tr.t.length} steps): last two revolutions`);
    out.push(
      table(
        [{ title: "probe", align: "left" }, { title: "max |u| [um]" }, { title: "steady state [um]" }],
        probes.map((p, i) => {
          const col = 2 * p.node + (p.dir === "x" ? 0 : 1);
          let amp = 0;
          for (let row = fromRow; row < tr.t.length; row++) amp = Math.max(amp, Math.abs(tr.disp[row * w + col]!));
          return [`node ${p.node} ${p.dir}`, fixed(amp * 1e6, 3), fixed(steady.probes[i]!.amplitude[0]! * 1e6, 3)];
        }),
      ).trimEnd(),
    );
    out.push("   (max |u| includes what remains of the start-up transient; gravity is not applied)");
  });
  return out.join("\n") + "\n";
}
