// The main job (issue 7): archive the bundled test rig — its Modelica model, its AutomationML plant
// and twin description, its rotor model and recorded modal, unbalance, virtual-sensing and
// state-recognition runs — then verify the package, rerun every run on every available engine,
// restore every source from the graph alone and query the graph, printing a short report.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../core/core.js";
import type { Io } from "../cli/common.js";
import { createPackage, sourceDateEpoch } from "./create.js";
import type { Engine } from "./engines.js";
import { readPackage } from "./package.js";
import { runQuery } from "./query.js";
import { rerunPackage } from "./rerun.js";
import { restorePackage } from "./restore.js";
import { runSpecFrom, type RunSpec } from "./runs.js";
import { verifyPackage } from "./verify.js";

/** The rig's model files (Modelica, AutomationML) and the inputs of its recorded runs. */
export const RIG_DIR = join(PACKAGE_ROOT, "test", "fixtures", "archive", "rig");
export const RIG_MODEL = join(PACKAGE_ROOT, "models", "test-rig.json");
export const DEMO_ENGINES: Engine[] = ["node", "node-baseline", "wasm-interp", "wasmtime"];

export function demoRunSpecs(): RunSpec[] {
  const spec = (id: string, description: string, argv: string[]): RunSpec => runSpecFrom({ id, description, argv }, `demo run ${id}`, RIG_DIR);
  return [
    spec("modal", "Damped natural frequencies of the rig at 0, 150, 300 and 450 rad/s", ["rotor", "modal", RIG_MODEL, "--speeds", "0,150,300,450", "--modes", "6", "--json"]),
    spec("unbalance", "Unbalance response: 1e-4 kg m on disc 1, probes at disc 1 and bearing 1", ["rotor", "unbalance", RIG_MODEL, "--unbalance", "4:1e-4:0", "--freqs", "0:600:5", "--probe", "4:x", "--probe", "1:x", "--json"]),
    spec("virtual-sensing", "UKF estimate of the disc-1 displacement from the bearing-1 measurement", ["ukf", "run", "virtual-sensing.json", "--json"]),
    spec("state-train", "State recognition: ELM trained on vibration features (normal, unbalance, misalignment)", ["elm", "train", "states-train.csv", "--label", "state", "--ignore", "t_start", "--standardize", "--hidden", "60", "--seed", "7", "-o", "state-model.json"]),
    spec("state-predict", "State recognition on held-out windows", ["elm", "predict", "run:state-train/outputs/state-model.json", "states-test.csv", "--json"]),
  ];
}

export const DEMO_QUERIES = {
  links: `PREFIX twin: <https://w3id.org/twin/archive#>
PREFIX aml: <https://w3id.org/twin/aml#>
SELECT ?element ?model WHERE {
  ?e twin:realisedBy ?m ; aml:name ?element .
  OPTIONAL { ?m <https://w3id.org/twin/modelica#fullName> ?mo }
  OPTIONAL { ?m <https://w3id.org/twin/rotor#name> ?ro }
  BIND(COALESCE(?mo, CONCAT("rotor model ", ?ro)) AS ?model)
} ORDER BY ?element ?model`,
  runs: `PREFIX twin: <https://w3id.org/twin/archive#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?run ?command ?model (COUNT(DISTINCT ?out) AS ?outputs) WHERE {
  ?r a twin:Run ; twin:runId ?run ; prov:generated ?out .
  OPTIONAL { ?r twin:command ?command }
  OPTIONAL { ?r twin:usesModel ?m . ?m <https://w3id.org/twin/rotor#name> ?model }
} GROUP BY ?run ?command ?model ORDER BY ?run`,
};

function readJson(bytes: Uint8Array | undefined): any {
  return bytes ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
}

/** Runs the demo; `keep` keeps the package at that path (else it lives in a temporary directory). */
export async function runArchiveDemo(io: Io, options: { keep?: string } = {}): Promise<number> {
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "twin-demo-"));
  const secs = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  try {
    const pkg = options.keep ?? join(dir, "test-rig-archive");
    io.out(`twin demo: archive of the laboratory test rig\n\n`);
    const c = await createPackage({
      modelica: [join(RIG_DIR, "TestRig")],
      aml: [join(RIG_DIR, "plant.aml"), join(RIG_DIR, "twin.aml")],
      rotor: [RIG_MODEL],
      runs: demoRunSpecs(),
      output: pkg,
      title: "Laboratory rotor-bearing test rig: models and recorded runs",
      epoch: sourceDateEpoch(),
      toolVersion: JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")).version,
    });
    io.out(`1 create   ${c.files} files, ${(c.bytes / 1024).toFixed(0)} KiB  (${secs()})\n`);
    io.out(`           sources: ${c.sources.map((s) => `${s.files} ${s.kind}`).join(", ")}; graph: ${c.triples} triples, ${c.links} model links\n`);
    io.out(`           core ${c.coreSha256.slice(0, 16)}…; runs: ${c.runs.map((r) => r.id).join(", ")}, selfcheck (${c.selfchecks.length} exports)\n`);

    const files = readPackage(pkg);
    const payload = new Map([...files].filter(([p]) => p.startsWith("data/")).map(([p, b]) => [p.slice(5), b]));
    const modal = readJson(payload.get("runs/modal/outputs/stdout.json"));
    const at300 = modal?.results?.find((r: { speed: number }) => r.speed === 300);
    if (at300) io.out(`           modal at 300 rad/s: ${at300.wd.slice(0, 4).map((w: number) => `${(w / (2 * Math.PI)).toFixed(1)}`).join(", ")} Hz (damped)\n`);
    const ukf = readJson(payload.get("runs/virtual-sensing/outputs/stdout.json"));
    const ukfCase = readJson(payload.get("runs/virtual-sensing/inputs/virtual-sensing.json"));
    if (ukf && ukfCase) {
      const est = ukf.steps.map((s: { x_post: number[] }) => s.x_post.reduce((a: number, x: number, i: number) => a + x * ukfCase.disc_row[i], 0));
      const truth: number[] = ukfCase.truth_disc_x;
      const rms = (v: number[]): number => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);
      io.out(`           virtual sensing: disc-1 displacement RMS error ${(rms(est.map((e: number, i: number) => e - truth[i]!)) * 1e6).toFixed(2)} um over a signal of ${(rms(truth) * 1e6).toFixed(1)} um RMS\n`);
    }
    const pred = readJson(payload.get("runs/state-predict/outputs/stdout.json"));
    if (pred) io.out(`           state recognition: accuracy ${(pred.accuracy * 100).toFixed(1)} % on ${pred.predictions.length} held-out windows\n`);

    const v = await verifyPackage(pkg, undefined, files);
    io.out(`2 verify   ${v.ok ? "all checks pass" : "FAILED"}: ${v.checks.map((x) => `${x.name} ${x.ok ? "ok" : "FAIL"}`).join(", ")}  (${secs()})\n`);

    const r = await rerunPackage(pkg, DEMO_ENGINES, files);
    io.out(`3 rerun    with the archived core, canonical output hashes compared bit for bit  (${secs()})\n`);
    for (const e of r.engines) {
      if (!e.available) io.out(`           ${e.engine.padEnd(14)} not available: ${e.reason}\n`);
      else {
        const bad = e.results.filter((x) => x.status === "mismatch" || x.status === "failed").map((x) => `${x.run} ${x.status}`);
        io.out(`           ${e.engine.padEnd(14)} ${e.matched}/${e.compared} runs match${e.compared < e.results.length ? ` (self-contained runs only)` : ""}${bad.length ? `; ${bad.join(", ")}` : ""}\n`);
      }
    }

    const s = await restorePackage(pkg, join(dir, "restored"), files);
    const mapped = s.files.filter((f) => f.mapped);
    io.out(`4 restore  ${s.restored}/${mapped.length} sources regenerated from the graph alone: ${s.byteEqual} byte-equal, ${s.modelEqual} model-equal  (${secs()})\n`);
    for (const f of s.files.filter((x) => !x.byteEqual)) io.out(`           ${f.kind} ${f.path}: ${f.message ?? "differs"}\n`);

    io.out(`5 query    which plant element is realised by which model?\n`);
    io.out(indent(runQuery([pkg], DEMO_QUERIES.links, "table").text));
    io.out(`           which runs used which model?\n`);
    io.out(indent(runQuery([pkg], DEMO_QUERIES.runs, "table").text));
    const ok = v.ok && r.ok && s.ok;
    io.out(`\n${ok ? "archive verified, rerun bit for bit, restored byte for byte" : "DEMO FAILED: see above"} in ${secs()}${options.keep ? `; package kept at ${pkg}` : ""}\n`);
    return ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => `           ${l}`)
    .join("\n") + "\n";
}
