// `twin rotor check`: every reference case in test/data/rotor passes; a case whose expected
// results are off by more than the tolerance fails with exit 1 and names what and where.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/twin.js", import.meta.url));
const DIR = fileURLToPath(new URL("./data/rotor/", import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), "twin-check-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function twin(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));

describe("twin rotor check", () => {
  it("finds reference cases to run", () => expect(files.length).toBeGreaterThan(0));

  for (const f of files) {
    it(`${f}: every comparison within its tolerance`, () => {
      const r = twin(["rotor", "check", join(DIR, f), "--json"]);
      expect(r.stderr).toBe("");
      const report = JSON.parse(r.stdout) as { pass: boolean; comparisons: { what: string; pass: boolean; maxDeviation: number; tolerance: number }[] };
      expect(report.comparisons.length).toBeGreaterThanOrEqual(3);
      for (const c of report.comparisons) expect(c.maxDeviation, c.what).toBeLessThanOrEqual(c.tolerance);
      expect(report.pass).toBe(true);
      expect(r.code).toBe(0);
    });
  }

  it("fails (exit 1) when one expected frequency is off by 1e-3 relative, and says where", () => {
    const data = JSON.parse(readFileSync(join(DIR, files[0]!), "utf8"));
    data.expected.modal[1].wd[2] *= 1.001;
    const bad = join(TMP, "perturbed.json");
    writeFileSync(bad, JSON.stringify(data));
    const r = twin(["rotor", "check", bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+modal wn, wd .* at speed \d+(\.\d+)?, mode 3/);
  });

  it("rejects a case without a model (exit 2) and a bad model with its JSON path", () => {
    const noModel = join(TMP, "nomodel.json");
    writeFileSync(noModel, JSON.stringify({ expected: {} }));
    expect(twin(["rotor", "check", noModel]).code).toBe(2);
    const data = JSON.parse(readFileSync(join(DIR, files[0]!), "utf8"));
    data.model.shaft[1].L = -1;
    const badModel = join(TMP, "badmodel.json");
    writeFileSync(badModel, JSON.stringify(data));
    const r = twin(["rotor", "check", badModel]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("model.shaft[1].L");
  });
});
