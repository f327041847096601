// The callable methods of twin serve (src/service/methods) on the rotor test rig of
// models/aml/test-rig.aml: each operation against the CLI command it stands for, run on the same data.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createSocket } from "node:dgram";
import { readPackage } from "../src/archive/package.js";
import { Core } from "../src/core/core.js";
import { sendFrames } from "../src/live/udp.js";
import { HybridRunner } from "../src/runner/pipeline.js";
import { RIG as RIG_MODEL, rigConfig, rigFrame, rigRecording } from "./helpers/rig-run.js";
import { decodeContent, parseXml, attr, type XElement } from "../src/aml/xml.js";
import { type ElmModel, encodeModel, loadModel } from "../src/elm/model.js";
import {
  archiveFile,
  currentRotorModel,
  type DeviceView,
  type MethodContext,
  MethodError,
  methodsFromAml,
  OPERATIONS,
  type RunnerControl,
  type RunnerWindow,
} from "../src/service/methods/index.js";
import type { AttrValue, ChangeRecord, HistoryQuery, HistoryStore, LatestValue, NewChange, RetentionPolicy } from "../src/service/types.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const AML = join(ROOT, "models/aml/test-rig.aml");
const RIG = join(ROOT, "models/test-rig.json");
const TMP = mkdtempSync(join(tmpdir(), "twin-methods-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function twin(args: string[]): string {
  return execFileSync("node", [join(ROOT, "bin/twin.js"), ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
}

// ---- a device view over the TestRig element of the AML, with settable values (a POST)

const NUMERIC = /^xs:(double|float|decimal|int|integer|long|short)$/;

class AmlDevice implements DeviceView {
  private readonly values = new Map<string, Map<string, AttrValue>>();
  private readonly roles = new Map<string, string | undefined>();
  constructor(file: string, device: string) {
    const doc = parseXml(readFileSync(file, "utf8"));
    const find = (el: XElement): XElement | undefined => {
      if (el.name === "InternalElement" && attr(doc, el, "Name") === device) return el;
      for (const c of el.children) {
        const f = find(c);
        if (f) return f;
      }
      return undefined;
    };
    const root = find(doc.root)!;
    for (const part of root.children.filter((c) => c.name === "InternalElement")) {
      const name = attr(doc, part, "Name")!;
      const attrs = new Map<string, AttrValue>();
      for (const a of part.children.filter((c) => c.name === "Attribute")) {
        const v = a.children.find((c) => c.name === "Value");
        if (!v) continue;
        const text = decodeContent(doc.text, v.contentStart, v.contentEnd);
        attrs.set(attr(doc, a, "Name")!, NUMERIC.test(attr(doc, a, "AttributeDataType") ?? "") ? Number(text) : text);
      }
      const rr = part.children.find((c) => c.name === "RoleRequirements");
      this.values.set(name, attrs);
      this.roles.set(name, rr ? attr(doc, rr, "RefBaseRoleClassPath") : undefined);
    }
  }
  get(part: string, attribute: string): AttrValue | undefined {
    return this.values.get(part)?.get(attribute);
  }
  parts(): { path: string; role: string | undefined }[] {
    return [...this.roles].map(([path, role]) => ({ path, role }));
  }
  set(part: string, attribute: string, value: AttrValue): void {
    this.values.get(part)!.set(attribute, value);
  }
}

// ---- a history store over an array

class ArrayStore implements HistoryStore {
  readonly engine = "sqlite" as const;
  readonly records: ChangeRecord[] = [];
  async migrate(): Promise<void> {}
  async claim(): Promise<void> {}
  async append(changes: NewChange[]): Promise<ChangeRecord[]> {
    const out = changes.map((c, i) => ({ ...c, seq: this.records.length + i + 1 }));
    this.records.push(...out);
    return out;
  }
  async history(q: HistoryQuery): Promise<ChangeRecord[]> {
    const hit = this.records.filter(
      (r) =>
        r.twin === q.twin &&
        (q.part === undefined || (q.subtree ? r.part === q.part || r.part.startsWith(`${q.part}/`) || q.part === "" : r.part === q.part)) &&
        (q.attribute === undefined || r.attribute === q.attribute) &&
        (q.fromMs === undefined || r.timeMs >= q.fromMs) &&
        (q.toMs === undefined || r.timeMs < q.toMs) &&
        (q.after === undefined || r.seq > q.after) &&
        (q.before === undefined || r.seq < q.before),
    );
    const ordered = q.order === "asc" ? hit : [...hit].reverse();
    return ordered.slice(0, Math.min(q.limit, 10_000));
  }
  async latest(twin: string): Promise<LatestValue[]> {
    const m = new Map<string, LatestValue>();
    for (const r of this.records) if (r.twin === twin) m.set(`${r.part}\u0000${r.attribute}`, { part: r.part, attribute: r.attribute, value: r.newValue, seq: r.seq, timeMs: r.timeMs });
    return [...m.values()];
  }
  async prune(_policy: RetentionPolicy, _nowMs: number): Promise<number> {
    return 0;
  }
  async close(): Promise<void> {}
}

// ---- a runner control that records what it is asked (a test double of the interface)

class RecordingRunner implements RunnerControl {
  running = false;
  readonly calls: string[] = [];
  replaced: ElmModel[] = [];
  constructor(
    private model: { model: ElmModel; file: string } | null,
    private readonly recent: RunnerWindow[] = [],
    private readonly session: string | null = null,
  ) {}
  async start(): Promise<void> {
    this.calls.push("start");
    this.running = true;
  }
  async stop(): Promise<void> {
    this.calls.push("stop");
    this.running = false;
  }
  sessionDir(): string | null {
    return this.session;
  }
  recogniser(): { model: ElmModel; file: string } | null {
    return this.model;
  }
  async replaceRecogniser(model: ElmModel): Promise<void> {
    this.replaced.push(model);
    this.model = { model, file: this.model?.file ?? "replaced" };
  }
  windows(fromMs: number, toMs: number): RunnerWindow[] {
    return this.recent.filter((w) => w.timeMs >= fromMs && w.timeMs < toMs);
  }
}

function context(over: Partial<MethodContext> = {}): MethodContext & { device: AmlDevice } {
  return {
    twin: "TestRig",
    subject: { id: "user:alice", ids: ["user:alice", "role:engineer"] },
    rotorModelFile: RIG,
    device: new AmlDevice(AML, "TestRig"),
    runner: null,
    store: new ArrayStore(),
    dataDir: TMP,
    amlFile: AML,
    signal: new AbortController().signal,
    ...over,
  } as MethodContext & { device: AmlDevice };
}

async function refusal(p: Promise<unknown>): Promise<MethodError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MethodError) return e;
    throw e;
  }
  throw new Error("expected a MethodError");
}

const rad = (rpm: number): number => (rpm * Math.PI) / 30;

describe("the current rotor model", () => {
  it("is the rotor JSON when the live values are those of the AML", () => {
    expect(currentRotorModel(context())).toEqual(JSON.parse(readFileSync(RIG, "utf8")));
  });

  it("takes a changed bearing, pedestal, disc and shaft attribute into the element they describe", () => {
    const ctx = context();
    ctx.device.set("Bearing1", "kxx", 3e7);
    ctx.device.set("Pedestal0", "Mass", 20);
    ctx.device.set("Disc1", "Width", 0.04);
    ctx.device.set("Shaft", "YoungsModulus", 2e11);
    const m = currentRotorModel(ctx);
    expect(m.bearings[1]!.kxx).toBe(3e7);
    expect(m.bearings[0]!.kxx).toBe(1e7);
    expect(m.pedestals![0]!.m).toBe(20);
    expect(m.disks![1]!.width).toBe(0.04);
    expect(m.material!.E).toBe(2e11);
  });

  it("names the attribute whose value makes the model invalid", () => {
    const ctx = context();
    ctx.device.set("Bearing0", "kyy", -5);
    expect(() => currentRotorModel(ctx)).toThrow(/Bearing0\/kyy: must be >= 0 \(-5\) \(bearings\[0\]\.kyy/);
    const ctx2 = context();
    ctx2.device.set("Shaft", "Length", 2);
    expect(() => currentRotorModel(ctx2)).toThrow(/Shaft\/Length: 2 differs from 1/);
    const ctx3 = context();
    ctx3.device.set("Disc0", "Node", 5);
    expect(() => currentRotorModel(ctx3)).toThrow(/Disc0\/Node: no disk of the rotor model sits at node 5/);
  });
});

describe("rotor operations equal the CLI on the current model", () => {
  it("rotor.modal at a speed in rpm is twin rotor modal --json at that speed in rad/s", async () => {
    const got = await OPERATIONS["rotor.modal"]!.run(context(), { speed: 3000, modes: 6 });
    const cli = JSON.parse(twin(["rotor", "modal", RIG, "--speeds", String(rad(3000)), "--modes", "6", "--json"]));
    expect(got).toEqual(cli);
  });

  it("a changed Bearing0/kxx changes the frequencies, equal to the CLI on a file with that change", async () => {
    const ctx = context();
    const before = (await OPERATIONS["rotor.modal"]!.run(ctx, {})) as { results: { wn: number[] }[] };
    ctx.device.set("Bearing0", "kxx", 2e6);
    const after = (await OPERATIONS["rotor.modal"]!.run(ctx, {})) as { results: { wn: number[] }[] };
    expect(after.results[0]!.wn).not.toEqual(before.results[0]!.wn);
    const doc = JSON.parse(readFileSync(RIG, "utf8"));
    doc.bearings[0].kxx = 2e6;
    const file = join(TMP, "rig-kxx.json");
    writeFileSync(file, JSON.stringify(doc));
    expect(after).toEqual(JSON.parse(twin(["rotor", "modal", file, "--json"])));
  });

  it("rotor.campbell defaults to the Motor's MinSpeed..MaxSpeed in 11 points, as the CLI over that range", async () => {
    const ctx = context();
    ctx.device.set("Bearing0", "kxx", 2e6);
    const got = (await OPERATIONS["rotor.campbell"]!.run(ctx, {})) as { results: { speed: number }[]; critical: unknown[] };
    expect(got.results).toHaveLength(11);
    const doc = JSON.parse(readFileSync(RIG, "utf8"));
    doc.bearings[0].kxx = 2e6;
    const file = join(TMP, "rig-campbell.json");
    writeFileSync(file, JSON.stringify(doc));
    const range = `${rad(1000)}:${rad(6000)}:${rad(500)}`;
    expect(got).toEqual(JSON.parse(twin(["rotor", "campbell", file, "--speeds", range, "--json"])));
    const listed = await OPERATIONS["rotor.campbell"]!.run(context(), { speeds: [0, 1500, 3000], modes: 4 });
    expect(listed).toEqual(JSON.parse(twin(["rotor", "campbell", RIG, "--speeds", [0, 1500, 3000].map((x) => String(rad(x))).join(","), "--modes", "4", "--json"])));
  });

  it("rotor.unbalance probes the accelerometers by default, as the CLI with those probes", async () => {
    const got = await OPERATIONS["rotor.unbalance"]!.run(context(), { node: 4, magnitude: 1e-4, phase: 0.5, speeds: "600:3000:600" });
    const cli = twin([
      "rotor", "unbalance", RIG, "--unbalance", "4:0.0001:0.5", "--freqs", `${rad(600)}:${rad(3000)}:${rad(600)}`,
      "--probe", "1:x", "--probe", "1:y", "--probe", "10:x", "--probe", "10:y", "--json",
    ]);
    expect(got).toEqual(JSON.parse(cli));
  });

  it("refuses bad arguments with 400 naming them, a twin without a rotor model with 404", async () => {
    expect((await refusal(OPERATIONS["rotor.modal"]!.run(context(), { speed: -1 }))).message).toMatch(/rotor\.modal: speed: must be >= 0/);
    expect((await refusal(OPERATIONS["rotor.modal"]!.run(context(), { sped: 1 }))).status).toBe(400);
    const e = await refusal(OPERATIONS["rotor.unbalance"]!.run(context(), { node: 99, magnitude: 1, speeds: [100] }));
    expect([e.status, e.message]).toEqual([400, expect.stringMatching(/unbalance: node/)]);
    expect((await refusal(OPERATIONS["rotor.campbell"]!.run(context(), { speeds: "3:1:1" }))).message).toMatch(/stop 1 < start 3/);
    expect((await refusal(OPERATIONS["rotor.modal"]!.run(context({ rotorModelFile: null }), {}))).status).toBe(404);
  });
});

describe("vsense.start / vsense.stop", () => {
  it("start and stop the runner; 409 when already so; 503 without a runner", async () => {
    const runner = new RecordingRunner(null);
    const ctx = context({ runner });
    expect(await OPERATIONS["vsense.start"]!.run(ctx, {})).toEqual({ running: true });
    expect((await refusal(OPERATIONS["vsense.start"]!.run(ctx, {}))).status).toBe(409);
    expect(await OPERATIONS["vsense.stop"]!.run(ctx, {})).toEqual({ running: false });
    expect((await refusal(OPERATIONS["vsense.stop"]!.run(ctx, {}))).status).toBe(409);
    expect(runner.calls).toEqual(["start", "stop"]);
    const none = await refusal(OPERATIONS["vsense.start"]!.run(context(), {}));
    expect([none.status, none.message]).toEqual([503, "vsense.start: this twin has no runner: start twin serve with --run CONFIG"]);
  });
});

describe("states.update", () => {
  // two classes in three features, a deterministic pattern; numbers written as JS writes them (exact round trip)
  const features = ["f1", "f2", "f3"];
  const row = (i: number): number[] => [Math.sin(i) + (i % 2) * 2, Math.cos(i * 0.7), (i % 5) / 4];
  const label = (i: number): string => (i % 2 === 0 ? "healthy" : "unbalance");
  const csv = (rows: number[][], labels: string[]): string => ["f1,f2,f3,state", ...rows.map((r, i) => `${r.map(String).join(",")},${labels[i]}`)].join("\n") + "\n";

  function trained(): { model: ElmModel; file: string } {
    const data = join(TMP, "train.csv");
    const rows = Array.from({ length: 30 }, (_, i) => row(i));
    writeFileSync(data, csv(rows, rows.map((_, i) => label(i))));
    const file = join(TMP, "elm.json");
    twin(["elm", "train", data, "--label", "state", "--hidden", "12", "--standardize", "-o", file]);
    return { model: loadModel(file), file };
  }

  it("updates the recogniser with labelled windows as twin elm update does, a new label adding a class", async () => {
    const rec = trained();
    const runner = new RecordingRunner(rec);
    const windows = Array.from({ length: 6 }, (_, k) => ({ features: Object.fromEntries(features.map((f, j) => [f, row(100 + k)[j]!])), label: k < 4 ? label(k) : "misaligned" }));
    const got = (await OPERATIONS["states.update"]!.run(context({ runner }), { windows })) as { samples: number; classes: string[]; modelSha256: string };
    const more = join(TMP, "more.csv");
    writeFileSync(more, csv(windows.map((w) => features.map((f) => w.features[f]!)), windows.map((w) => w.label)));
    const out = join(TMP, "elm2.json");
    twin(["elm", "update", rec.file, more, "-o", out]);
    const cliText = readFileSync(out, "utf8");
    expect(runner.replaced).toHaveLength(1);
    expect(encodeModel(runner.replaced[0]!)).toBe(cliText);
    expect(got).toEqual({ samples: 6, classes: ["healthy", "unbalance", "misaligned"], modelSha256: createHash("sha256").update(cliText).digest("hex") });
    expect(runner.replaced[0]!.beta).not.toEqual(rec.model.beta);
  });

  it("takes a time range of the runner's windows with one label; refuses missing features and empty ranges", async () => {
    const rec = trained();
    const recent = Array.from({ length: 5 }, (_, k) => ({ timeMs: 1000 + k * 100, features: { f1: row(k)[0]!, f2: row(k)[1]!, f3: row(k)[2]!, extra: 9 }, state: "healthy" }));
    const runner = new RecordingRunner(rec, recent);
    const got = (await OPERATIONS["states.update"]!.run(context({ runner }), { fromMs: 1100, toMs: 1400, label: "healthy" })) as { samples: number };
    expect(got.samples).toBe(3);
    const same = new RecordingRunner(rec);
    await OPERATIONS["states.update"]!.run(context({ runner: same }), { windows: recent.slice(1, 4).map((w) => ({ features: w.features, label: "healthy" })) });
    expect(encodeModel(same.replaced[0]!)).toBe(encodeModel(runner.replaced[0]!));
    const missing = await refusal(OPERATIONS["states.update"]!.run(context({ runner }), { windows: [{ features: { f1: 1, f2: 2 }, label: "healthy" }] }));
    expect([missing.status, missing.message]).toEqual([422, expect.stringMatching(/windows\[0\]\.features: missing "f3"/)]);
    expect((await refusal(OPERATIONS["states.update"]!.run(context({ runner }), { fromMs: 0, toMs: 10, label: "x" }))).status).toBe(422);
    expect((await refusal(OPERATIONS["states.update"]!.run(context({ runner: new RecordingRunner(null) }), { fromMs: 0, toMs: 10, label: "x" }))).status).toBe(409);
  });
});

/** Records a real runner session of the rig (one second of its signals over UDP), as test/runner-archive.test.ts. */
async function recordSession(dir: string): Promise<void> {
  const core = Core.default();
  const rec = rigRecording(1, core);
  const per = 50;
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  const cfg = rigConfig(rec, { source: { url: `udp://127.0.0.1:${port}`, channels: rec.m }, windows: { length: 200, hop: 100, bands: 4, orders: 2 }, recording: { dir, checkpointSeconds: 0.2 } });
  const runner = await HybridRunner.start({ config: cfg, model: RIG_MODEL, recogniser: null, core });
  const frames = Array.from({ length: rec.n / per }, (_, k) => rigFrame(rec, k, per));
  await sendFrames(`udp://127.0.0.1:${port}`, frames, 4);
  // wait (bounded by the test's timeout) until the runner has processed every frame
  while (runner.counters.processed < frames.length) await new Promise((r) => setTimeout(r, 10));
  await runner.stop();
}

describe("archive.export", () => {
  it("writes a package twin archive verify accepts, holding the AML, the rotor model, the history NDJSON and the session", async () => {
    const session = join(TMP, "session");
    await recordSession(session);
    const store = new ArrayStore();
    await store.append([
      { twin: "TestRig", part: "Bearing0", attribute: "kxx", oldValue: 1e7, newValue: 2e6, subject: "user:alice", source: "api", timeMs: 1000 },
      { twin: "Other", part: "X", attribute: "y", oldValue: null, newValue: 1, subject: "system", source: "system", timeMs: 1001 },
      { twin: "TestRig", part: "Motor", attribute: "MaxSpeed", oldValue: 6000, newValue: 5000, subject: "user:bob", source: "api", timeMs: 1002 },
    ]);
    const ctx = context({ store, runner: new RecordingRunner(null, [], session) });
    const r = (await OPERATIONS["archive.export"]!.run(ctx, {})) as { file: string; bytes: number; sha256: string };
    expect(r.file).toMatch(/^TestRig-\d{8}T\d{9}Z\.zip$/);
    const path = archiveFile(TMP, r.file)!;
    const bytes = readFileSync(path);
    expect([bytes.length, createHash("sha256").update(bytes).digest("hex")]).toEqual([r.bytes, r.sha256]);
    const verify = spawnSync("node", [join(ROOT, "bin/twin.js"), "archive", "verify", path, "--json"], { encoding: "utf8" });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).ok).toBe(true);
    const files = readPackage(path);
    const entry = (suffix: string): Uint8Array | undefined => [...files].find(([p]) => p.endsWith(suffix))?.[1];
    const history = Buffer.from(entry("data/attachments/history/TestRig.ndjson")!).toString("utf8");
    expect(history.trimEnd().split("\n").map((l) => JSON.parse(l))).toEqual([store.records[0], store.records[2]].map((x) => ({ seq: x!.seq, twin: x!.twin, part: x!.part, attribute: x!.attribute, oldValue: x!.oldValue, newValue: x!.newValue, subject: x!.subject, source: x!.source, timeMs: x!.timeMs })));
    expect(Buffer.from(entry("data/sources/aml/test-rig.aml")!)).toEqual(readFileSync(AML));
    expect(entry("data/sources/aml/twin-library.aml")).toBeDefined();
    expect(Buffer.from(entry("data/sources/rotor/test-rig.json")!)).toEqual(readFileSync(RIG));
    // the session is the run session-session: the live runner's outputs, byte for byte
    expect(Buffer.from(entry("data/runs/session-session/outputs/replayed.f64")!)).toEqual(readFileSync(join(session, "outputs.f64")));
    const without = (await OPERATIONS["archive.export"]!.run(ctx, { sessions: false })) as { file: string };
    expect(without.file).not.toBe(r.file);
    expect([...readPackage(archiveFile(TMP, without.file)!).keys()].some((p) => p.includes("/runs/session-"))).toBe(false);
  }, 180_000);

  it("serves only names it writes", () => {
    expect(archiveFile(TMP, "../etc/passwd")).toBeNull();
    expect(archiveFile(TMP, "TestRig-20260101T000000000Z.zip/../../x")).toBeNull();
    expect(archiveFile(TMP, "TestRig-20260101T000000000Z.zip")).toBeNull();
  });

  it("refuses to archive a session that is still recording", async () => {
    const runner = new RecordingRunner(null);
    runner.sessionDir = (): string => join(TMP, "session");
    runner.running = true;
    expect((await refusal(OPERATIONS["archive.export"]!.run(context({ runner }), {}))).status).toBe(409);
  });
});

describe("methodsFromAml", () => {
  it("binds AML method names to operations; an unknown operation is refused naming it", () => {
    const defs = methodsFromAml([{ name: "modal", operation: "rotor.modal" }, { name: "export", operation: "archive.export", description: "export" }], "test-rig.aml Methods");
    expect(defs.map((d) => [d.name, d.operation, d.argsSchema.additionalProperties])).toEqual([["modal", "rotor.modal", false], ["export", "archive.export", false]]);
    expect(defs[1]!.description).toBe("export");
    expect(() => methodsFromAml([{ name: "x", operation: "rotor.nothing" }], "test-rig.aml Methods")).toThrow(/test-rig\.aml Methods: method "x": unknown operation "rotor\.nothing"/);
    expect(() => methodsFromAml([{ name: "m", operation: "rotor.modal" }, { name: "m", operation: "rotor.campbell" }], "here")).toThrow(/defined twice/);
  });
});
