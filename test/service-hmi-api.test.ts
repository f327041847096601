// The HMI's server side: its files (a fixed whitelist, no authentication), the model tree, the twins'
// permissions for the caller, the Campbell and mode-shape views of the current rotor model, and the
// live feed of the hybrid runner while `twin device simulate` streams an unbalance step over UDP —
// decimated estimates, windows with the state change, SPC points, the status, and an alarm that an
// operator acknowledges and a read-only viewer may not.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeUdpPort } from "./helpers/hmi-rig.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DecimationError, DisplayDecimator } from "../src/service/decimate.js";
import { LiveFeed } from "../src/service/live-feed.js";
import { loadHmiFiles } from "../src/service/hmi-static.js";
import { startService, type Service } from "../src/service/serve.js";
import { call, ROOT, until } from "./helpers/service.js";

describe("display decimation of the estimates", () => {
  it("averages buckets of ceil(fs / displayRate) samples aligned to the sample index, across records", () => {
    const d = new DisplayDecimator(100);
    // fs 1000: buckets of 10 samples; the first record ends inside its second bucket
    const a = Array.from({ length: 15 }, (_, i) => i);
    expect(d.push(0, 1000, ["s", "u"], [a, a.map((x) => -2 * x)])).toEqual([{ type: "estimates", t: 0.0045, fs: 100, names: ["s", "u"], values: [[4.5], [-9]] }]);
    const b = Array.from({ length: 15 }, (_, i) => 15 + i);
    // samples 10..19 close the second bucket; samples 20..29 stay open until a later sample arrives
    expect(d.push(0.015, 1000, ["s", "u"], [b, b.map((x) => -2 * x)])).toEqual([{ type: "estimates", t: 0.0145, fs: 100, names: ["s", "u"], values: [[14.5], [-29]] }]);
    expect(d.push(0.03, 1000, ["s", "u"], [[30], [-60]])).toEqual([{ type: "estimates", t: 0.0245, fs: 100, names: ["s", "u"], values: [[24.5], [-49]] }]);
  });

  it("a gap in the sample index closes the open bucket with what it has and starts a new block", () => {
    const d = new DisplayDecimator(100);
    expect(d.push(0, 1000, ["s"], [Array.from({ length: 25 }, () => 1)])).toHaveLength(1);
    // samples 20..24 are open; the next record starts at sample 100
    const out = d.push(0.1, 1000, ["s"], [Array.from({ length: 21 }, () => 3)]);
    expect(out).toEqual([
      { type: "estimates", t: 0.0245, fs: 100, names: ["s"], values: [[1]] },
      { type: "estimates", t: 0.1045, fs: 100, names: ["s"], values: [[3, 3]] },
    ]);
  });

  it("keeps every sample when the rate is at most the display rate, and a non-integer ratio rounds the bucket up", () => {
    expect(new DisplayDecimator(100).push(1, 50, ["s"], [[1, 2, 3]])).toEqual([{ type: "estimates", t: 1, fs: 50, names: ["s"], values: [[1, 2]] }]);
    // 250 Hz at 100 Hz: buckets of 3 samples, 83.3 Hz
    const out = new DisplayDecimator(100).push(0, 250, ["s"], [[3, 6, 9, 12]]);
    expect(out[0]!.fs).toBeCloseTo(250 / 3, 12);
    expect(out[0]!.values).toEqual([[6]]);
  });

  it("refuses inconsistent records with a message naming the record", () => {
    const d = new DisplayDecimator(100);
    expect(() => d.push(2, 1000, ["a", "b"], [[1]])).toThrow(new DecimationError("estimates record at t=2: 2 names but 1 value rows"));
    expect(() => d.push(2, 1000, ["a", "b"], [[1], [1, 2]])).toThrow(/value rows of different lengths/);
    expect(() => d.push(2, 0, ["a"], [[1]])).toThrow(/fs 0 is not a rate > 0/);
    expect(() => new DisplayDecimator(0)).toThrow(DecimationError);
  });
});

describe("the live feed of a twin without a runner", () => {
  it("says hello with running false, then sends status until the client goes", async () => {
    const feed = new LiveFeed(null, { statusMs: 20 });
    const server = createServer((_req, res) => feed.serve(res, { types: new Set(["status", "estimates"]), mayReadAlarm: () => true }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const ac = new AbortController();
    const events: SseEvent[] = [];
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { signal: ac.signal });
      const reading = readSse(res, events);
      await until(async () => (events.filter((e) => e.type === "status").length >= 3 ? true : undefined), 10_000, "three status events");
      expect(events[0]).toEqual({ type: "hello", data: { signals: [], sensors: [], sensorFeatures: {}, monitors: [], classes: [], running: false, displayRate: 400 } });
      for (const e of events.slice(1)) expect(e).toEqual({ type: "status", data: { type: "status", t: null, running: false, framesPerSecond: 0, lagMs: 0, state: null, activeAlarms: [] } });
      expect(feed.clientCount).toBe(1);
      ac.abort();
      await reading;
      await until(async () => (feed.clientCount === 0 ? true : undefined), 5000, "the client to be gone");
    } finally {
      ac.abort();
      feed.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("the HMI's file whitelist", () => {
  it("serves only regular files directly in the folder with a whitelisted name, and uPlot's two files", () => {
    const dir = mkdtempSync(join(tmpdir(), "twin-hmi-files-"));
    try {
      writeFileSync(join(dir, "app.js"), "export {};\n");
      writeFileSync(join(dir, "hmi-style.css"), "body{}\n");
      writeFileSync(join(dir, "Upper.js"), "x\n");
      writeFileSync(join(dir, "notes.txt"), "x\n");
      writeFileSync(join(dir, ".hidden.js"), "x\n");
      mkdirSync(join(dir, "sub.js"));
      symlinkSync("/etc/hostname", join(dir, "link.js"));
      const files = loadHmiFiles(dir);
      expect(files.names).toEqual(["app.js", "hmi-style.css"]);
      expect(files.file("app.js")!.contentType).toBe("text/javascript; charset=utf-8");
      expect(files.file("hmi-style.css")!.contentType).toBe("text/css; charset=utf-8");
      expect(files.file("link.js")).toBeUndefined();
      expect(files.file("../package.json")).toBeUndefined();
      const esm = files.vendor("uPlot.esm.js")!;
      expect(esm.body.toString("utf8")).toContain("export { uPlot as default }");
      expect(esm.cacheControl).toBe("public, max-age=86400");
      expect(files.vendor("uPlot.cjs.js")).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a missing folder serves no page and says so", () => {
    const said: string[] = [];
    const files = loadHmiFiles(join(tmpdir(), "twin-no-such-hmi-folder"), (m) => said.push(m));
    expect(files.names).toEqual([]);
    expect(said.join("\n")).toMatch(/twin-no-such-hmi-folder cannot be read \(ENOENT\): the HMI is not served/);
  });
});

// ---- one service with the runner, a policy file and a simulated device ------------------------------

let dir: string;
let svc: Service;
let udp: string;
const tokens: Record<"operator" | "viewer" | "limited" | "engineer", string> = { operator: "", viewer: "", limited: "", engineer: "" };

/** The demo's runner configuration with a short learning phase and one threshold alarm on mid_x. */
function runnerConfig(): Record<string, unknown> {
  const c = JSON.parse(readFileSync(join(ROOT, "models", "live", "test-rig.json"), "utf8")) as Record<string, unknown> & { monitors: Record<string, unknown>[]; recogniser: { model: string } };
  delete c.$schema;
  c.model = join(ROOT, "models", "test-rig.json");
  c.recogniser.model = join(ROOT, "models", "live", "rig-states.elm.json");
  // as `twin demo live` (src/demo/live.ts): the charts learn from a few windows of a short stream
  c.monitors = c.monitors.map((m) => ({ ...m, skip: 2, learn: 10 }));
  // mid-span displacement peaks near 15 µm before the step (seed 7) and reach about 40 µm in the
  // transient after it: 25 µm is crossed by the step only
  c.alarms = [{ id: "mid-displacement", source: "threshold:mid_x", priority: "critical", high: 2.5e-5, deadband: 1e-6, onDelay: 0.1, message: "mid-span displacement high" }];
  return c;
}

const POLICY = {
  format: "twin-policy",
  version: 1,
  entries: {
    operators: {
      subjects: ["role:operator"],
      resources: {
        "twin:/TestRig": { grant: ["READ"], revoke: [] }, "history:/TestRig": { grant: ["READ"], revoke: [] }, "event:/TestRig": { grant: ["READ"], revoke: [] },
        "alarm:/TestRig": { grant: ["READ", "WRITE"], revoke: [] },
      },
    },
    viewers: {
      subjects: ["role:viewer"],
      resources: {
        "twin:/TestRig": { grant: ["READ"], revoke: [] }, "event:/TestRig": { grant: ["READ"], revoke: [] }, "alarm:/TestRig": { grant: ["READ"], revoke: [] },
        "twin:/TestRig/Motor/@MaxSpeed": { grant: [], revoke: ["READ"] },
      },
    },
    limited: { subjects: ["role:limited"], resources: { "twin:/TestRig/Shaft": { grant: ["READ"], revoke: [] } } },
    engineers: {
      subjects: ["role:engineer"],
      resources: {
        "twin:/TestRig": { grant: ["READ", "WRITE"], revoke: [] }, "history:/TestRig": { grant: ["READ"], revoke: [] }, "event:/TestRig": { grant: ["READ"], revoke: [] },
        "alarm:/TestRig": { grant: ["READ", "WRITE"], revoke: [] }, "method:/TestRig": { grant: ["EXECUTE"], revoke: [] },
      },
    },
  },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "twin-serve-hmi-"));
  writeFileSync(join(dir, "run.json"), JSON.stringify(runnerConfig()));
  writeFileSync(join(dir, "policy.json"), JSON.stringify(POLICY));
  udp = `udp://127.0.0.1:${await freeUdpPort()}`;
  svc = await startService({ amlFile: join(ROOT, "models", "aml", "test-rig.aml"), port: 0, dataDir: dir, run: join(dir, "run.json"), source: udp, policyFile: join(dir, "policy.json"), log: () => {} });
  for (const role of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[role] = await svc.token(`user:${role}`, [role]);
}, 60_000);

afterAll(async () => {
  await svc?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe("the HMI's files over HTTP", () => {
  it("GET / is the page, without a token; the files revalidate by entity tag", async () => {
    const page = await call(`${svc.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.text).toBe(readFileSync(join(ROOT, "hmi", "index.html"), "utf8"));
    const again = await call(`${svc.url}/hmi/index.html`, { headers: { "if-none-match": page.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("serves uPlot from the installed package, and nothing outside the whitelist", async () => {
    const css = await call(`${svc.url}/hmi/vendor/uPlot.min.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.text).toContain(".uplot");
    const esm = await call(`${svc.url}/hmi/vendor/uPlot.esm.js`);
    expect(esm.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    for (const p of ["/hmi/missing.js", "/hmi/..%2Fpackage.json", "/hmi/vendor/uPlot.cjs.js", "/hmi/vendor/..%2F..%2Fpackage.json", "/hmi/INDEX.HTML", "/hmi/a/b.js"]) {
      const r = await call(`${svc.url}${p}`);
      expect(r.status, p).toBe(404);
      expect(r.headers.get("content-type"), p).toMatch(/^application\/problem\+json/);
    }
  });
});

describe("the model tree", () => {
  interface Node { name: string; path: string; role?: string; attributes: Record<string, { value: unknown; type?: string; unit?: string; description?: string }>; links: { modelica?: string; rotorModel?: string }; children: Node[] }
  const find = (n: Node, path: string): Node | undefined => (n.path === path ? n : n.children.map((c) => find(c, path)).find((x) => x !== undefined));

  it("gives the hierarchy with roles, attributes with descriptions, and the Modelica and rotor-model links", async () => {
    const r = await call(`${svc.url}/api/TestRig/_tree`, { token: tokens.operator });
    expect(r.status).toBe(200);
    const t = r.body as { device: string; root: Node };
    expect(t.device).toBe("TestRig");
    expect(t.root.path).toBe("");
    expect(t.root.links).toEqual({ modelica: "modelica://RotorRig.TestRig", rotorModel: "../test-rig.json" });
    const motor = find(t.root, "Motor")!;
    expect(motor.links.modelica).toBe("modelica://RotorRig.Components.Motor");
    expect(motor.role).toMatch(/Motor$/);
    expect(motor.attributes.MaxSpeed!.value).toBeTypeOf("number");
    expect(motor.attributes.ModelicaClass!.description).toBe("The Modelica class that realises this element.");
    expect(find(t.root, "Shaft")!.attributes.MidSpanRmsX!.type).toBe("xs:double");
  });

  it("shows only what the caller may read", async () => {
    const viewer = (await call(`${svc.url}/api/TestRig/_tree`, { token: tokens.viewer })).body as { root: Node };
    expect(find(viewer.root, "Motor")!.attributes.MaxSpeed).toBeUndefined();
    expect(find(viewer.root, "Motor")!.attributes.MinSpeed).toBeDefined();
    const limited = (await call(`${svc.url}/api/TestRig/_tree?access_token=${tokens.limited}`)).body as { root: Node };
    expect(limited.root.attributes).toEqual({});
    expect(limited.root.links).toEqual({ rotorModel: "../test-rig.json" });
    expect(limited.root.children.map((c) => c.path)).toEqual(["Shaft"]);
    expect(Object.keys(limited.root.children[0]!.attributes).length).toBeGreaterThan(0);
  });
});

describe("the twins and what the caller may do with them", () => {
  it("permissions follow the policy", async () => {
    const perms = async (role: keyof typeof tokens) => ((await call(`${svc.url}/api/_twins`, { token: tokens[role] })).body as { device: string; permissions: unknown }[]).map((t) => [t.device, t.permissions]);
    expect(await perms("operator")).toEqual([["TestRig", { read: true, write: false, execute: false, alarms: true }]]);
    expect(await perms("viewer")).toEqual([["TestRig", { read: true, write: false, execute: false, alarms: false }]]);
    expect(await perms("engineer")).toEqual([["TestRig", { read: true, write: true, execute: true, alarms: true }]]);
  });
});

describe("model views of the current rotor model", () => {
  it("the Campbell diagram: damped frequencies per tracked mode over the speeds, critical speeds in range", async () => {
    const r = await call(`${svc.url}/api/TestRig/_views/campbell?speeds=0:6000:250&modes=4`, { token: tokens.viewer });
    expect(r.status).toBe(200);
    const c = r.body as { speedsRpm: number[]; modes: { index: number; frequenciesHz: (number | null)[]; whirl: (string | null)[] }[]; criticalSpeedsRpm: number[]; currentRpm: number | null };
    expect(c.speedsRpm).toEqual(Array.from({ length: 25 }, (_, i) => 250 * i));
    expect(c.modes.map((m) => m.index)).toEqual([0, 1, 2, 3]);
    for (const m of c.modes) {
      expect(m.frequenciesHz).toHaveLength(25);
      expect(m.whirl).toHaveLength(25);
    }
    // the lowest mode near 26 Hz (the model's first bending mode); a critical speed where it meets 1X
    expect(c.modes[0]!.frequenciesHz[0]).toBeGreaterThan(20);
    expect(c.modes[0]!.frequenciesHz[0]).toBeLessThan(35);
    expect(c.criticalSpeedsRpm.some((s) => Math.abs(s / 60 - c.modes[0]!.frequenciesHz[Math.round(s / 250)]!) < 2)).toBe(true);
    // the runner has not seen a window yet
    expect(c.currentRpm).toBeNull();
  });

  it("the same numbers as the twin's campbell method at the same speeds", async () => {
    const view = (await call(`${svc.url}/api/TestRig/_views/campbell?speeds=0:3000:1000&modes=2`, { token: tokens.engineer })).body as { modes: { frequenciesHz: number[] }[]; criticalSpeedsRpm: number[] };
    const m = (await call(`${svc.url}/api/TestRig/_methods/campbell`, { token: tokens.engineer, body: { speeds: [0, 1000, 2000, 3000], modes: 2 } })).body as { result: { results: { wd: number[] }[]; critical: { speed: number }[] } };
    expect(view.modes[1]!.frequenciesHz).toEqual(m.result.results.map((x) => x.wd[1]! / (2 * Math.PI)));
    expect(view.criticalSpeedsRpm).toEqual(m.result.critical.map((x) => (x.speed * 30) / Math.PI));
  });

  it("modes with their shapes: node positions along the shaft, shapes normalised to |max| = 1", async () => {
    const r = await call(`${svc.url}/api/TestRig/_views/modes?speed=1200&modes=3`, { token: tokens.operator });
    expect(r.status).toBe(200);
    const v = r.body as { speedRpm: number; nodes: { x: number[] }; modes: { index: number; frequencyHz: number; whirl: string; logdec: number; shape: { x: number[]; y: number[] } }[] };
    expect(v.speedRpm).toBe(1200);
    const model = JSON.parse(readFileSync(join(ROOT, "models", "test-rig.json"), "utf8")) as { shaft: { L: number }[] };
    expect(v.nodes.x).toHaveLength(model.shaft.length + 1);
    expect(v.nodes.x[v.nodes.x.length - 1]).toBeCloseTo(model.shaft.reduce((a, e) => a + e.L, 0), 12);
    expect(v.modes).toHaveLength(3);
    for (const m of v.modes) {
      expect(["forward", "backward", "mixed"]).toContain(m.whirl);
      expect(m.shape.x).toHaveLength(v.nodes.x.length);
      expect(m.shape.y).toHaveLength(v.nodes.x.length);
      const max = Math.max(...m.shape.x.map(Math.abs), ...m.shape.y.map(Math.abs));
      expect(max).toBeCloseTo(1, 9);
    }
    // the first bending mode of a shaft on two bearings: largest at mid-span, small at the ends
    const first = v.modes[0]!;
    const big = first.shape.x.map(Math.abs).some((a) => a > 0.5) ? first.shape.x : first.shape.y;
    const mid = big[Math.floor(big.length / 2)]!;
    expect(Math.abs(mid)).toBeGreaterThan(0.8);
    expect(Math.abs(big[0]!)).toBeLessThan(0.3);
    expect(v.modes[0]!.frequencyHz).toBeLessThanOrEqual(v.modes[1]!.frequencyHz);
  });

  it("recomputed after an attribute changed the model; bad speeds and partial readers are refused precisely", async () => {
    const before = (await call(`${svc.url}/api/TestRig/_views/modes?speed=0&modes=1`, { token: tokens.engineer })).body as { modes: { frequencyHz: number }[] };
    const bearing = (await call(`${svc.url}/api/TestRig/Bearing1`, { token: tokens.engineer })).body as { attributes: Record<string, { value: number }> };
    const kxx = bearing.attributes.kxx!.value;
    const w = await call(`${svc.url}/api/TestRig/Bearing1`, { token: tokens.engineer, body: { kxx: kxx / 4, kyy: bearing.attributes.kyy!.value / 4 } });
    expect(w.status).toBe(200);
    const after = (await call(`${svc.url}/api/TestRig/_views/modes?speed=0&modes=1`, { token: tokens.engineer })).body as { modes: { frequencyHz: number }[] };
    expect(after.modes[0]!.frequencyHz).toBeLessThan(before.modes[0]!.frequencyHz);
    await call(`${svc.url}/api/TestRig/Bearing1`, { token: tokens.engineer, body: { kxx, kyy: bearing.attributes.kyy!.value } });

    const bad = await call(`${svc.url}/api/TestRig/_views/campbell?speeds=3000:0:100`, { token: tokens.operator });
    expect(bad.status).toBe(400);
    expect((bad.body as { detail: string }).detail).toBe("speeds: stop 0 < start 3000");
    const many = await call(`${svc.url}/api/TestRig/_views/campbell?speeds=0:100000:1`, { token: tokens.operator });
    expect(many.status).toBe(400);
    expect((many.body as { detail: string }).detail).toMatch(/100001 speeds, at most 2001/);
    expect((await call(`${svc.url}/api/TestRig/_views/modes?speed=-1`, { token: tokens.operator })).status).toBe(400);
    const partial = await call(`${svc.url}/api/TestRig/_views/modes`, { token: tokens.limited });
    expect(partial.status).toBe(403);
    expect((partial.body as { detail: string }).detail).toMatch(/READ on twin:\/TestRig/);
  });
});

// ---- the live feed -------------------------------------------------------------------------------

interface SseEvent { type: string; data: Record<string, unknown> }

/** Reads an SSE response into `events` until `stop` aborts it. */
function readSse(res: Response, events: SseEvent[]): Promise<void> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = "";
  return (async () => {
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch {
        return; // aborted
      }
      if (chunk.done) return;
      buf += dec.decode(chunk.value, { stream: true });
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const type = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (type !== undefined && data !== undefined) events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
  })();
}

function simulate(seconds: number, stepAt: number): Promise<number | null> {
  const child = spawn(process.execPath, [
    join(ROOT, "bin", "twin.js"), "device", "simulate", join(ROOT, "models", "test-rig.json"), "--to", udp, "--fs", "4000", "--rpm", "1200", "--noise", "0.0005",
    "--adc", "16", "--full-scale", "1", "--tach", "--frame-samples", "200", "--pre-roll", "1", "--duration", String(seconds), "--seed", "7", "--at", `${stepAt}:unbalance:4:3e-4:0`,
  ], { stdio: "ignore" });
  return new Promise((r) => child.once("exit", (code) => r(code)));
}

describe("the live feed", () => {
  it("needs READ on event:/<Device>; a twin's feed starts with hello", async () => {
    expect((await call(`${svc.url}/api/TestRig/_live`, { token: tokens.limited })).status).toBe(404);
    expect((await call(`${svc.url}/api/TestRig/_live?types=estimates,bogus`, { token: tokens.viewer })).status).toBe(400);
  });

  it("streams decimated estimates, windows with the state change, SPC points, status and the alarm; an operator acknowledges it, a viewer may not", async () => {
    const ac = new AbortController();
    const events: SseEvent[] = [];
    const res = await fetch(`${svc.url}/api/TestRig/_live?access_token=${tokens.viewer}`, { signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reading = readSse(res, events);
    const onlyStatus: SseEvent[] = [];
    const ac2 = new AbortController();
    const res2 = await fetch(`${svc.url}/api/TestRig/_live?types=status`, { signal: ac2.signal, headers: { authorization: `Bearer ${tokens.operator}` } });
    const reading2 = readSse(res2, onlyStatus);
    try {
      const hello = await until(async () => events.find((e) => e.type === "hello"), 5000, "hello");
      expect(hello.data).toEqual({
        signals: ["mid_x", "mid_y", "mid_vx", "mid_ax", "disc_x", "disc_y"],
        sensors: ["ax_1", "ay_1", "ax_10", "ay_10"],
        sensorFeatures: expect.objectContaining({ ax_1: expect.arrayContaining(["ax_1_rms", "ax_1_1x"]) }) as unknown,
        monitors: ["mid-1x", "bearing-rms"],
        classes: ["normal", "unbalance"],
        running: true,
        displayRate: 400,
      });
      const sim = simulate(8, 4);
      const alarm = await until(async () => events.find((e) => e.type === "alarm"), 40_000, "the threshold alarm at the unbalance step");
      expect(alarm.data).toMatchObject({ type: "alarm", id: "mid-displacement", from: "normal", state: "unack", priority: "critical" });
      expect(alarm.data.t as number).toBeGreaterThan(4);
      // a read-only user sees it and may not acknowledge it; an operator may
      const listed = (await call(`${svc.url}/api/TestRig/_alarms`, { token: tokens.viewer })).body as { id: string; state: string }[];
      expect(listed.map((a) => a.id)).toEqual(["mid-displacement"]);
      const refused = await call(`${svc.url}/api/TestRig/_alarms/mid-displacement/ack`, { token: tokens.viewer, body: {} });
      expect(refused.status).toBe(403);
      expect((refused.body as { detail: string }).detail).toMatch(/WRITE on alarm mid-displacement is not granted/);
      expect((await call(`${svc.url}/api/TestRig/_alarms/mid-displacement/shelve`, { token: tokens.viewer, body: { seconds: 60 } })).status).toBe(403);
      const ack = await call(`${svc.url}/api/TestRig/_alarms/mid-displacement/ack`, { token: tokens.operator, body: {} });
      expect(ack.status).toBe(204);
      await until(async () => events.find((e) => e.type === "alarm" && e.data.user === "user:operator"), 10_000, "the acknowledgement in the feed");
      expect(await sim).toBe(0);
      await until(async () => events.filter((e) => e.type === "window" && (e.data.t as number) > 7).length > 0 ? true : undefined, 20_000, "the windows after the step");

      // estimates: the virtual sensors (2 kHz) and the measured ones (4 kHz), each at the display rate
      const all = events.filter((e) => e.type === "estimates").map((e) => e.data as { t: number; fs: number; names: string[]; values: number[][] });
      const est = all.filter((e) => e.names[0] === "mid_x");
      const measured = all.filter((e) => e.names[0] === "ax_1");
      expect(est.length).toBeGreaterThan(10);
      expect(measured.length).toBeGreaterThan(10);
      expect(est.length + measured.length).toBe(all.length);
      for (const e of est) {
        // 2 kHz in buckets of 5: 400 Hz
        expect(e.fs).toBe(400);
        expect(e.names).toEqual(["mid_x", "mid_y", "mid_vx", "mid_ax", "disc_x", "disc_y"]);
        for (const row of e.values) expect(row).toHaveLength(e.values[0]!.length);
      }
      for (const e of measured) {
        // 4 kHz in buckets of 10: 400 Hz, accelerations of the bearings in m/s2
        expect(e.fs).toBe(400);
        expect(e.names).toEqual(["ax_1", "ay_1", "ax_10", "ay_10"]);
        expect(Math.max(...e.values[0]!.map(Math.abs))).toBeLessThan(1);
      }
      expect(Math.max(...measured.flatMap((e) => e.values[0]!.map(Math.abs)))).toBeGreaterThan(1e-3);
      const samples = est.reduce((a, e) => a + e.values[0]!.length, 0);
      const span = est[est.length - 1]!.t + est[est.length - 1]!.values[0]!.length / 400 - est[0]!.t;
      // one value per 2.5 ms of stream: at most the display rate
      expect(samples).toBeLessThanOrEqual(Math.ceil(span * 400) + 1);
      expect(samples).toBeGreaterThan(span * 400 * 0.9);
      const peak = (from: number, to: number) => Math.max(...est.filter((e) => e.t >= from && e.t < to).flatMap((e) => e.values[0]!.map(Math.abs)));
      expect(peak(4, 6)).toBeGreaterThan(peak(1, 3.9));

      // windows: the operating state changes to unbalance after the step; SPC points of both charts
      const windows = events.filter((e) => e.type === "window").map((e) => e.data as { t: number; state: string; features: Record<string, number> });
      expect(windows.some((w) => w.t < 3.5 && w.state === "normal")).toBe(true);
      expect(windows.some((w) => w.t > 4.5 && w.state === "unbalance")).toBe(true);
      expect(windows[0]!.features.ax_1_rms).toBeGreaterThan(0);
      const spc = events.filter((e) => e.type === "spc").map((e) => e.data.monitor);
      expect(new Set(spc)).toEqual(new Set(["mid-1x", "bearing-rms"]));

      // status every second: running, frames flowing, the state and the active alarms
      const status = events.filter((e) => e.type === "status").map((e) => e.data as { t: number | null; running: boolean; framesPerSecond: number; lagMs: number; state: string | null; activeAlarms: string[] });
      expect(status.length).toBeGreaterThan(3);
      expect(status.every((s) => s.running)).toBe(true);
      expect(status.some((s) => s.framesPerSecond > 0 && s.state === "unbalance")).toBe(true);
      // the client that asked for status only got hello and status
      expect(new Set(onlyStatus.map((e) => e.type))).toEqual(new Set(["hello", "status"]));
      // the speed of the last window marks the Campbell diagram
      const c = (await call(`${svc.url}/api/TestRig/_views/campbell?speeds=0:3000:500`, { token: tokens.operator })).body as { currentRpm: number };
      expect(c.currentRpm).toBeGreaterThan(1150);
      expect(c.currentRpm).toBeLessThan(1250);
    } finally {
      ac.abort();
      ac2.abort();
      await reading;
      await reading2;
    }
  }, 90_000);
});
