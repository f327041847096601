import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
// Run from the root of a checkout of commit 9c52ad5 after `npm ci` (it imports that commit's dist/).
const ROOT = process.cwd();
const { parseRotorModel } = await import(join(ROOT, "dist/rotor/validate.js"));
const { virtualSensing, VS_DEFAULTS } = await import(join(ROOT, "dist/vsense/pipeline.js"));
const { defaultEstimates, defaultSensors } = await import(join(ROOT, "dist/vsense/defaults.js"));
const { parseMismatch } = await import(join(ROOT, "dist/vsense/mismatch.js"));
const { placeSensors } = await import(join(ROOT, "dist/vsense/place.js"));
const { bothDirections, dofName } = await import(join(ROOT, "dist/vsense/dofs.js"));
const RIG = parseRotorModel(readFileSync(join(ROOT, "models/test-rig.json"), "utf8"), "test-rig.json");
const dof = (s) => s.split(",").map((x) => ({ node: Number(x.split(":")[0]), dir: x.split(":")[1] }));
const base = { ...VS_DEFAULTS, speedRpm: undefined, speed: (1200 * 2 * Math.PI) / 60, unbalance: [{ node: 4, magnitude: 1e-4, phase: 0.3 }], sensors: defaultSensors(RIG), estimates: defaultEstimates(RIG, defaultSensors(RIG)), mismatch: [] };
delete base.speedRpm;
const cases = {
  matched: {},
  "bearing-k+10": { mismatch: [parseMismatch("bearing-k=+10%")] },
  "pedestal-k+10": { mismatch: [parseMismatch("pedestal-k=+10%")] },
  "noise0": { noise: 0 },
  "seed2": { seed: 2 },
  "modes4": { modes: 4 },
  "housings": { sensors: dof("12:x,12:y,13:x,13:y"), estimates: dof("5:x,5:y,1:x"), tEnd: 1 },
  "bearing-k-20-noise5": { mismatch: [parseMismatch("bearing-k=-20%")], noise: 0.05 },
};
const out = { source: "src/vsense (host implementation before issue 11), commit 9c52ad5, run on models/test-rig.json", options: { ...base, sensors: base.sensors.map(dofName), estimates: base.estimates.map(dofName) }, cases: {}, placement: {} };
for (const [name, over] of Object.entries(cases)) {
  const o = { ...base, ...over };
  const r = virtualSensing(RIG, o).result;
  out.cases[name] = { overrides: Object.fromEntries(Object.entries(over).map(([k, v]) => [k, k === "sensors" || k === "estimates" ? v.map(dofName) : k === "mismatch" ? v.map((m) => `${m.parameter}=${m.relative}`) : v])), result: r };
  console.error(name, r.worst_nrmse);
}
const cands = bothDirections([...Array(12).keys()]);
for (const method of ["efi", "efi-dpr"]) {
  const p = placeSensors(RIG, { speed: base.speed, modes: 4, count: 4, candidates: cands, method });
  const est = defaultEstimates(RIG, p.sensors);
  const r = virtualSensing(RIG, { ...base, sensors: p.sensors, estimates: est }).result;
  out.placement[method] = { sensors: p.sensors.map(dofName), efi: p.placement.efi, weight: p.placement.weight, fisher_det: p.placement.fisherDet, removed: p.placement.steps.map((s) => ({ dof: dofName(cands[s.removed]), score: s.score })), wn_hz: p.wn_hz, check: r };
  console.error(method, p.sensors.map(dofName), r.worst_nrmse);
}
writeFileSync(join(ROOT, "test/data/vsense/previous-host.json"), JSON.stringify(out, null, 1) + "\n");
