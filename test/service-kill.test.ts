// kill -9 under write load loses no acknowledged write: 8 clients POST new values as fast as the
// service answers; the process is killed with SIGKILL mid-stream; a new process on the same data
// directory holds every change that was answered 200 (in its history and, for each attribute, as the
// current value when it was the last acknowledged one), and serves on. SIGTERM under the same load
// shuts down gracefully: exit 0, every answered write stored.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { call, ROOT, type ServeProcess, startServe } from "./helpers/service.js";
import { execFileSync } from "node:child_process";

const AML = join(ROOT, "models", "aml", "refinery-centralised.aml");
const dir = mkdtempSync(join(tmpdir(), "twin-serve-kill-"));
let proc: ServeProcess | undefined;

afterAll(async () => {
  await proc?.stop("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("kill -9 under write load", () => {
  it("every acknowledged write survives and the service restarts with it", async () => {
    const args = [AML, "--port", "0", "--data", dir];
    proc = await startServe(args);
    const token = execFileSync(process.execPath, [join(ROOT, "bin", "twin.js"), "serve", "token", "--subject", "user:erin", "--role", "engineer", "--data", dir], { encoding: "utf8" }).trim();
    const acked: { part: string; value: number; seq: number }[] = [];
    let stop = false;
    const client = async (k: number): Promise<void> => {
      const part = `Valve${(k % 4) + 1}`;
      for (let i = 0; !stop; i++) {
        const value = Math.round(((k * 1000 + i) % 10000) / 100 * 1000) / 1000;
        try {
          const r = await call(`${proc!.url}/api/Refinery/${part}`, { token, body: { Opening: value } });
          if (r.status === 200) acked.push({ part, value, seq: (r.body as { changes: { seq: number }[] }).changes[0]!.seq });
        } catch {
          return; // the connection died with the process: this write was not acknowledged
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, k) => client(k));
    while (acked.length < 300) await new Promise((r) => setTimeout(r, 10));
    await proc.stop("SIGKILL");
    stop = true;
    await Promise.all(clients);
    expect(acked.length).toBeGreaterThanOrEqual(300);

    proc = await startServe(args);
    const h = await call(`${proc.url}/api/Refinery/_history?attribute=Opening&limit=10000&order=asc`, { token });
    expect(h.status).toBe(200);
    const stored = new Map((h.body as { records: { seq: number; part: string; newValue: number }[] }).records.map((r) => [r.seq, r]));
    const missing = acked.filter((a) => stored.get(a.seq)?.newValue !== a.value || stored.get(a.seq)?.part !== a.part);
    expect(missing).toEqual([]);
    // the current values are the stored history's last ones
    for (const v of ["Valve1", "Valve2", "Valve3", "Valve4"]) {
      const last = [...stored.values()].filter((r) => r.part === v).pop()!;
      const cur = await call(`${proc.url}/api/Refinery/${v}?Attribute=Opening`, { token });
      expect((cur.body as { value: number }).value).toBe(last.newValue);
    }
    const w = await call(`${proc.url}/api/Refinery/Valve1`, { token, body: { Opening: 1 } });
    expect(w.status).toBe(200);
  }, 60_000);

  it("SIGTERM under write load: a graceful shutdown with exit 0, every answered write stored", async () => {
    await proc?.stop();
    const args = [AML, "--port", "0", "--data", dir];
    const p = await startServe(args);
    const token = execFileSync(process.execPath, [join(ROOT, "bin", "twin.js"), "serve", "token", "--subject", "user:erin", "--role", "engineer", "--data", dir], { encoding: "utf8" }).trim();
    const acked: number[] = [];
    let stop = false;
    const client = async (k: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        try {
          const r = await call(`${p.url}/api/Refinery/Valve${(k % 4) + 1}/TorqueSensor`, { token, body: { Torque: (k * 100 + i) % 400 } });
          if (r.status === 200) acked.push((r.body as { changes: { seq: number }[] }).changes[0]!.seq);
        } catch {
          return;
        }
      }
    };
    const clients = Array.from({ length: 4 }, (_, k) => client(k));
    while (acked.length < 100) await new Promise((r) => setTimeout(r, 10));
    const code = await p.stop("SIGTERM");
    stop = true;
    await Promise.all(clients);
    expect(code).toBe(0);
    expect(p.stderr()).toMatch(/SIGTERM: shutting down[\s\S]*stopped/);
    proc = await startServe(args);
    const h = await call(`${proc.url}/api/Refinery/_history?attribute=Torque&limit=10000`, { token });
    const seqs = new Set((h.body as { records: { seq: number }[] }).records.map((r) => r.seq));
    expect(acked.filter((a) => !seqs.has(a))).toEqual([]);
  }, 60_000);
});
