// The runner's sinks (src/runner/sinks/): NDJSON and CSV files with rotation (sizes, counts, whole
// lines, a writer killed with SIGKILL), CSV columns read back with the project's CSV reader, MQTT
// through the embedded aedes broker and across broker restarts (aedes, and Debian's mosquitto): a
// bounded queue, drops counted and announced; the loopback feed read as Server-Sent Events with fetch
// and as a WebSocket with `ws`, including a slow WebSocket client that is dropped records and told so.
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Aedes } from "aedes";
import { connect } from "mqtt";
import { afterAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { parseCsvTable } from "../src/io/csv.js";
import { EmbeddedBroker } from "../src/live/broker.js";
import type { RunnerRecord } from "../src/runner/records.js";
import {
  checkSinkSpecs, closeAll, csvRows, CsvSink, FeedSink, MqttRecordSink, MQTT_TOPICS, NdjsonError, NdjsonSink, openSinks, readNdjson, RotatingFile, writeAll,
  type DropNotice, type FeedNotice,
} from "../src/runner/sinks/index.js";
import { need } from "./helpers/engines.js";
import { startMosquitto, stopChild } from "./helpers/mosquitto.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "twin-sinks-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function until(cond: () => boolean, what: string, ms = 20000, detail?: () => unknown): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}${detail ? `: ${JSON.stringify(detail())}` : ""}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const spc = (k: number): RunnerRecord => ({ type: "spc", t: k * 0.25, monitor: "mid-rms", value: 1 + k / 7, center: 1, lcl: 0.5, ucl: 1.5, rules: k % 3 === 0 ? ["we1"] : [] });
const estimates = (t: number, n = 4): RunnerRecord => ({ type: "estimates", t, fs: 4, names: ["mid-x", "mid-y"], values: [Array.from({ length: n }, (_, i) => Math.sin(t + i)), Array.from({ length: n }, (_, i) => 1 / (3 + i))] });
const alarm: RunnerRecord = {
  type: "alarm", t: 2, id: "mid-rms", source: "spc:mid-rms", state: "unack", from: "normal", event: "activate", value: 5.5, rule: "we1",
  priority: "high", message: 'mid-span RMS, "rule 1"', annunciated: true,
};
const windowRec: RunnerRecord = { type: "window", t: 3, features: { rms: 0.25, kurtosis: 3.0625, "1x-amp": 1e-7 }, state: "unbalance", novelty: 0.125, confidence: 0.875, rpm: 1200 };

describe("ndjson files", () => {
  it("rotates by size between whole lines, keeps N files, continues the index after a restart", async () => {
    const dir = tmp();
    const pattern = join(dir, "run-{n}.ndjson");
    const sink = new NdjsonSink({ path: pattern, rotate: { maxBytes: 2000, keep: 3 } });
    const recs = Array.from({ length: 100 }, (_, k) => spc(k));
    for (const r of recs) sink.write(r);
    await sink.close();
    const created = sink.files();
    expect(created.length).toBeGreaterThan(5);
    const kept = new RotatingFile(pattern).existing().map((f) => f.path);
    expect(kept).toEqual(created.slice(-3));
    const lines: unknown[] = [];
    for (const f of kept) {
      const text = readFileSync(f, "utf8");
      expect(statSync(f).size).toBeLessThanOrEqual(2000);
      expect(text.endsWith("\n")).toBe(true);
      const { records, partial } = readNdjson(text, f);
      expect(partial).toBe(false);
      lines.push(...records);
    }
    // the kept files hold the newest records, in order, none lost between them
    expect(lines).toEqual(recs.slice(-lines.length));
    expect(sink.stats()).toMatchObject({ written: 100, dropped: 0, errors: 0, files: created.length });
    // a restarted run never overwrites: it continues after the highest index on disk
    const again = new NdjsonSink({ path: pattern, rotate: { maxBytes: 2000 } });
    again.write(spc(0));
    await again.close();
    const last = Number(/run-(\d+)\.ndjson$/.exec(created.at(-1)!)![1]);
    expect(again.files()).toEqual([join(dir, `run-${String(last + 1).padStart(6, "0")}.ndjson`)]);
  });

  it("rotates by record time and names files by it", async () => {
    const dir = tmp();
    const sink = new NdjsonSink({ path: join(dir, "t-{n}-{t}.ndjson"), rotate: { maxSeconds: 2 } });
    for (let k = 0; k < 20; k++) sink.write(spc(k * 2)); // t = 0, 0.5, …, 9.5
    await sink.close();
    const files = sink.files();
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      "t-000001-000000000000.ndjson", "t-000002-000000002000.ndjson", "t-000003-000000004000.ndjson", "t-000004-000000006000.ndjson", "t-000005-000000008000.ndjson",
    ]);
    for (const [i, f] of files.entries()) {
      const ts = readNdjson(readFileSync(f, "utf8")).records.map((r) => (r as { t: number }).t);
      expect(ts).toEqual([0, 0.5, 1, 1.5].map((x) => x + 2 * i));
    }
  });

  it("the type filter, and a crash tail: a partial last line is skipped and reported", async () => {
    const dir = tmp();
    const path = join(dir, "only-alarms-{n}.ndjson");
    const sink = new NdjsonSink({ path, types: ["alarm"] });
    writeAll([sink], spc(1));
    writeAll([sink], alarm);
    await sink.close();
    const [file] = sink.files();
    // a record after close is a counted drop, not a new file
    writeAll([sink], alarm);
    expect(sink.files()).toEqual([file]);
    expect(sink.stats()).toMatchObject({ written: 2, dropped: 1 });
    appendFileSync(file!, '{"type":"spc","t":1.5,"mon');
    const read = readNdjson(readFileSync(file!, "utf8"), file);
    expect(read).toEqual({ records: [alarm], partial: true });
    expect(() => readNdjson('{"a":1}\nnot json\n', "x.ndjson")).toThrow(NdjsonError);
    expect(() => readNdjson('{"a":1}\nnot json\n', "x.ndjson")).toThrow(/^x.ndjson:2: not JSON/);
  });
});

describe("ndjson after kill -9", () => {
  it("every closed file ends in a whole line; the newest holds at most a partial last line; no record lost between files", async () => {
    const dir = tmp();
    const pattern = join(dir, "crash-{n}.ndjson");
    // the built sink (dist/) in a child process writing as fast as it can, killed mid-stream
    const built = join(ROOT, "dist/runner/sinks/ndjson.js");
    if (!existsSync(built)) throw new Error(`${built} missing: npm run build first (npm test does)`);
    const script = `
      const { NdjsonSink } = await import(${JSON.stringify(join(ROOT, "dist/runner/sinks/ndjson.js"))});
      const sink = new NdjsonSink({ path: ${JSON.stringify(pattern)}, rotate: { maxBytes: 65536 } });
      for (let k = 0; ; k++) {
        sink.write({ type: "spc", t: k / 1000, monitor: "m", value: k, center: 0, lcl: -1, ucl: 1, rules: k % 5 === 0 ? ["we1", "we2"] : [] });
        if (k % 5000 === 0) process.stdout.write(k + "\\n");
      }`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n40000\n")) child.kill("SIGKILL");
    });
    expect(await exited).toBe("SIGKILL");
    const files = new RotatingFile(pattern).existing().map((f) => f.path);
    expect(files.length).toBeGreaterThan(10);
    const values: number[] = [];
    files.forEach((f, i) => {
      const text = readFileSync(f, "utf8");
      const { records, partial } = readNdjson(text, f);
      if (i < files.length - 1) {
        expect(text.endsWith("\n")).toBe(true);
        expect(partial).toBe(false);
      }
      values.push(...records.map((r) => (r as { value: number }).value));
    });
    expect(values.length).toBeGreaterThan(40000);
    expect(values).toEqual(Array.from({ length: values.length }, (_, k) => k));
  });
});

describe("csv files", () => {
  it("one file per record type; virtual-sensor blocks one row per sample; columns change → new file", async () => {
    const dir = tmp();
    const sink = new CsvSink({ path: join(dir, "rig-{type}-{n}.csv") });
    const e1 = estimates(1.5);
    sink.write(e1);
    sink.write(estimates(2.5, 2));
    sink.write(windowRec);
    sink.write(alarm);
    sink.write(spc(3));
    sink.write({ type: "status", t: 4, framesIn: 10 });
    sink.write({ type: "estimates", t: 3, fs: 4, names: ["mid-x", "disc-z"], values: [[7, -0], [8, NaN]] });
    await sink.close();

    const [est1, est2] = sink.filesOf("estimates");
    const t1 = parseCsvTable(readFileSync(est1!, "utf8"), est1!);
    expect(t1.header).toEqual(["t", "mid-x", "mid-y"]);
    const rows = t1.rows.map((r) => r.fields.map(Number));
    expect(rows).toHaveLength(6);
    const ev = e1.type === "estimates" ? e1.values : [];
    // exact doubles back: t_i = t + i / fs, values as written
    expect(rows.slice(0, 4)).toEqual([0, 1, 2, 3].map((i) => [1.5 + i / 4, ev[0]![i], ev[1]![i]]));
    expect(rows[4]![0]).toBe(2.5);
    const t2 = parseCsvTable(readFileSync(est2!, "utf8"), est2!);
    expect(t2.header).toEqual(["t", "mid-x", "disc-z"]);
    expect(t2.rows.map((r) => r.fields)).toEqual([["3", "7", "8"], ["3.25", "-0", "NaN"]]);
    expect(Object.is(Number(t2.rows[1]!.fields[1]), -0)).toBe(true);

    const w = parseCsvTable(readFileSync(sink.filesOf("window")[0]!, "utf8"), "w");
    expect(w.header).toEqual(["t", "state", "novelty", "confidence", "rpm", "rms", "kurtosis", "1x-amp"]);
    expect(w.rows[0]!.fields).toEqual(["3", "unbalance", "0.125", "0.875", "1200", "0.25", "3.0625", "1e-7"]);

    const a = parseCsvTable(readFileSync(sink.filesOf("alarm")[0]!, "utf8"), "a");
    expect(a.header).toEqual(["t", "id", "source", "from", "state", "event", "value", "rule", "priority", "annunciated", "user", "message"]);
    expect(a.rows[0]!.fields).toEqual(["2", "mid-rms", "spc:mid-rms", "normal", "unack", "activate", "5.5", "we1", "high", "true", "", 'mid-span RMS, "rule 1"']);

    const s = parseCsvTable(readFileSync(sink.filesOf("spc")[0]!, "utf8"), "s");
    expect(s.rows[0]!.fields).toEqual(["0.75", "mid-rms", String(1 + 3 / 7), "1", "0.5", "1.5", "we1"]);
    // status lines are not CSV material unless asked for
    expect(sink.filesOf("status")).toEqual([]);
  });

  it("rotated csv files each start with the header", async () => {
    const dir = tmp();
    const sink = new CsvSink({ path: join(dir, "r-{type}-{n}.csv"), rotate: { maxBytes: 300 } });
    for (let k = 0; k < 40; k++) sink.write(spc(k));
    await sink.close();
    const files = sink.filesOf("spc");
    expect(files.length).toBeGreaterThan(3);
    const values: number[] = [];
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      expect(text.startsWith("t,monitor,value,center,lcl,ucl,rules\n")).toBe(true);
      expect(text.length).toBeLessThanOrEqual(300);
      values.push(...parseCsvTable(text, f).rows.map((r) => Number(r.fields[2])));
    }
    expect(values).toEqual(Array.from({ length: 40 }, (_, k) => 1 + k / 7));
  });
});

describe("sink specifications", () => {
  it("located errors", () => {
    expect(() => checkSinkSpecs([{ type: "ndjson", path: "a-{n}.ndjson" }, { type: "pigeon" }])).toThrow(/^sinks\[1\].type: expected one of ndjson, csv, mqtt, feed/);
    expect(() => checkSinkSpecs([{ type: "csv", path: "x.csv" }])).toThrow(/^sinks\[0\].path: .*needs \{type\}/);
    expect(() => checkSinkSpecs([{ type: "ndjson", path: "x.ndjson", rotate: { maxBytes: 10 } }])).toThrow(/^sinks\[0\].path: a rotated file's pattern needs \{n\}/);
    expect(() => checkSinkSpecs([{ type: "ndjson", path: "x-{n}.ndjson", rotate: { maxBytes: 0 } }])).toThrow(/^sinks\[0\].rotate.maxBytes/);
    expect(() => checkSinkSpecs([{ type: "ndjson", path: "x.ndjson", types: ["alarm", "smoke"] }])).toThrow(/^sinks\[0\].types\[1\]: unknown record type "smoke"/);
    expect(() => checkSinkSpecs([{ type: "feed", host: "0.0.0.0" }])).toThrow(/^sinks\[0\].host: the feed serves loopback only/);
    expect(() => checkSinkSpecs([{ type: "mqtt", url: "mqtt://h", prefix: "a/#" }])).toThrow(/^sinks\[0\].prefix/);
    expect(() => checkSinkSpecs([{ type: "mqtt", url: "mqtt://h", prefix: "a", colour: 1 }])).toThrow(/^sinks\[0\].colour: unknown field of a mqtt sink/);
    expect(checkSinkSpecs([{ type: "feed" }, { type: "csv", path: "d/{type}.csv" }])).toHaveLength(2);
  });

  it("a sink that cannot open is a located error and the others are closed", async () => {
    const port = await freePort();
    const dir = tmp();
    await expect(openSinks([{ type: "ndjson", path: join(dir, "a-{n}.ndjson") }, { type: "mqtt", url: `mqtt://127.0.0.1:${port}`, prefix: "x" }]))
      .rejects.toThrow(/^sinks\[1\]: cannot open the mqtt sink: /);
  });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("mqtt sink", () => {
  it("publishes each record type on its topic through the embedded broker, virtual-sensor blocks whole", async () => {
    const broker = new EmbeddedBroker();
    const url = await broker.start();
    const got: { topic: string; body: unknown }[] = [];
    const sub = connect(url, { clientId: "sink-test-sub" });
    await new Promise<void>((resolve, reject) => sub.once("connect", () => sub.subscribe("rig1/#", { qos: 1 }, (e) => (e ? reject(e) : resolve()))));
    sub.on("message", (topic, payload) => got.push({ topic, body: JSON.parse(payload.toString("utf8")) }));
    try {
      const [sink] = await openSinks([{ type: "mqtt", url, prefix: "rig1" }]);
      const e = estimates(0, 256);
      const recs: RunnerRecord[] = [e, windowRec, spc(2), alarm, { type: "quality", t: 1, source: "udp", event: { kind: "gap" } }];
      for (const r of recs) sink!.write(r);
      await until(() => got.length >= 4, "4 messages");
      await sink!.close();
      expect(got).toEqual([
        { topic: "rig1/estimates", body: e },
        { topic: "rig1/state", body: windowRec },
        { topic: "rig1/spc", body: spc(2) },
        { topic: "rig1/alarms", body: alarm },
      ]);
      expect(sink!.stats()).toMatchObject({ written: 4, published: 4, dropped: 0, queued: 0 });
    } finally {
      await sub.endAsync(true);
      await broker.stop();
    }
  });

  /** An aedes broker on `port` whose in-process subscriber is in place before the port opens. */
  async function broker(port: number, onMessage: (topic: string, body: unknown) => void): Promise<{ port: number; stop(): Promise<void> }> {
    const aedes = await Aedes.createBroker();
    aedes.on("clientError", () => {});
    aedes.on("connectionError", () => {});
    await new Promise<void>((resolve) => aedes.subscribe("t/#", (packet, cb) => {
      onMessage(packet.topic, JSON.parse(Buffer.from(packet.payload).toString("utf8")));
      cb();
    }, resolve));
    const sockets = new Set<Socket>();
    const server: Server = createServer((s) => {
      sockets.add(s);
      s.once("close", () => sockets.delete(s));
      aedes.handle(s);
    });
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    return {
      port: (server.address() as { port: number }).port,
      async stop() {
        const closed = new Promise<void>((r) => server.close(() => r()));
        await new Promise<void>((r) => aedes.close(() => r()));
        for (const s of sockets) s.destroy();
        await closed;
      },
    };
  }

  it("survives a broker restart: a bounded queue, the oldest dropped, counted and announced", async () => {
    const got: { topic: string; body: unknown }[] = [];
    const first = await broker(0, (topic, body) => got.push({ topic, body }));
    const url = `mqtt://127.0.0.1:${first.port}`;
    const sink = await MqttRecordSink.open({ url, prefix: "t", queue: 5, types: ["spc"], retryMs: 20 });
    let second: Awaited<ReturnType<typeof broker>> | undefined;
    try {
      for (let k = 0; k < 3; k++) sink.write(spc(k));
      await until(() => sink.stats().published === 3, "3 published");
      await first.stop();
      await until(() => sink.stats().connected === false, "the sink to see the broker gone");
      for (let k = 3; k < 13; k++) sink.write(spc(k));
      expect(sink.stats()).toMatchObject({ written: 13, published: 3, dropped: 5, queued: 5 });
      second = await broker(first.port, (topic, body) => got.push({ topic, body }));
      await until(() => got.length === 3 + 1 + 5, "the notice and the 5 queued records", 20000, () => ({ got, stats: sink.stats() }));
      // the broker hands a message to its subscribers before it acknowledges it to the sink
      await until(() => sink.stats().published === 8, "the acknowledgements", 20000, () => sink.stats());
      const notice: DropNotice = { type: "notice", dropped: 5, total: 5, byType: { spc: 5 } };
      expect(got).toEqual([
        ...[0, 1, 2].map((k) => ({ topic: "t/spc", body: spc(k) })),
        { topic: "t/notice", body: notice },
        ...[8, 9, 10, 11, 12].map((k) => ({ topic: "t/spc", body: spc(k) })),
      ]);
      expect(sink.stats()).toMatchObject({ written: 13, published: 8, dropped: 5, queued: 0, notices: 1 });
    } finally {
      await sink.close();
      await second?.stop();
    }
  });

  it("close() with the broker gone returns and counts what was left", async () => {
    const b = await broker(0, () => {});
    const sink = await MqttRecordSink.open({ url: `mqtt://127.0.0.1:${b.port}`, prefix: "t", types: ["alarm"], drainMs: 100 });
    await b.stop();
    await until(() => sink.stats().connected === false, "disconnect");
    sink.write(alarm);
    sink.write(alarm);
    await sink.close();
    expect(sink.stats()).toMatchObject({ written: 2, published: 0, dropped: 2, queued: 0 });
  });
});

describe("mqtt sink through Debian's mosquitto", () => {
  it("mosquitto stopped and restarted: the queue is kept in order, drops counted and announced, publishing resumes", async (ctx) => {
    need(ctx, "mosquitto");
    const dir = tmp();
    const port = await freePort();
    const conf = join(dir, "mosquitto.conf");
    writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
    let broker = await startMosquitto(conf, port);
    const url = `mqtt://127.0.0.1:${port}`;
    const got: { topic: string; body: unknown }[] = [];
    const sub = connect(url, { clientId: "twin-sinks-test-sub", reconnectPeriod: 50 });
    sub.on("error", () => {});
    sub.on("message", (topic, payload) => got.push({ topic, body: JSON.parse(payload.toString("utf8")) }));
    const subscribed = (): Promise<void> => new Promise<void>((resolve, reject) => sub.subscribe("m/#", { qos: 1 }, (e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve) => sub.once("connect", () => resolve()));
    await subscribed();
    let sink: MqttRecordSink | undefined;
    try {
      sink = await MqttRecordSink.open({ url, prefix: "m", queue: 4, types: ["alarm", "spc"], retryMs: 20 });
      const s = sink;
      s.write(alarm);
      s.write(spc(0));
      await until(() => got.length === 2, "2 messages");
      expect(got).toEqual([{ topic: "m/alarms", body: alarm }, { topic: "m/spc", body: spc(0) }]);
      await stopChild(broker, "SIGKILL");
      await until(() => s.stats().connected === false, "the sink to see mosquitto gone");
      for (let k = 1; k <= 10; k++) s.write(spc(k));
      expect(s.stats()).toMatchObject({ written: 12, published: 2, dropped: 6, queued: 4 });
      const back = new Promise<void>((resolve) => sub.once("connect", () => resolve()));
      broker = await startMosquitto(conf, port);
      // the sink drains its queue as soon as it is connected again: the notice first, then 7..10
      await until(() => s.stats().published === 6 && s.stats().notices === 1, "the queue drained", 30_000, () => s.stats());
      expect(s.stats()).toMatchObject({ written: 12, published: 6, dropped: 6, notices: 1, queued: 0 });
      await back;
      await subscribed();
      s.write(spc(11));
      await until(() => got.at(-1)?.body !== undefined && (got.at(-1)!.body as { t: number }).t === spc(11).t, "the record after the restart", 20_000, () => got);
      // what the subscriber saw of the drained queue (it may have come back after some of it) is in order, nothing repeated
      const drained = [{ topic: "m/notice", body: { type: "notice", dropped: 6, total: 6, byType: { spc: 6 } } }, ...[7, 8, 9, 10].map((k) => ({ topic: "m/spc", body: spc(k) }))];
      const seen = got.slice(2, -1);
      expect(seen).toEqual(drained.slice(drained.length - seen.length));
    } finally {
      await sink?.close();
      await sub.endAsync(true);
      await stopChild(broker, "SIGTERM");
    }
  }, 60_000);
});

/** Reads Server-Sent Events from a fetch body. */
class SseReader {
  private buf = "";
  private readonly decoder = new TextDecoder();
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}
  /** The next event, or undefined at the end of the stream. */
  async next(): Promise<{ event: string; data: unknown } | undefined> {
    for (;;) {
      const end = this.buf.indexOf("\n\n");
      if (end >= 0) {
        const block = this.buf.slice(0, end);
        this.buf = this.buf.slice(end + 2);
        let event = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        }
        return { event, data: JSON.parse(data.join("\n")) };
      }
      const { value, done } = await this.reader.read();
      if (done) return undefined;
      this.buf += this.decoder.decode(value, { stream: true });
    }
  }
}

/** A ws client that queues what it receives. */
function wsClient(url: string, headers: Record<string, string> = {}): { ws: WebSocket; msgs: unknown[]; open: Promise<void>; closed: Promise<number> } {
  const ws = new WebSocket(url, { headers });
  const msgs: unknown[] = [];
  ws.on("message", (d) => msgs.push(JSON.parse(d.toString())));
  const open = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  return { ws, msgs, open, closed };
}

describe("feed (SSE and WebSocket on loopback)", () => {
  it("SSE: hello, the chosen types in order, CORS for loopback pages, refusals", async () => {
    const [feed] = (await openSinks([{ type: "feed" }])) as [FeedSink];
    try {
      const { host, port } = feed.address();
      expect(host).toBe("127.0.0.1");
      const base = feed.url();
      const origin = "http://localhost:5173";
      const res = await fetch(`${base}/events?types=alarm,spc`, { headers: { origin } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      const sse = new SseReader(res.body!.getReader());
      expect(await sse.next()).toEqual({ event: "hello", data: { type: "hello", types: ["alarm", "spc"] } });
      feed.write(estimates(0));
      feed.write(spc(1));
      feed.write(windowRec);
      feed.write(alarm);
      expect(await sse.next()).toEqual({ event: "spc", data: spc(1) });
      expect(await sse.next()).toEqual({ event: "alarm", data: alarm });

      expect((await fetch(`${base}/events`, { headers: { origin: "http://evil.example" } })).status).toBe(403);
      const bad = await fetch(`${base}/events?types=alarm,smoke`);
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/unknown record type "smoke"/);
      expect((await fetch(`${base}/nothing`)).status).toBe(404);
      expect((await fetch(`${base}/events`, { method: "POST", body: "x" })).status).toBe(405);
      const pre = await fetch(`${base}/events`, { method: "OPTIONS", headers: { origin: "http://127.0.0.1:8000" } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:8000");
      expect(port).toBeGreaterThan(0);

      await feed.close();
      // the stream ends cleanly
      expect(await sse.next()).toBeUndefined();
      expect(feed.stats()).toMatchObject({ clients: 0, written: 4, delivered: 2, dropped: 0 });
    } finally {
      await feed.close();
    }
  });

  it("WebSocket: hello and the chosen types; foreign origins refused; closed with 1001", async () => {
    const feed = await FeedSink.open({ port: 0 });
    try {
      const wsUrl = feed.url().replace("http:", "ws:");
      const c = wsClient(`${wsUrl}/ws?types=estimates,window`);
      await c.open;
      await until(() => c.msgs.length === 1, "hello");
      const e = estimates(4, 64);
      feed.write(alarm);
      feed.write(e);
      feed.write(windowRec);
      await until(() => c.msgs.length === 3, "2 records");
      expect(c.msgs).toEqual([{ type: "hello", types: ["estimates", "window"] }, e, windowRec]);

      const foreign = wsClient(`${wsUrl}/ws`, { origin: "https://evil.example" });
      await expect(foreign.open).rejects.toThrow(/403/);
      const badTypes = wsClient(`${wsUrl}/ws?types=nope`);
      await expect(badTypes.open).rejects.toThrow(/400/);

      await feed.close();
      expect(await c.closed).toBe(1001);
      expect(feed.clientCount()).toBe(0);
    } finally {
      await feed.close();
    }
  });

  it("a slow WebSocket client is dropped records, counted, and told with a notice; memory stays bounded", async () => {
    const maxBufferBytes = 64 * 1024;
    const feed = await FeedSink.open({ maxBufferBytes });
    try {
      const wsUrl = feed.url().replace("http:", "ws:");
      const fast = wsClient(`${wsUrl}/ws?types=spc`);
      const slow = wsClient(`${wsUrl}/ws?types=estimates,spc`);
      await Promise.all([fast.open, slow.open]);
      await until(() => slow.msgs.length === 1 && fast.msgs.length === 1, "hellos");
      // the slow client stops reading: its socket fills, then the server's buffer
      slow.ws.pause();
      const big = estimates(0, 4096);
      // the feed's own per-client count of unsent bytes
      const buffered = (): number[] => [...(feed as unknown as { clients: Set<{ buffered(): number }> }).clients].map((c) => c.buffered());
      let sent = 0;
      let maxBuffered = 0;
      while (feed.stats().dropped === 0) {
        if (sent > 20000) throw new Error("no drop after 20000 large records");
        feed.write(big);
        sent++;
        maxBuffered = Math.max(maxBuffered, ...buffered());
        if (sent % 16 === 0) await new Promise((r) => setImmediate(r));
      }
      // a few more: all dropped while the client does not read
      for (let k = 0; k < 10; k++) feed.write(big);
      const dropped = feed.stats().dropped as number;
      expect(dropped).toBeGreaterThanOrEqual(11);
      // bounded: at most one record beyond the limit is ever queued for a client
      const oneRecord = Buffer.byteLength(JSON.stringify(big)) + 16;
      maxBuffered = Math.max(maxBuffered, ...buffered());
      expect(maxBuffered).toBeGreaterThan(maxBufferBytes);
      expect(maxBuffered).toBeLessThanOrEqual(maxBufferBytes + oneRecord);

      slow.ws.resume();
      // the client catches up; the next record it gets is preceded by the notice
      let k = 0;
      while (!slow.msgs.some((m) => (m as { type: string }).type === "notice")) {
        feed.write(spc(k++));
        await new Promise((r) => setTimeout(r, 20));
        if (k > 2000) throw new Error("no notice");
      }
      const types = slow.msgs.map((m) => (m as { type: string }).type);
      const at = types.indexOf("notice");
      // before the notice: what got through before the first drop; after it: consecutive spc records
      // (the first j of them dropped while the client was still catching up)
      const through = at - 1;
      expect(types.slice(0, at)).toEqual(["hello", ...Array(through).fill("estimates")]);
      const after = slow.msgs.slice(at + 1) as RunnerRecord[];
      const j = after.length > 0 ? Math.round((after[0]!.t as number) / 0.25) : k;
      expect(after).toEqual(Array.from({ length: k - j }, (_, i) => spc(j + i)));
      const notice: FeedNotice = { type: "notice", dropped: sent + 10 - through + j, total: sent + 10 - through + j };
      expect(slow.msgs[at]).toEqual(notice);
      expect(notice.dropped).toBeGreaterThanOrEqual(dropped);
      expect(feed.stats().dropped).toBe(notice.dropped);
      // the fast client lost nothing
      await until(() => fast.msgs.length === 1 + k, "fast client");
      expect(fast.msgs.slice(1)).toEqual(Array.from({ length: k }, (_, i) => spc(i)));
    } finally {
      await feed.close();
    }
  });
});

describe("feed: a slow SSE client", () => {
  it("is dropped records while it does not read, then gets a notice with the count before the next record", async () => {
    const maxBufferBytes = 32 * 1024;
    const feed = await FeedSink.open({ maxBufferBytes });
    try {
      const { port } = feed.address();
      // a raw HTTP/1.0 client (no chunked encoding: the body is the event stream as sent) that stops reading
      const sock = createConnection({ host: "127.0.0.1", port });
      let raw = "";
      sock.on("data", (d: Buffer) => (raw += d.toString("utf8")));
      await new Promise<void>((r) => sock.once("connect", () => r()));
      sock.write("GET /events?types=estimates,spc HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
      await until(() => raw.includes("event: hello"), "hello");
      sock.pause();
      const big = estimates(0, 4096);
      let sent = 0;
      while (feed.stats().dropped === 0) {
        if (sent > 20000) throw new Error("no drop after 20000 large records");
        feed.write(big);
        sent++;
        if (sent % 16 === 0) await new Promise((r) => setImmediate(r));
      }
      sock.resume();
      let k = 0;
      while (!raw.includes("event: notice")) {
        feed.write(spc(k++));
        await new Promise((r) => setTimeout(r, 20));
        if (k > 2000) throw new Error("no notice");
      }
      await until(() => raw.includes(`data: ${JSON.stringify(spc(k - 1))}\n\n`), "the last record");
      const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
      const events = body.split("\n\n").filter((b) => b !== "").map((b) => {
        const [ev, data] = b.split("\n");
        return { event: ev!.slice(7), data: JSON.parse(data!.slice(6)) as { type: string; t: number } };
      });
      const at = events.findIndex((e) => e.event === "notice");
      const through = at - 1;
      expect(events.slice(0, at).map((e) => e.event)).toEqual(["hello", ...Array(through).fill("estimates")]);
      const after = events.slice(at + 1).map((e) => e.data);
      const j = Math.round(after[0]!.t / 0.25);
      expect(after).toEqual(Array.from({ length: k - j }, (_, i) => spc(j + i)));
      const dropped = sent - through + j;
      expect(events[at]!.data).toEqual({ type: "notice", dropped, total: dropped });
      expect(feed.stats().dropped).toBe(dropped);
      sock.destroy();
    } finally {
      await feed.close();
    }
  });
});

describe("openSinks / closeAll", () => {
  it("opens every kind from JSON and closes them", async () => {
    const dir = tmp();
    const sinks = await openSinks(checkSinkSpecs(JSON.parse(JSON.stringify([
      { type: "ndjson", path: join(dir, "all-{n}.ndjson") },
      { type: "csv", path: join(dir, "all-{type}.csv") },
      { type: "feed", port: 0 },
    ]))));
    expect(sinks.map((s) => s.name.split(" ")[0])).toEqual(["ndjson", "csv", "feed"]);
    writeAll(sinks, spc(1));
    await closeAll(sinks);
    expect(readFileSync(join(dir, "all-000001.ndjson"), "utf8")).toBe(JSON.stringify(spc(1)) + "\n");
    expect(readFileSync(join(dir, "all-spc.csv"), "utf8").split("\n")[0]).toBe("t,monitor,value,center,lcl,ucl,rules");
  });
});

describe("docs/sinks.md", () => {
  it("lists every MQTT topic and the CSV columns of each record type", () => {
    const doc = readFileSync(new URL("../docs/sinks.md", import.meta.url), "utf8").replace(/\s*\n\s*/g, " ");
    for (const topic of [...Object.values(MQTT_TOPICS), "notice"]) expect(doc).toContain(`\`<prefix>/${topic}\``);
    const samples: RunnerRecord[] = [spc(1), alarm, { type: "quality", t: 0, source: "udp", event: {} }];
    for (const r of samples) expect(doc).toContain(`\`${r.type}\`: \`${csvRows(r).header.split(",").join(", ")}\``);
    expect(doc).toContain("`t, state, novelty, confidence, <features…>`");
    expect(doc).toContain("`t, <sensor names…>`");
  });
});
