// twin demo: the main job (issue 7) — the bundled test rig archived, verified, rerun on the available
// engines, restored and queried (src/demo/archive.ts). `twin demo --rotor` keeps the rotor part at a glance on
// the packaged model (models/test-rig.json, src/demo/rotor.ts).
import { runDemo, runRotorDemo } from "../index.js";
import { parseCommandLine } from "./args.js";
import { type Command, helpRequested } from "./common.js";

export const demoCommand: Command = {
  name: "demo",
  summary: "the bundled test rig archived, verified, rerun on the available engines, restored and queried",
  api: { module: ".", export: "runDemo" },
  usage: `Usage: twin demo [--keep PKG] [--rotor]

Archives the bundled laboratory test rig: its Modelica package (models/modelica/RotorRig), its
AutomationML plant and twin description (models/aml/test-rig.aml and the library it references,
twin-library.aml), its rotor model (models/test-rig.json) and recorded runs (modal analysis,
unbalance response, UKF virtual sensing, ELM state recognition on models/states/ with a held-out
split and an unseen state). Then verifies the package, reruns the runs with the archived core and
compares their outputs bit for bit: every run on node and node-baseline (V8 Liftoff only), the
self-contained selfcheck run also on wabt's wasm-interp and on wasmtime when they are available
(the others need a JavaScript host); an engine that is not installed is named, not counted. Then
restores every source from the graph alone and runs two SPARQL queries, printing a short report.
Exit 0 when everything holds.
See docs/archive.md; the steps one by one are under "twin archive".

Options:
      --keep PKG  keep the package at PKG (a directory) instead of a temporary one
      --rotor     instead: the rotor analyses on models/test-rig.json (modal analysis, critical
                  speeds, unbalance response, static deflection, a short time response)
  -h, --help      show this help
`,
  async run(argv, io) {
    const { values } = parseCommandLine(
      argv,
      { help: { type: "boolean", short: "h" }, rotor: { type: "boolean" }, keep: { type: "string" } },
      { min: 0, max: 0, names: "" },
    );
    if (helpRequested(values, this, io)) return 0;
    if (values.rotor) {
      io.out(runRotorDemo());
      return 0;
    }
    const result = await runDemo({ out: (t) => io.out(t), err: (t) => io.err(t), ...(typeof values.keep === "string" ? { keep: values.keep } : {}) });
    return result.ok ? 0 : 1;
  },
};
