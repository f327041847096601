#!/usr/bin/env node
// Writes schemas/runner-config.schema.json from src/runner/schema.ts (run after `npm run build`);
// test/runner-config.test.ts checks the committed file is what this writes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../dist/core/core.js";
import { RUNNER_CONFIG_SCHEMA } from "../dist/runner/schema.js";

writeFileSync(join(PACKAGE_ROOT, "schemas", "runner-config.schema.json"), JSON.stringify(RUNNER_CONFIG_SCHEMA, null, 2) + "\n");
