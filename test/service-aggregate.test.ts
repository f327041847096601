// Aggregated twins in both topologies of the refinery example. Centralised: one `twin serve` holds the
// four valves. Distributed: each valve twin is its own `twin serve` process and the refinery twin
// (another process) forwards to them over HTTP. The same requests get the same responses from both
// (except the CAEX IDs, which are the two files' own, and the store's sequence numbers and times);
// a child that does not answer gives 504 naming it, one that cannot be reached 502.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type JsonResponse, ROOT, type ServeProcess, startServe } from "./helpers/service.js";

const CENTRAL = join(ROOT, "models", "aml", "refinery-centralised.aml");
const DIST = join(ROOT, "models", "aml", "refinery-distributed.aml");
const VALVES = ["Valve1", "Valve2", "Valve3", "Valve4"];
let dir: string;
let central: ServeProcess;
let valves: ServeProcess[] = [];
let refinery: ServeProcess;
/** the whole distributed file in one process: the refinery forwards to its children in-process */
let single: ServeProcess;
let token: string;

async function tokenFor(secret: string): Promise<string> {
  const { execFileSync } = await import("node:child_process");
  return execFileSync(process.execPath, [join(ROOT, "bin", "twin.js"), "serve", "token", "--subject", "user:erin", "--role", "engineer", "--secret", secret], { encoding: "utf8" }).trim();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "twin-serve-agg-"));
  const secret = join(dir, "token.secret");
  const common = ["--port", "0", "--secret", secret];
  central = await startServe([CENTRAL, ...common, "--data", join(dir, "central")]);
  valves = await Promise.all(VALVES.map((v) => startServe([DIST, "--twin", v, ...common, "--data", join(dir, v)])));
  refinery = await startServe([DIST, "--twin", "Refinery", ...common, "--data", join(dir, "refinery"), ...VALVES.flatMap((v, i) => ["--child", `${v}=${valves[i]!.url}`])]);
  single = await startServe([DIST, ...common, "--data", join(dir, "single")]);
  token = await tokenFor(secret);
}, 60_000);

afterAll(async () => {
  await Promise.all([central, refinery, single, ...valves].filter((p) => p !== undefined).map((p) => p.stop()));
  rmSync(dir, { recursive: true, force: true });
});

/** A response without what legitimately differs between the topologies. */
function comparable(r: JsonResponse): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!["id", "seq", "time", "timeMs", "next", "line", "instance"].includes(k)) out[k] = strip(x);
    return out;
  };
  return { status: r.status, body: strip(r.body), etag: r.headers.get("etag") };
}

/** The same request to the centralised twin and the distributed one (children in other processes);
 * the in-process deployment of the distributed file must answer as the latter. */
async function both(path: string, o: { body?: unknown; method?: string } = {}): Promise<[JsonResponse, JsonResponse]> {
  const a = await call(`${central.url}/api/Refinery${path}`, { token, ...o });
  const b = await call(`${refinery.url}/api/Refinery${path}`, { token, ...o });
  const c = await call(`${single.url}/api/Refinery${path}`, { token, ...o });
  expect(comparable(c), `in-process children: ${path}`).toEqual(comparable(b));
  return [a, b];
}

describe("the refinery twin answers alike in both topologies", () => {
  it("reads: the root, a valve, a sensor, one attribute", async () => {
    for (const p of ["", "/Valve1", "/Valve3/TorqueSensor", "/Valve2?Attribute=Opening", "/Valve4/TorqueSensor?Attribute=MeasuringRange"]) {
      const [a, b] = await both(p);
      expect(a.status, p).toBe(200);
      expect(comparable(b), p).toEqual(comparable(a));
    }
  });

  it("writes, their history and a search over the changed values", async () => {
    for (const [p, body] of [["/Valve2", { Opening: 40 }], ["/Valve2/TorqueSensor", { Torque: 410 }], ["/Valve2", { Opening: 55.5 }], ["/Valve4", { Opening: 12 }]] as const) {
      const [a, b] = await both(p, { body });
      expect(a.status, p).toBe(200);
      expect(comparable(b), p).toEqual(comparable(a));
    }
    for (const p of ["/Valve2?History=50", "/Valve2?Attribute=Opening&History=6", "/Valve2/TorqueSensor?History=5", "/_history?part=Valve2&limit=10", "/_history?limit=3&order=asc"]) {
      const [a, b] = await both(p);
      expect(a.status, p).toBe(200);
      expect(comparable(b), p).toEqual(comparable(a));
    }
    const q = encodeURIComponent("//InternalElement[Attribute[@Name='Opening']/Value > 30]");
    const [a, b] = await both(`?Search=${q}`);
    expect((a.body as { results: { path: string }[] }).results.map((r) => r.path)).toEqual(["Valve2"]);
    expect(comparable(b)).toEqual(comparable(a));
    const [s1, s2] = await both(`?Search=${encodeURIComponent("[@Name='TorqueSensor']")}`);
    expect((s1.body as { results: { path: string }[] }).results.map((r) => r.path)).toEqual(VALVES.map((v) => `${v}/TorqueSensor`));
    expect(comparable(s2)).toEqual(comparable(s1));
  });

  it("?format=aml: each topology's file with the same changed values, and nothing else changed", async () => {
    const { readFileSync } = await import("node:fs");
    const [a, b] = await both("?format=aml");
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const changed = (text: string, source: string): string[] => {
      const src = readFileSync(source, "utf8").split("\n");
      const out = text.split("\n");
      expect(out.length).toBe(src.length);
      return src.flatMap((l, i) => (l === out[i] ? [] : [out[i]!.trim()]));
    };
    const ca = changed(a.text, CENTRAL);
    expect(ca).toEqual(["<Value>55.5</Value>", "<Value>410</Value>", "<Value>12</Value>"]);
    expect(changed(b.text, DIST)).toEqual(ca);
  });

  it("refusals: a value outside the constraint, an unknown attribute, an unknown part", async () => {
    for (const [p, body, status] of [["/Valve1", { Opening: 140 }, 422], ["/Valve1", { Colour: "red" }, 422], ["/Valve1/Actuator", { Opening: 1 }, 404]] as const) {
      const [a, b] = await both(p, { body });
      expect(a.status, p).toBe(status);
      const pick = (r: JsonResponse): unknown => {
        const x = r.body as { type: string; status: number; errors?: unknown };
        return { type: x.type, status: x.status, errors: x.errors };
      };
      expect(pick(b), p).toEqual(pick(a));
    }
  });

  it("a bulk update within one child is forwarded; one spanning children is refused whole (409), nothing applied", async () => {
    const one = { changes: [{ part: "Valve3", attributes: { Opening: 20 } }, { part: "Valve3/TorqueSensor", attributes: { Torque: 5 } }] };
    const [a, b] = await both("/_bulk", { body: one });
    expect(a.status).toBe(200);
    expect(comparable(b)).toEqual(comparable(a));
    const span = await call(`${refinery.url}/api/Refinery/_bulk`, { token, body: { changes: [{ part: "Valve1", attributes: { Opening: 1 } }, { part: "Valve4", attributes: { Opening: 2 } }] } });
    expect(span.status).toBe(409);
    expect((span.body as { detail: string }).detail).toMatch(/spans 2 twins \(Valve1, Valve4\)/);
    expect(((await call(`${refinery.url}/api/Refinery/Valve1?Attribute=Opening`, { token })).body as { value: number }).value).toBe(0);
  });
});

describe("children that do not answer", () => {
  let hole: Server;
  const holes = new Set<import("node:net").Socket>();
  let proc: ServeProcess | undefined;
  beforeAll(async () => {
    // accepts connections and never answers
    hole = createServer((sock) => holes.add(sock));
    await new Promise<void>((r) => hole.listen(0, "127.0.0.1", () => r()));
  });
  afterAll(async () => {
    await proc?.stop();
    for (const sock of holes) sock.destroy();
    await new Promise((r) => hole.close(() => r(undefined)));
  });

  it("504 naming the child after the timeout, 502 for a child that cannot be reached; other children still served", async () => {
    const port = (hole.address() as { port: number }).port;
    proc = await startServe([
      DIST, "--twin", "Refinery", "--port", "0", "--timeout", "800", "--secret", join(dir, "token.secret"), "--data", join(dir, "r2"),
      "--child", `Valve1=http://127.0.0.1:${port}`, "--child", "Valve2=http://127.0.0.1:1", "--child", `Valve3=${valves[2]!.url}`, "--child", `Valve4=${valves[3]!.url}`,
    ]);
    const slow = await call(`${proc.url}/api/Refinery/Valve1`, { token });
    expect(slow.status).toBe(504);
    expect(slow.body).toMatchObject({ type: "/problems/child-timeout", child: "Valve1" });
    expect((slow.body as { detail: string }).detail).toMatch(/Valve1 at http:\/\/127\.0\.0\.1:\d+ did not answer within 800 ms/);
    const gone = await call(`${proc.url}/api/Refinery/Valve2/TorqueSensor`, { token });
    expect(gone.status).toBe(502);
    expect(gone.body).toMatchObject({ type: "/problems/child-unreachable", child: "Valve2" });
    expect((await call(`${proc.url}/api/Refinery/Valve3`, { token })).status).toBe(200);
    expect((await call(`${proc.url}/api/Refinery`, { token })).status).toBe(200);
  }, 30_000);
});
