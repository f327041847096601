// The session input recording (src/live/recording.ts): units from a live UDP source recorded as
// they arrive (loss, duplicates, reordering, garbage), the session replayed through the replay
// source gives the same frames, decisions and events, bit for bit; every unit kind round-trips;
// a file cut short (kill -9 mid-write) reads back to its last whole record and reports the cut;
// appending to it cuts the torn record first; a file that is not a recording is a located error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import type { InputUnit } from "../src/live/decode.js";
import { encodeFrame, type Frame } from "../src/live/frame.js";
import { encodeRecord, InputRecorder, readInputRecording, RECORD_HEADER_BYTES } from "../src/live/recording.js";
import { openSource } from "../src/live/source.js";
import type { Decision, QualityEvent } from "../src/live/tracker.js";
import { sendFrames, UdpSource } from "../src/live/udp.js";
import { EmbeddedBroker } from "../src/live/broker.js";
import { MqttSource, publishFrames } from "../src/live/mqtt.js";
import { impairedStream } from "./helpers/impaired-stream.js";
import { rng } from "./helpers/rng.js";

const TMP = mkdtempSync(join(tmpdir(), "twin-rec-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const C = 3;
const N = 64;

function frameBytes(seq: number): Uint8Array {
  const raw = Array.from({ length: C * N }, (_, i) => ((seq * 13 + i * 5) % 60001) - 30000);
  return encodeFrame({ format: "int16", channels: C, samplesPerChannel: N, seq, t0: seq * N, rateMilliHz: 10_000_000, scale: 1e-3, raw });
}

/** What a source handed on: frames with their decisions and events, as one ordered log. */
type Log = ({ frame: Frame; decision: Decision } | { event: QualityEvent })[];

describe("session input recording", () => {
  it("a recorded UDP session replays to the same frames, decisions and events", async () => {
    const dir = mkdtempSync(join(TMP, "session-"));
    const recorder = await InputRecorder.open(join(dir, "input.twrec"));
    const live: Log = [];
    const start = performance.now();
    const options = { channels: C, limits: { maxChannels: C, maxSamplesPerChannel: N, maxFrameBytes: 1472 } };
    const rx = await UdpSource.open({
      ...options,
      recvBufferSize: 4 << 20,
      onInput: (u) => recorder.append(u, performance.now() - start),
      onFrame: (frame, decision) => live.push({ frame, decision }),
      onEvent: (event) => live.push({ event }),
    });
    const s = impairedStream(rng(77), 300, frameBytes, { drop: 0.02, late: 0.04, garbage: 0.96, dup: 0.98 });
    expect(s.dropped.size + s.late.size + s.dups + s.garbage).toBeGreaterThan(10);
    await sendFrames(`udp://127.0.0.1:${rx.address().port}`, s.payloads);
    const end = Date.now() + 10_000;
    while (rx.quality().received < s.payloads.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    await rx.close();
    await recorder.close();
    expect(recorder.records).toBe(s.payloads.length);

    const replayed: Log = [];
    const source = await openSource(`replay:${dir}?speed=fast`, {
      ...options,
      onFrame: (frame, decision) => replayed.push({ frame, decision }),
      onEvent: (event) => replayed.push({ event }),
    });
    await source.finished;
    expect(replayed.length).toBe(live.length);
    expect(replayed).toEqual(live);
    expect(source.quality()).toEqual(rx.quality());
    // a session replay is itself recordable: its units are the recorded ones
    const units: InputUnit[] = [];
    const again = await openSource(`replay:${join(dir, "input.twrec")}?speed=fast`, { ...options, onFrame: () => {}, onInput: (u) => units.push(u) });
    await again.finished;
    expect(units.map((u) => (u.kind === "line" ? u.text : [...u.bytes]))).toEqual(s.payloads.map((p) => [...p]));
  });

  it("a recorded MQTT session (embedded broker) replays to the same frames, decisions and events", async () => {
    const dir = mkdtempSync(join(TMP, "mqtt-"));
    const broker = new EmbeddedBroker({ port: 0 });
    const url = await broker.start();
    const recorder = await InputRecorder.open(join(dir, "input.twrec"));
    const live: Log = [];
    const options = { channels: C, limits: { maxChannels: C, maxSamplesPerChannel: N, maxFrameBytes: 4096 } };
    const rx = await MqttSource.open({
      ...options,
      url: `${url}/rig/frames`,
      onInput: (u) => recorder.append(u, 0),
      onFrame: (frame, decision) => live.push({ frame, decision }),
      onEvent: (event) => live.push({ event }),
    });
    const s = impairedStream(rng(5), 120, frameBytes, { drop: 0.03, late: 0.05, garbage: 0.95, dup: 0.97 });
    expect(await publishFrames(url, "rig/frames", s.payloads)).toBe(s.payloads.length);
    const end = Date.now() + 10_000;
    while (rx.quality().received < s.payloads.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    await rx.close();
    await broker.stop();
    await recorder.close();
    expect(recorder.records).toBe(s.payloads.length);
    const replayed: Log = [];
    const source = await openSource(`replay:${dir}?speed=fast`, { ...options, onFrame: (frame, decision) => replayed.push({ frame, decision }), onEvent: (event) => replayed.push({ event }) });
    await source.finished;
    expect(replayed).toEqual(live);
    expect(live.some((x) => "event" in x && x.event.kind === "late")).toBe(true);
  });

  it("every unit kind round-trips with its arrival time", async () => {
    const path = join(TMP, "kinds.twrec");
    const rec = await InputRecorder.open(path);
    const units: { unit: InputUnit; atMs: number }[] = [
      { unit: { kind: "message", bytes: frameBytes(1) }, atMs: 0 },
      { unit: { kind: "chunk", bytes: Uint8Array.of(0, 1, 2, 255) }, atMs: 1.25 },
      { unit: { kind: "line", text: "12,-3.5,ü€" }, atMs: 2.5e6 },
      { unit: { kind: "chunk", bytes: new Uint8Array(0) }, atMs: 2.5e6 },
    ];
    for (const u of units) rec.append(u.unit, u.atMs);
    await rec.flush();
    expect(readInputRecording(path).count).toBe(4);
    await rec.close();
    const back = readInputRecording(path);
    expect(back.truncatedBytes).toBe(0);
    expect([...back.records]).toEqual(units);
    expect(rec.bytes).toBe(readFileSync(path).length);
    await expect(InputRecorder.open(path)).rejects.toThrow(/EEXIST/);
    expect(() => rec.append(units[0]!.unit, 0)).toThrow("the recording is closed");
  });

  it("a file cut short reads back to the last whole record, reports the cut, and is appended to after the cut", async () => {
    const path = join(TMP, "cut.twrec");
    const rec = await InputRecorder.open(path);
    rec.append({ kind: "message", bytes: frameBytes(0) }, 0);
    rec.append({ kind: "line", text: "1,2,3" }, 10);
    rec.append({ kind: "message", bytes: frameBytes(2) }, 20);
    await rec.close();
    const whole = readFileSync(path);
    const last = encodeRecord({ kind: "message", bytes: frameBytes(2) }, 20).length;
    for (const cut of [1, last - RECORD_HEADER_BYTES, last - 3, last - 1]) {
      writeFileSync(path, whole.subarray(0, whole.length - cut));
      const r = readInputRecording(path);
      expect(r.count).toBe(2);
      expect(r.truncatedBytes).toBe(last - cut);
      expect([...r.records].map((x) => x.atMs)).toEqual([0, 10]);
    }
    // a restarted session appends: the torn record goes, the new one follows the whole ones
    const more = await InputRecorder.open(path, { append: true });
    expect(more.records).toBe(2);
    more.append({ kind: "line", text: "after the restart" }, 30);
    await more.close();
    const r = readInputRecording(path);
    expect(r.truncatedBytes).toBe(0);
    expect([...r.records].map((x) => x.unit)).toEqual([{ kind: "message", bytes: frameBytes(0) }, { kind: "line", text: "1,2,3" }, { kind: "line", text: "after the restart" }]);
    // cut inside the magic: nothing recorded yet, nothing thrown
    writeFileSync(path, "TWINR");
    expect(readInputRecording(path)).toMatchObject({ count: 0, truncatedBytes: 5 });
  });

  it("a session cut short replays its whole records and says how much was dropped", async () => {
    const path = join(TMP, "killed.twrec");
    const rec = await InputRecorder.open(path);
    for (let seq = 0; seq < 3; seq++) rec.append({ kind: "message", bytes: frameBytes(seq) }, seq);
    await rec.close();
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, whole.length - 4));
    const seqs: number[] = [];
    const source = await openSource(`replay:${path}?speed=fast`, { channels: C, onFrame: (f) => seqs.push(f.seq) });
    await source.finished;
    expect(seqs).toEqual([0, 1]);
    expect(source.truncatedBytes).toBe(encodeRecord({ kind: "message", bytes: frameBytes(2) }, 2).length - 4);
  });

  it("a file that is not a recording, or a corrupted record header, is a located InputError", () => {
    const path = join(TMP, "bad.twrec");
    writeFileSync(path, "t,a\n0,1\n");
    expect(() => readInputRecording(path)).toThrow(`${path}: byte 0: not a twin input recording (expected the magic "TWINREC1")`);
    expect(() => readInputRecording(path)).toThrow(InputError);
    const ok = encodeRecord({ kind: "line", text: "x" }, 0);
    const bad = Buffer.concat([Buffer.from("TWINREC1"), ok, ok]);
    bad[8 + ok.length] = 9;
    writeFileSync(path, bad);
    expect(() => readInputRecording(path)).toThrow(`${path}: byte ${8 + ok.length}: record kind 9 (1 message, 2 chunk, 3 line)`);
    expect(() => readInputRecording(join(TMP, "none.twrec"))).toThrow(/cannot read: ENOENT/);
    expect(() => encodeRecord({ kind: "line", text: "" }, -1)).toThrow("arrival time -1 ms");
  });
});
