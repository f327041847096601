#!/usr/bin/env node
// Writes models/live/rig-states.features.csv and models/live/rig-states.elm.json: the test rig's
// labelled operating states simulated by the device simulator, their window features as the runner
// computes them, and the ELM recogniser trained on them (src/demo/rig-states.ts). Run after
// `npm run build`; test/runner-models.test.ts checks the committed files are what this writes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Core, PACKAGE_ROOT } from "../dist/core/core.js";
import { loadRunnerConfig } from "../dist/runner/config.js";
import { loadRotorModel } from "../dist/rotor/index.js";
import { encodeModel } from "../dist/elm/model.js";
import { trainRigRecogniser } from "../dist/demo/rig-states.js";

const dir = join(PACKAGE_ROOT, "models", "live");
const cfg = loadRunnerConfig(join(dir, "test-rig.json"));
const t = trainRigRecogniser(cfg, loadRotorModel(cfg.model), Core.default());
writeFileSync(join(dir, "rig-states.features.csv"), t.csv);
writeFileSync(join(dir, "rig-states.elm.json"), encodeModel(t.model));
console.log(`rig-states: ${t.rows} windows, ${t.model.features.length} features, classes ${t.model.classes.join(", ")}`);
