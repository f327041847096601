// Hostile packages (issue 11, item 4): `twin archive rerun`, `restore` and `query` on packages forged
// from a real one made by `twin archive create`. Each forgery is re-manifested (checksums, Payload-Oxum,
// tag manifest rewritten) so that fixity passes and the safety layer itself must catch it; plain
// tampering is caught by fixity first. Every case: a precise message naming the run and the file, a
// non-zero exit, and nothing written outside the scratch directory — the tree around the package (with
// a canary file the forged paths aim at) is compared byte for byte before and after.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { constants as zc, deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Files, manifestText } from "../src/archive/bagit.js";
import { sha256Hex } from "../src/archive/hash.js";
import { readPackage } from "../src/archive/package.js";
import { writeZip } from "../src/archive/zip.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const MODEL = join(ROOT, "models", "test-rig.json");
const TMP = mkdtempSync(join(tmpdir(), "twin-hostile-test-"));
/** TMPDIR of every twin started here: its scratch directories are made below this */
const SCRATCH = join(TMP, "scratch");
const CASES = join(TMP, "cases");
const WORK = join(TMP, "work");
const CANARY = join(TMP, "canary.txt");
const PKG = join(TMP, "pkg");
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function twin(args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: WORK,
    encoding: "utf8",
    env: { ...process.env, TWIN_DEBUG: undefined, SOURCE_DATE_EPOCH: "1767225600", TMPDIR: SCRATCH },
    maxBuffer: 1 << 26,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every entry below TMP except the scratch directory: path -> content hash, "dir" or "link -> target". */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (p === SCRATCH) continue;
      const st = lstatSync(p);
      const key = relative(TMP, p);
      if (st.isSymbolicLink()) out.set(key, `link -> ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.set(key, "dir");
        visit(p);
      } else out.set(key, `${st.size} ${sha256Hex(readFileSync(p))}`);
    }
  };
  visit(TMP);
  return out;
}

/** Runs twin and checks that nothing outside the scratch directory changed (and the scratch is left empty). */
function hostile(args: string[]): Run {
  const before = snapshot();
  const r = twin(args);
  expect(snapshot()).toEqual(before);
  expect(readFileSync(CANARY, "utf8")).toBe("canary: must stay untouched\n");
  expect(readdirSync(SCRATCH)).toEqual([]);
  return r;
}

const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

/**
 * Rewrites what fixity checks after a forger edited the payload: both payload manifests, the
 * Payload-Oxum of bag-info.txt and the tag manifest. Everything else (bag-info labels included) stays.
 */
function remanifest(files: Files): void {
  const data = [...files].filter(([p]) => p.startsWith("data/"));
  files.set("manifest-sha256.txt", Buffer.from(manifestText(data, "sha256")));
  files.set("manifest-sha512.txt", Buffer.from(manifestText(data, "sha512")));
  const octets = data.reduce((n, [, b]) => n + b.length, 0);
  files.set("bag-info.txt", Buffer.from(utf8(files.get("bag-info.txt")!).replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${octets}.${data.length}`)));
  const tags = [...files].filter(([p]) => !p.startsWith("data/") && !p.startsWith("tagmanifest-"));
  files.set("tagmanifest-sha256.txt", Buffer.from(manifestText(tags, "sha256")));
}

function writeDir(dir: string, files: Files): void {
  for (const [p, b] of files) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), b);
  }
}

let count = 0;
/** A forged copy of the package (a directory): `edit` changes the files, then it is re-manifested. */
function forge(edit: (files: Files) => void, rebag = true): string {
  const files = readPackage(PKG);
  edit(files);
  if (rebag) remanifest(files);
  const dir = join(CASES, `case-${++count}`);
  writeDir(dir, files);
  return dir;
}

/** Edits a run record as JSON. */
function editRecord(files: Files, run: string, edit: (rec: any) => void): void {
  const p = `data/runs/${run}/run.json`;
  const rec = JSON.parse(utf8(files.get(p)!));
  edit(rec);
  files.set(p, Buffer.from(JSON.stringify(rec, null, 2) + "\n"));
}

/** The forged file must not have been caught by fixity: the safety layer named it. */
function caughtBySafety(r: Run, ...messages: RegExp[]): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/fixity/);
  for (const m of messages) expect(r.stderr).toMatch(m);
}

beforeAll(() => {
  for (const d of [SCRATCH, CASES, WORK]) mkdirSync(d, { recursive: true });
  writeFileSync(CANARY, "canary: must stay untouched\n");
  const specs = join(TMP, "specs");
  mkdirSync(specs);
  writeFileSync(join(specs, "modal.json"), JSON.stringify({ id: "modal", argv: ["rotor", "modal", MODEL, "--speeds", "0,300", "--json"] }));
  writeFileSync(join(specs, "time.json"), JSON.stringify({ id: "time", argv: ["rotor", "time", MODEL, "--speed", "300", "--t-end", "0.002", "--dt", "1e-4", "--unbalance", "4:1e-4:0", "--out", "resp.csv"] }));
  const r = twin(["archive", "create", "--rotor", MODEL, "--run", join(specs, "modal.json"), "--run", join(specs, "time.json"), "-o", PKG]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  rmSync(specs, { recursive: true });
  // the real package passes: it reruns, restores and is queried (so every refusal below is the forgery's)
  const ok = twin(["archive", "rerun", PKG, "--json"]);
  expect(ok.code, ok.stderr).toBe(0);
  expect(JSON.parse(ok.stdout).engines[0].matched).toBe(3);
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH);
}, 180_000);

describe("plain tampering is refused by fixity before anything runs", () => {
  it("rerun, restore and query: exit 1 naming the altered file and the check", () => {
    const dir = forge((f) => editRecord(f, "time", (rec) => (rec.argv[rec.argv.indexOf("--out") + 1] = "../../canary.txt")), false);
    for (const args of [["archive", "rerun", dir], ["archive", "restore", dir, "-o", join(WORK, "restored")], ["archive", "query", dir, "ASK { ?s ?p ?o }"]]) {
      const r = hostile(args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toMatch(/refused: the fixity check fails/);
      expect(r.stderr).toMatch(/data\/runs\/time\/run.json: sha256 checksum mismatch \(altered content\)/);
      expect(r.stdout).toBe("");
    }
  });

  it("a swapped core, re-manifested: exit 1 naming the core and its build record", () => {
    const dir = forge((f) => {
      const core = Buffer.from(f.get("data/core/core.wasm")!);
      const i = core.indexOf(Buffer.from("selfcheckRotor"));
      core.write("selfcheckRotoR", i); // still a valid module that imports nothing: another build
      f.set("data/core/core.wasm", core);
    });
    const r = hostile(["archive", "rerun", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused: the core check fails/);
    expect(r.stderr).toMatch(/data\/core\/core.wasm: SHA-256 \w+ differs from the build record data\/core\/build.json .*swapped core/);
  });
});

describe("forged run records, re-manifested so that fixity passes", () => {
  it("'../' in an output argument: the write that truncated a file outside the scratch directory", () => {
    const dir = forge((f) => editRecord(f, "time", (rec) => (rec.argv[rec.argv.indexOf("--out") + 1] = "../../canary.txt")));
    caughtBySafety(hostile(["archive", "rerun", dir]), /data\/runs\/time\/run.json: run time: argv\[\d+\]: "\.\.\/\.\.\/canary.txt": a '\.\.' segment/, /refused: a run record is not safe to replay \(nothing was run\)/);
  });

  it("an absolute path in an argument, also as --opt=value and -oVALUE", () => {
    const dir = forge((f) =>
      editRecord(f, "time", (rec) => {
        rec.argv[rec.argv.indexOf("--out") + 1] = CANARY;
        rec.argv.push(`--svg=${CANARY}`, `-o${CANARY}`);
      }),
    );
    const r = hostile(["archive", "rerun", dir]);
    caughtBySafety(r, /run time: argv\[\d+\]: "[^"]*canary.txt": an absolute path/, /run time: argv\[\d+\]: "--svg=[^"]*": its value "[^"]*canary.txt": an absolute path/, /run time: argv\[\d+\]: "-o[^"]*": its value "[^"]*canary.txt": an absolute path/);
  });

  it("'../' and absolute paths in the recorded input and output paths", () => {
    const dir = forge((f) =>
      editRecord(f, "modal", (rec) => {
        rec.inputs[0].path = "inputs/../../../canary.txt";
        rec.outputs[0].path = "/tmp/x/stdout.json";
      }),
    );
    caughtBySafety(hostile(["archive", "rerun", dir]), /data\/runs\/modal\/run.json: run modal: inputs\[0\].path: "inputs\/\.\.\/\.\.\/\.\.\/canary.txt": a '\.\.' segment/, /run modal: outputs\[0\].path: "\/tmp\/x\/stdout.json": an absolute path/);
  });

  it("a run that names a command that is not recordable (archive, demo, core, help)", () => {
    const dir = forge((f) => {
      editRecord(f, "time", (rec) => {
        rec.command = "archive create";
        rec.argv = ["archive", "create", "--rotor", "inputs/test-rig.json", "-o", "outputs/x"];
      });
      editRecord(f, "modal", (rec) => {
        rec.command = "demo";
        rec.argv = ["demo"];
      });
    });
    caughtBySafety(hostile(["archive", "rerun", dir]), /data\/runs\/time\/run.json: run time: command: "archive" is not a recordable command/, /data\/runs\/modal\/run.json: run modal: command: "demo" is not a recordable command/);
  });

  it("a run record that is not JSON, and one with wrong types", () => {
    const dir = forge((f) => {
      f.set("data/runs/time/run.json", Buffer.from('{ "id": "time", "argv": [ '));
      editRecord(f, "modal", (rec) => {
        rec.argv = "rotor modal inputs/test-rig.json";
        rec.inputs = {};
        rec.outputs[0].size = "2023";
      });
    });
    caughtBySafety(hostile(["archive", "rerun", dir]), /data\/runs\/time\/run.json: run time: malformed: not JSON/, /data\/runs\/modal\/run.json: run modal: argv: a non-empty array of strings expected/, /run modal: inputs: an array expected/, /run modal: outputs\[0\].size: a byte count expected/);
  });

  it("a missing input file", () => {
    const dir = forge((f) => f.delete("data/runs/time/inputs/test-rig.json"));
    caughtBySafety(hostile(["archive", "rerun", dir]), /data\/runs\/time\/run.json: run time: inputs\[0\]: data\/runs\/time\/inputs\/test-rig.json is missing from the package/);
  });

  it("a declared size far beyond the real one", () => {
    const dir = forge((f) => editRecord(f, "modal", (rec) => (rec.inputs[0].size = 1e12)));
    caughtBySafety(hostile(["archive", "rerun", dir]), /data\/runs\/modal\/run.json: run modal: inputs\[0\]: declares 1000000000000 bytes, but data\/runs\/modal\/inputs\/test-rig.json has \d+/);
  });

  it("an unknown kind of run and a foreign hash scheme (a newer record)", () => {
    const dir = forge((f) => editRecord(f, "modal", (rec) => {
      rec.kind = "shell";
      rec.hashScheme = "twin-canonical-hash/2";
    }));
    caughtBySafety(hostile(["archive", "rerun", dir]), /run modal: kind: "shell" is not a kind of run this twin replays/, /run modal: hashScheme: "twin-canonical-hash\/2" is not a hash scheme this twin knows .*use a newer twin/);
  });

  it("a package of a newer format version: exit 2 naming bag-info.txt", () => {
    const dir = forge((f) => f.set("bag-info.txt", Buffer.from(utf8(f.get("bag-info.txt")!).replace("Twin-Package-Format: 2", "Twin-Package-Format: 3"))));
    const r = hostile(["archive", "rerun", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bag-info.txt: Twin-Package-Format 3 is newer than this tool reads \(2\); use a newer twin/);
  });

  it("verify reports the same forgeries in its runs check (exit 1)", () => {
    const dir = forge((f) => editRecord(f, "time", (rec) => (rec.argv[rec.argv.indexOf("--out") + 1] = "../../canary.txt")));
    const r = hostile(["archive", "verify", dir, "--json"]);
    expect(r.code).toBe(1);
    const runs = JSON.parse(r.stdout).checks.find((c: { name: string }) => c.name === "runs");
    expect(runs.problems.map((p: { file: string; message: string }) => `${p.file}: ${p.message}`).join("\n")).toMatch(/data\/runs\/time\/run.json: run time: argv\[\d+\]: "\.\.\/\.\.\/canary.txt"/);
  });
});

describe("hostile files and archives", () => {
  it("a symbolic link inside the bag pointing outside it", () => {
    const dir = forge(() => undefined);
    rmSync(join(dir, "data/runs/modal/inputs/test-rig.json"));
    symlinkSync(CANARY, join(dir, "data/runs/modal/inputs/test-rig.json"));
    const r = hostile(["archive", "rerun", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/data\/runs\/modal\/inputs\/test-rig.json: a symbolic link \(not allowed in a package: it could point outside it\)/);
    // a linked directory too
    const d2 = forge(() => undefined);
    rmSync(join(d2, "data/ontologies"), { recursive: true });
    symlinkSync(join(ROOT, "ontologies"), join(d2, "data/ontologies"));
    expect(hostile(["archive", "query", d2, "ASK { ?s ?p ?o }"]).stderr).toMatch(/data\/ontologies: a symbolic link/);
  });

  it("a zip entry named ../x", () => {
    const files = readPackage(PKG);
    const entries = [...files].map(([name, data]) => ({ name: `evil/${name}`, data }));
    entries.push({ name: "evil/../canary.txt", data: Buffer.from("overwritten\n") });
    const zip = join(CASES, "evil.zip");
    writeFileSync(zip, writeZip(entries, 0));
    const r = hostile(["archive", "rerun", zip]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/evil.zip: unsafe zip: "evil\/\.\.\/canary.txt": unsafe entry name: a '\.\.' segment/);
  });

  it("a zip entry declaring a size far beyond its real one, and a zip bomb, refused before inflating", () => {
    const files = readPackage(PKG);
    const zipBytes = Buffer.from(writeZip([...files].map(([name, data]) => ({ name: `big/${name}`, data })), 0));
    // the central directory record of the run record data/runs/modal/run.json: declare 3 GB instead of its size
    const name = Buffer.from("big/data/runs/modal/run.json");
    const at = zipBytes.lastIndexOf(name) - 46;
    expect(zipBytes.readUInt32LE(at)).toBe(0x02014b50);
    zipBytes.writeUInt32LE(3_000_000_000, at + 24);
    const zip = join(CASES, "big.zip");
    writeFileSync(zip, zipBytes);
    const r = hostile(["archive", "rerun", zip]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big.zip: unsafe zip: big\/data\/runs\/modal\/run.json: declared size 3000000000 bytes, more than the limit of 1073741824 per file/);

    // a zip bomb: three entries of 1 GiB of zeros each (legitimately compressed ~1000:1, 3 MiB on disk)
    const mib = deflateRawSync(new Uint8Array(1 << 20), { level: 9, finishFlush: zc.Z_SYNC_FLUSH });
    const gib = Buffer.concat([...Array.from({ length: 1024 }, () => mib), Buffer.from([0x03, 0x00])]);
    const bombEntries = [...files].map(([n, data]) => ({ name: `bomb/${n}`, data }));
    const bomb = Buffer.from(writeZip(bombEntries, 0));
    // append three stored-looking entries by hand: local headers + data, then rewrite the central directory
    const local: Buffer[] = [];
    const central: Buffer[] = [];
    const eocdAt = bomb.length - 22;
    const cdOffset = bomb.readUInt32LE(eocdAt + 16);
    let offset = cdOffset;
    for (let i = 0; i < 3; i++) {
      const n = Buffer.from(`bomb/data/zeros-${i}.bin`);
      const lh = Buffer.alloc(30);
      lh.writeUInt32LE(0x04034b50, 0);
      lh.writeUInt16LE(20, 4);
      lh.writeUInt16LE(8, 8);
      lh.writeUInt32LE(gib.length, 18);
      lh.writeUInt32LE(1 << 30, 22);
      lh.writeUInt16LE(n.length, 26);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(20, 6);
      cd.writeUInt16LE(8, 10);
      cd.writeUInt32LE(gib.length, 20);
      cd.writeUInt32LE(1 << 30, 24);
      cd.writeUInt16LE(n.length, 28);
      cd.writeUInt32LE(offset, 42);
      local.push(lh, n, gib);
      central.push(cd, n);
      offset += 30 + n.length + gib.length;
    }
    const oldCd = bomb.subarray(cdOffset, eocdAt);
    const count = bomb.readUInt16LE(eocdAt + 10) + 3;
    const eocd = Buffer.from(bomb.subarray(eocdAt));
    eocd.writeUInt16LE(count, 8);
    eocd.writeUInt16LE(count, 10);
    eocd.writeUInt32LE(oldCd.length + central.reduce((s, c) => s + c.length, 0), 12);
    eocd.writeUInt32LE(offset, 16);
    const bombZip = join(CASES, "bomb.zip");
    writeFileSync(bombZip, Buffer.concat([bomb.subarray(0, cdOffset), ...local, oldCd, ...central, eocd]));
    expect(readFileSync(bombZip).length).toBeLessThan(8 << 20);
    const t0 = performance.now();
    const b = hostile(["archive", "rerun", bombZip]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bomb.zip: unsafe zip: the entries declare more than 2147483648 bytes in total \(the limit of a package\): refused before inflating/);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });

  it("restore: a source path in the graph that leaves the output directory", () => {
    const dir = forge((f) => f.set("data/graph/twin.ttl", Buffer.from(utf8(f.get("data/graph/twin.ttl")!).replace('rotor:sourceFile "test-rig.json"', 'rotor:sourceFile "../../../canary.txt"'))));
    const out = join(WORK, "restored");
    const r = hostile(["archive", "restore", dir, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/data\/graph\/twin.ttl: restored source: "rotor\/\.\.\/\.\.\/\.\.\/canary.txt": a '\.\.' segment/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("the forged packages as zips", () => {
  it("a run record with '../' inside a zip is refused the same way", () => {
    const files = readPackage(PKG);
    editRecord(files, "time", (rec) => (rec.argv[rec.argv.indexOf("--out") + 1] = "../../canary.txt"));
    remanifest(files);
    const zip = join(CASES, "forged.zip");
    writeFileSync(zip, writeZip([...files].map(([name, data]) => ({ name: `forged/${name}`, data })), 0));
    caughtBySafety(hostile(["archive", "rerun", zip]), /forged.zip\/data\/runs\/time\/run.json: run time: argv\[\d+\]: "\.\.\/\.\.\/canary.txt": a '\.\.' segment/);
  });
});

describe("forged invocation records (format 2), re-manifested so that fixity passes", () => {
  it("an entry that is not a job export, a request that is not the run's request file, a foreign digest scheme", () => {
    const dir = forge((f) =>
      editRecord(f, "modal", (rec) => {
        rec.invocation.entry = "memory";
        rec.invocation.request.path = "../../../canary.txt";
        rec.invocation.digestScheme = "twin-result-digest/9";
      }),
    );
    caughtBySafety(
      hostile(["archive", "rerun", dir]),
      /data\/runs\/modal\/run.json: run modal: invocation.entry: "memory" is not a job export name \(job…\): only the core's jobs replay/,
      /run modal: invocation.request.path: "\.\.\/\.\.\/\.\.\/canary.txt": request.f64 expected/,
      /run modal: invocation.digestScheme: "twin-result-digest\/9" is not a digest scheme this twin knows .*use a newer twin/,
    );
  });

  it("a request declared far larger than it is, a missing .wast, a record of a newer format", () => {
    const dir = forge((f) => {
      editRecord(f, "time", (rec) => {
        rec.invocation.request.values = 1e12;
        rec.format = 3;
      });
      f.delete("data/runs/modal/rerun.wast");
    });
    caughtBySafety(
      hostile(["archive", "rerun", dir]),
      /data\/runs\/time\/run.json: run time: invocation.request: declares 8000000000000 bytes, but data\/runs\/time\/request.f64 has \d+/,
      /run time: format: 3: made by a newer twin .*use a newer twin/,
      /data\/runs\/modal\/run.json: run modal: wast: runs\/modal\/rerun.wast is not in the package/,
    );
  });
});
