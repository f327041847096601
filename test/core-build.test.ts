// Two clean builds of the same sources with the pinned flags give the same bytes, and they equal
// the build/core.wasm the tests run against (DESIGN.md: archive the binary, and be able to rebuild it).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { Core, sha256Hex } from "../src/core/core.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
const dir = mkdtempSync(join(tmpdir(), "twin-build-"));

function build(name: string): Buffer {
  const out = join(dir, `${name}.wasm`);
  execFileSync(process.execPath, [asc, "assembly/index.ts", "--target", "release", "-o", out, "-t", join(dir, `${name}.wat`)], {
    cwd: root,
    stdio: "pipe",
  });
  return readFileSync(out);
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reproducible core build", () => {
  it("builds identical bytes twice, equal to build/core.wasm and its recorded hash", () => {
    const a = build("a");
    const b = build("b");
    expect(sha256Hex(b)).toBe(sha256Hex(a));
    const meta = JSON.parse(readFileSync(join(root, "build", "core.meta.json"), "utf8")) as { sha256: string };
    expect(meta.sha256).toBe(sha256Hex(a));
    expect(Core.default().sha256).toBe(meta.sha256);
  });
});
