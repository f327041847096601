// twin serve on models/aml/test-rig.aml (embedded SQLite, in this process): the reference
// architecture's routes (GET part, ?Attribute, ?History, ?Attribute&History, ?Search, POST), the
// runtime CAEX file, ETag / If-Match, bulk updates all or nothing, history over a range with a keyset
// cursor and an RQL filter, problem+json for every kind of bad input, the OpenAPI document against the
// registered routes, methods, events (SSE, WebSocket, rules) and rate limits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT } from "jose";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type Service } from "../src/service/serve.js";
import { subscribeEvents } from "../src/service/events/index.js";
import { ROUTES } from "../src/service/routes.js";
import { openApiPath } from "../src/service/openapi.js";
import { call, ROOT } from "./helpers/service.js";

const AML = join(ROOT, "models", "aml", "test-rig.aml");
let dir: string;
let svc: Service;
let engineer: string, operator: string, outsider: string;
const api = (p: string): string => `${svc.url}/api/TestRig${p}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "twin-serve-api-"));
  svc = await startService({ amlFile: AML, port: 0, dataDir: dir, log: () => {} });
  engineer = await svc.token("user:erin", ["engineer"]);
  operator = await svc.token("user:otto", ["operator"]);
  outsider = await svc.token("user:mallory", ["visitor"]);
}, 30_000);

afterAll(async () => {
  await svc?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface PartBody {
  name: string;
  path: string;
  attributes: Record<string, { value: unknown; unit?: string; type?: string }>;
  parts: string[];
}

describe("the reference architecture's routes", () => {
  it("GET /<Part> gives the part's current data; the root lists the device's parts", async () => {
    const root = await call(api(""), { token: operator });
    expect(root.status).toBe(200);
    const r = root.body as PartBody;
    expect(r.name).toBe("TestRig");
    expect(r.parts).toEqual(["Motor", "Shaft", "Disc0", "Disc1", "Bearing0", "Bearing1", "Pedestal0", "Pedestal1", "Acc_B0_x", "Acc_B0_y", "Acc_B1_x", "Acc_B1_y"]);
    const motor = await call(api("/Motor"), { token: operator });
    expect(motor.status).toBe(200);
    const m = motor.body as PartBody;
    expect(m.path).toBe("Motor");
    expect(m.attributes.MaxSpeed).toEqual({ value: 6000, type: "xs:double", unit: "rpm" });
    expect(motor.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  });

  it("?Attribute=, POST, ?History=, ?Attribute=&History=", async () => {
    const a = await call(api("/Bearing0?Attribute=kxx"), { token: operator });
    expect(a.body).toEqual({ path: "Bearing0", attribute: "kxx", value: 10000000, type: "xs:double", unit: "N/m" });
    for (const v of [1.1e7, 1.2e7, 1.3e7]) {
      const w = await call(api("/Bearing0"), { token: engineer, body: { kxx: v, cxx: v / 5e4 } });
      expect(w.status).toBe(200);
      const wb = w.body as { changes: { attribute: string; oldValue: unknown; newValue: unknown; subject: string; source: string }[]; part: PartBody };
      expect(wb.changes.map((c) => c.attribute)).toEqual(["kxx", "cxx"]);
      expect(wb.changes[0]!.subject).toBe("user:erin");
      expect(wb.changes[0]!.source).toBe("api");
      expect(wb.part.attributes.kxx!.value).toBe(v);
    }
    const h = await call(api("/Bearing0?History=50"), { token: operator });
    const hb = h.body as { history: { attribute: string; oldValue: number; newValue: number }[] };
    expect(hb.history.length).toBe(6);
    expect(hb.history[0]).toMatchObject({ attribute: "cxx", newValue: 260 });
    const h2 = await call(api("/Bearing0?Attribute=kxx&History=2"), { token: operator });
    expect((h2.body as { history: { oldValue: number; newValue: number }[] }).history.map((x) => [x.oldValue, x.newValue])).toEqual([[1.2e7, 1.3e7], [1.1e7, 1.2e7]]);
  });

  it("?Search= evaluates XPath over the runtime document (changed values included)", async () => {
    const s = await call(api(`?Search=${encodeURIComponent("[@Name='Motor']")}`), { token: operator });
    expect(s.status).toBe(200);
    expect((s.body as { results: { path: string; element: string }[] }).results).toEqual([{ path: "Motor", name: "Motor", element: "InternalElement" }]);
    await call(api("/Motor"), { token: engineer, body: { Speed: 2400 } });
    const q = `//InternalElement[Attribute[@Name='Speed']/Value > 2000]`;
    const hit = await call(api(`?Search=${encodeURIComponent(q)}`), { token: operator });
    expect((hit.body as { results: { path: string }[] }).results.map((r) => r.path)).toEqual(["Motor"]);
    // on a part, hits are limited to the part and what it contains
    const attrs = await call(api(`/Bearing0?Search=${encodeURIComponent("[@Name='kxx']")}`), { token: operator });
    expect((attrs.body as { results: unknown[] }).results).toEqual([{ path: "Bearing0", name: "Bearing0", element: "Attribute", attribute: "kxx" }]);
  });

  it("?format=aml returns the CAEX file differing from the source only in the changed values", async () => {
    const res = await call(api("?format=aml"), { token: operator });
    expect(res.status).toBe(200);
    const src = readFileSync(AML, "utf8").split("\n");
    const out = res.text.split("\n");
    expect(out.length).toBe(src.length);
    const diff = src.flatMap((l, i) => (l === out[i] ? [] : [[l.trim(), out[i]!.trim()]]));
    expect(diff).toEqual([
      ["<Value>0</Value>", "<Value>2400</Value>"], // Motor Speed
      ["<Value>10000000</Value>", "<Value>13000000</Value>"], // Bearing0 kxx
      ["<Value>200</Value>", "<Value>260</Value>"], // Bearing0 cxx
    ]);
  });
});

describe("writes: types, constraints, ETag, bulk", () => {
  it("refuses a wrong type, a value outside the CAEX constraint and an unknown attribute, with pointers, applying nothing", async () => {
    const before = await call(api("/Motor"), { token: operator });
    const wrong = await call(api("/Motor"), { token: engineer, body: { MaxSpeed: 5000, Speed: "fast" } });
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(wrong.body).toMatchObject({ type: "/problems/invalid-value", status: 422, errors: [{ pointer: "/Speed" }] });
    expect((wrong.body as { detail: string }).detail).toMatch(/Speed \(xs:double\): expected a number, got the string "fast"/);
    const range = await call(api("/Motor"), { token: engineer, body: { Speed: -5 } });
    expect(range.status).toBe(422);
    expect((range.body as { detail: string }).detail).toMatch(/below the minimum 0 rpm/);
    const state = await call(api(""), { token: engineer, body: { OperatingState: "exploded" } });
    expect(state.status).toBe(422);
    expect((state.body as { detail: string }).detail).toMatch(/not one of "unknown", "novel", "normal", "unbalance"/);
    const unknown = await call(api("/Motor"), { token: engineer, body: { Torque: 1 } });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ errors: [{ pointer: "/Torque", detail: "unknown attribute" }] });
    const int = await call(api("/Disc0"), { token: engineer, body: { Node: 4.5 } });
    expect(int.status).toBe(422);
    const after = await call(api("/Motor"), { token: operator });
    expect(after.body).toEqual(before.body);
  });

  it("If-Match: a stale entity tag answers 412 and changes nothing; If-None-Match answers 304", async () => {
    const g = await call(api("/Pedestal0"), { token: operator });
    const tag = g.headers.get("etag")!;
    expect((await call(api("/Pedestal0"), { token: operator, headers: { "if-none-match": tag } })).status).toBe(304);
    const ok = await call(api("/Pedestal0"), { token: engineer, body: { Mass: 16 }, headers: { "if-match": tag } });
    expect(ok.status).toBe(200);
    const stale = await call(api("/Pedestal0"), { token: engineer, body: { Mass: 17 }, headers: { "if-match": tag } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ type: "/problems/precondition-failed", status: 412 });
    expect(((await call(api("/Pedestal0?Attribute=Mass"), { token: operator })).body as { value: number }).value).toBe(16);
  });

  it("a bulk update is all or nothing", async () => {
    const bad = await call(api("/_bulk"), { token: engineer, body: { changes: [{ part: "Disc1", attributes: { Width: 0.031 } }, { part: "Disc0", attributes: { Width: "wide" } }] } });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ errors: [{ pointer: "/changes/1/attributes/Width" }] });
    expect(((await call(api("/Disc1?Attribute=Width"), { token: operator })).body as { value: number }).value).toBe(0.03);
    const missing = await call(api("/_bulk"), { token: engineer, body: { changes: [{ part: "Disc1", attributes: { Width: 0.031 } }, { part: "Disc9", attributes: { Width: 0.03 } }] } });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ errors: [{ pointer: "/changes/1/part", detail: "unknown part" }] });
    const good = await call(api("/_bulk"), { token: engineer, body: { changes: [{ part: "Disc1", attributes: { Width: 0.031 } }, { part: "Disc0", attributes: { Width: 0.032 } }] } });
    expect(good.status).toBe(200);
    expect((good.body as { changes: unknown[] }).changes.length).toBe(2);
  });

  it("malformed JSON, wrong content type, oversized bodies and unknown query parameters get precise problems", async () => {
    const malformed = await call(api("/Motor"), { token: engineer, body: '{"Speed": 1', headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ status: 400, title: "Bad Request" });
    const notObject = await call(api("/Motor"), { token: engineer, body: [1, 2] });
    expect(notObject.status).toBe(400);
    const nested = await call(api("/Motor"), { token: engineer, body: { Speed: { value: 3 } } });
    expect(nested.status).toBe(400);
    expect(nested.body).toMatchObject({ errors: [{ pointer: "/Speed" }] });
    const proto = await call(api("/Motor"), { token: engineer, body: '{"__proto__": {"Speed": 1}}' });
    expect(proto.status).toBe(400);
    const text = await call(api("/Motor"), { token: engineer, body: "Speed=1", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    const big = await call(api("/Motor"), { token: engineer, body: JSON.stringify({ Speed: 1, pad: "x".repeat(2 << 20) }) });
    expect(big.status).toBe(413);
    const q = await call(api("/Motor?Atribute=Speed"), { token: operator });
    expect(q.status).toBe(400);
    expect((q.body as { detail: string }).detail).toMatch(/Atribute/);
    const hist = await call(api("/Motor?History=0"), { token: operator });
    expect(hist.status).toBe(400);
    const part = await call(api("/Motor/Rotor"), { token: operator });
    expect(part.status).toBe(404);
    expect(part.body).toMatchObject({ type: "/problems/not-found", detail: 'TestRig: no part "Motor/Rotor"' });
    // the service keeps serving
    expect((await call(api("/Motor"), { token: operator })).status).toBe(200);
  });

  it("hostile XPath and RQL are refused quickly with their column, never run away", async () => {
    const deep = await call(api(`?Search=${encodeURIComponent("(".repeat(1000) + "1" + ")".repeat(1000))}`), { token: operator });
    expect(deep.status).toBe(400);
    expect((deep.body as { detail: string }).detail).toMatch(/XPath column \d+/);
    const blowup = await call(api(`?Search=${encodeURIComponent("//*[count(//*[count(//*[count(//*) > 0]) > 0]) > 0]")}`), { token: operator });
    expect(blowup.status).toBe(400);
    expect((blowup.body as { detail: string }).detail).toMatch(/budget/);
    const rql = await call(api(`/_history?filter=${encodeURIComponent("and(eq(attribute,\"Speed\"),gt(newValue,)")}`), { token: operator });
    expect(rql.status).toBe(400);
    expect((rql.body as { detail: string }).detail).toMatch(/RQL column \d+/);
    const deepRql = await call(api(`/_history?filter=${encodeURIComponent("not(".repeat(1000) + "exists(seq)" + ")".repeat(1000))}`), { token: operator });
    expect(deepRql.status).toBe(400);
  });
});

describe("history over a time range, filtered, with a keyset cursor", () => {
  it("pages through every record exactly once in both orders", async () => {
    for (let i = 0; i < 25; i++) {
      const w = await call(api("/Acc_B1_y"), { token: engineer, body: { Rms: i / 100 } });
      expect(w.status).toBe(200);
    }
    for (const order of ["desc", "asc"]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const qs = new URLSearchParams({ part: "Acc_B1_y", attribute: "Rms", limit: "7", order });
        if (cursor !== null) qs.set("cursor", cursor);
        const r = await call(api(`/_history?${qs}`), { token: operator });
        expect(r.status).toBe(200);
        const b = r.body as { records: { seq: number; newValue: number }[]; next: string | null };
        seen.push(...b.records.map((x) => Math.round(x.newValue * 100)));
        cursor = b.next;
        if (cursor === null) break;
      }
      expect(seen).toEqual(order === "desc" ? Array.from({ length: 25 }, (_, i) => 24 - i) : Array.from({ length: 25 }, (_, i) => i));
    }
  });

  it("a time range and an RQL filter select records", async () => {
    const all = (await call(api("/_history?part=Acc_B1_y&limit=100&order=asc"), { token: operator })).body as { records: { timeMs: number; time: string }[] };
    const t0 = all.records[0]!.timeMs;
    const inRange = (await call(api(`/_history?part=Acc_B1_y&from=${all.records[0]!.time}&to=${t0 + 1}&limit=100`), { token: operator })).body as { records: { timeMs: number }[] };
    expect(inRange.records.every((r) => r.timeMs === t0)).toBe(true);
    expect(inRange.records.length).toBeGreaterThan(0);
    const f = await call(api(`/_history?filter=${encodeURIComponent('and(eq(part,"Acc_B1_y"),ge(newValue,0.2))')}&limit=100`), { token: operator });
    expect((f.body as { records: { newValue: number }[] }).records.map((r) => r.newValue).sort()).toEqual([0.2, 0.21, 0.22, 0.23, 0.24]);
    const badTime = await call(api("/_history?from=yesterday"), { token: operator });
    expect(badTime.status).toBe(400);
    const badCursor = await call(api("/_history?cursor=abc"), { token: operator });
    expect(badCursor.status).toBe(400);
  });
});

describe("authentication", () => {
  it("no token, a malformed, forged or expired token: 401 problems", async () => {
    const none = await call(api("/Motor"));
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(none.body).toMatchObject({ status: 401 });
    expect((await call(api("/Motor"), { token: "not.a.jwt" })).status).toBe(401);
    const forged = await new SignJWT({ roles: ["engineer"] }).setProtectedHeader({ alg: "HS256" }).setSubject("user:eve").setIssuer("twin").setAudience("twin-serve").setExpirationTime("1h").sign(new Uint8Array(32).fill(7));
    const f = await call(api("/Motor"), { token: forged });
    expect(f.status).toBe(401);
    const expired = await svc.token("user:otto", ["operator"], 1);
    // accepted while valid (and so remembered as verified), refused once expired all the same
    expect((await call(api("/Motor"), { token: expired })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 7000));
    const e = await call(api("/Motor"), { token: expired });
    expect(e.status).toBe(401);
    expect((e.body as { detail: string }).detail).toMatch(/expired/);
  }, 20_000);
});

describe("methods", () => {
  it("modal analysis of the current rotor model, checked against access control and recorded", async () => {
    const list = await call(api("/_methods"), { token: operator });
    expect((list.body as { name: string }[]).map((m) => m.name)).toEqual(["modal", "campbell", "unbalance", "startVirtualSensing", "stopVirtualSensing", "updateRecogniser", "exportArchive"]);
    const refused = await call(api("/_methods/modal"), { token: operator, body: {} });
    expect(refused.status).toBe(403);
    const hidden = await call(api("/_methods/modal"), { token: outsider, body: {} });
    expect(hidden.status).toBe(404);
    const bad = await call(api("/_methods/modal"), { token: engineer, body: { modes: "many" } });
    expect(bad.status).toBe(422);
    const ok = await call(api("/_methods/modal"), { token: engineer, body: { modes: 4 } });
    expect(ok.status).toBe(200);
    expect((ok.body as { method: string; result: unknown }).method).toBe("modal");
    const rec = await call(api(`/_history?attribute=${encodeURIComponent("_methods/modal")}`), { token: operator });
    expect((rec.body as { records: { newValue: string; subject: string; source: string }[] }).records[0]).toMatchObject({ newValue: "done", subject: "user:erin", source: "method" });
    const unknown = await call(api("/_methods/explode"), { token: engineer, body: {} });
    expect(unknown.status).toBe(404);
  });
});

describe("events", () => {
  it("SSE gives change and rule events; the Events element's rule fires above its threshold", async () => {
    const ac = new AbortController();
    const res = await fetch(api("/_events?types=change,rule"), { headers: { authorization: `Bearer ${operator}` }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = "";
    const read = async (want: RegExp): Promise<void> => {
      while (!want.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${text}`);
        text += Buffer.from(value).toString();
      }
    };
    await new Promise((r) => setTimeout(r, 100));
    await call(api("/Acc_B0_x"), { token: engineer, body: { Rms: 12 } });
    await read(/event: rule/);
    expect(text).toMatch(/event: change\ndata: \{[^\n]*"part":"Acc_B0_x","attribute":"Rms"/);
    expect(text).toMatch(/"rule":"VibrationAlarm"[^\n]*"state":"raised"/);
    ac.abort();
  });

  it("the WebSocket stream, and nothing for a subject that may not read the twin", async () => {
    const ws = new WebSocket(api("/_ws?types=change").replace(/^http/, "ws"), { headers: { authorization: `Bearer ${operator}` } });
    const got: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    ws.on("message", (m) => got.push(m.toString()));
    await call(api("/Acc_B0_y"), { token: engineer, body: { Rms: 0.5 } });
    for (let i = 0; i < 50 && !got.some((g) => g.includes("Acc_B0_y")); i++) await new Promise((r) => setTimeout(r, 20));
    expect(got.some((g) => JSON.parse(g).type === "change" && JSON.parse(g).part === "Acc_B0_y")).toBe(true);
    ws.close();
    const denied = await call(api("/_events"), { token: outsider });
    expect(denied.status).toBe(404);
  });
});

describe("OpenAPI 3.1", () => {
  it("documents exactly the registered routes", async () => {
    const doc = (await call(`${svc.url}/api/openapi.json`)).body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    const registered = svc.registeredRoutes.filter((r) => r.method !== "HEAD").map((r) => `${r.method} ${openApiPath(r.url)}`).sort();
    expect(documented).toEqual(registered);
    expect(documented.length).toBe(ROUTES.length);
  });
});

describe("access control through the API (a policy file)", () => {
  let psvc: Service;
  let pdir: string;
  beforeAll(async () => {
    pdir = mkdtempSync(join(tmpdir(), "twin-serve-policy-"));
    const policy = {
      format: "twin-policy",
      version: 1,
      entries: {
        readers: { subjects: ["role:reader"], resources: { "twin:/TestRig": { grant: ["READ"], revoke: [] }, "twin:/TestRig/Motor/@MaxSpeed": { grant: [], revoke: ["READ"] } } },
        setter: { subjects: ["role:setter"], resources: { "twin:/TestRig/Motor/@Speed": { grant: ["WRITE"], revoke: [] } } },
        admin: { subjects: ["user:root"], resources: { "policy:/": { grant: ["READ", "WRITE"], revoke: [] } } },
      },
    };
    writeFileSync(join(pdir, "policy.json"), JSON.stringify(policy));
    psvc = await startService({ amlFile: AML, port: 0, dataDir: pdir, policyFile: join(pdir, "policy.json"), limits: { ratePerMinute: 40 }, log: () => {} });
  }, 30_000);
  afterAll(async () => {
    await psvc?.close();
    rmSync(pdir, { recursive: true, force: true });
  });

  it("a deeper revoke hides an attribute; write without read answers 204 and the part stays invisible", async () => {
    const reader = await psvc.token("user:rita", ["reader"]);
    const setter = await psvc.token("robot:s1", ["setter"]);
    const m = (await call(`${psvc.url}/api/TestRig/Motor`, { token: reader })).body as PartBody;
    expect(Object.keys(m.attributes)).not.toContain("MaxSpeed");
    expect(Object.keys(m.attributes)).toContain("MinSpeed");
    expect((await call(`${psvc.url}/api/TestRig/Motor?Attribute=MaxSpeed`, { token: reader })).status).toBe(404);
    const w = await call(`${psvc.url}/api/TestRig/Motor`, { token: setter, body: { Speed: 1500 } });
    expect(w.status).toBe(204);
    expect((await call(`${psvc.url}/api/TestRig/Motor`, { token: setter })).status).toBe(404);
    const w2 = await call(`${psvc.url}/api/TestRig/Motor`, { token: setter, body: { MinSpeed: 1 } });
    expect(w2.status).toBe(422); // an attribute it can neither read nor write looks unknown
    expect((await call(`${psvc.url}/api/TestRig/Motor`, { token: reader, body: { Speed: 1 } })).status).toBe(403);
  });

  it("the policy is read and replaced through the API by its administrator only", async () => {
    const root = await psvc.token("user:root", []);
    const reader = await psvc.token("user:rita", ["reader"]);
    expect((await call(`${psvc.url}/api/_policy`, { token: reader })).status).toBe(404);
    const p = (await call(`${psvc.url}/api/_policy`, { token: root })).body as { entries: Record<string, unknown> };
    const lockout = await call(`${psvc.url}/api/_policy`, { method: "PUT", token: root, body: { ...p, entries: { readers: p.entries.readers } } });
    expect(lockout.status).toBe(409);
    const next = { ...p, entries: { ...p.entries, readers: { subjects: ["role:reader"], resources: { "twin:/TestRig": { grant: ["READ"], revoke: [] } } } } };
    expect((await call(`${psvc.url}/api/_policy`, { method: "PUT", token: root, body: next })).status).toBe(200);
    const m = (await call(`${psvc.url}/api/TestRig/Motor`, { token: reader })).body as PartBody;
    expect(Object.keys(m.attributes)).toContain("MaxSpeed");
  });

  it("rate limits per subject: one subject's excess is refused with 429, another subject still served", async () => {
    const a = await psvc.token("user:a", ["reader"]);
    const b = await psvc.token("user:b", ["reader"]);
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 60 && limited === undefined; i++) {
      const r = await call(`${psvc.url}/api/TestRig/Motor`, { token: a });
      if (r.status === 429) limited = r;
    }
    expect(limited).toBeDefined();
    expect(limited!.body).toMatchObject({ type: "/problems/rate-limited", status: 429 });
    expect(limited!.headers.get("retry-after")).not.toBeNull();
    expect((await call(`${psvc.url}/api/TestRig/Motor`, { token: b })).status).toBe(200);
  });
});

describe("retention and the embedded broker", () => {
  it("keeps at most N records per attribute; events reach the embedded MQTT broker", async () => {
    const rdir = mkdtempSync(join(tmpdir(), "twin-serve-ret-"));
    const r = await startService({ amlFile: AML, port: 0, dataDir: rdir, broker: "embedded", retention: { maxPerAttribute: 3 }, log: () => {} });
    try {
      const got: { type: string; part: string; newValue?: unknown }[] = [];
      const sub = await subscribeEvents(r.brokerUrl!, "twin", (e) => got.push(e as never));
      const t = await r.token("user:erin", ["engineer"]);
      for (let i = 1; i <= 5; i++) expect((await call(`${r.url}/api/TestRig/Pedestal1`, { token: t, body: { Mass: 15 + i } })).status).toBe(200);
      expect(await r.prune()).toBe(2);
      const h = await call(`${r.url}/api/TestRig/Pedestal1?Attribute=Mass&History=50`, { token: t });
      expect((h.body as { history: { newValue: number }[] }).history.map((x) => x.newValue)).toEqual([20, 19, 18]);
      for (let i = 0; i < 100 && got.length < 5; i++) await new Promise((res) => setTimeout(res, 20));
      expect(got.filter((e) => e.type === "change" && e.part === "Pedestal1").map((e) => e.newValue)).toEqual([16, 17, 18, 19, 20]);
      await sub.close();
    } finally {
      await r.close();
      rmSync(rdir, { recursive: true, force: true });
    }
  });
});
