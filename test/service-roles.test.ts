// Every route of the service × every role of the test rig's AccessControl element (Read: operator,
// engineer; Write and Execute: engineer), plus a caller without a token and a signed-in subject with no
// grant. Deny by default; a resource the caller may not read answers 404 like a missing one; one it
// may read but not change answers 403; no token at all answers 401.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../src/service/routes.js";
import { startService, type Service } from "../src/service/serve.js";
import { call, ROOT } from "./helpers/service.js";

type Role = "anonymous" | "visitor" | "operator" | "engineer";
const ROLES: Role[] = ["anonymous", "visitor", "operator", "engineer"];

let dir: string;
let svc: Service;
const tokens: Partial<Record<Role, string>> = {};
let archive = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "twin-serve-roles-"));
  svc = await startService({ amlFile: join(ROOT, "models", "aml", "test-rig.aml"), port: 0, dataDir: dir, log: () => {} });
  tokens.visitor = await svc.token("user:vic", ["visitor"]);
  tokens.operator = await svc.token("user:otto", ["operator"]);
  tokens.engineer = await svc.token("user:erin", ["engineer"]);
  const r = await call(`${svc.url}/api/TestRig/_methods/exportArchive`, { token: tokens.engineer, body: { sessions: false } });
  expect(r.status).toBe(200);
  archive = (r.body as { result: { file: string } }).result.file;
}, 60_000);

afterAll(async () => {
  await svc?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Case {
  path: string;
  body?: unknown;
  /** expected status per role */
  expect: Record<Role, number>;
}

const anyone = (s: number): Record<Role, number> => ({ anonymous: s, visitor: s, operator: s, engineer: s });
const signedIn = (visitor: number, operator: number, engineer: number): Record<Role, number> => ({ anonymous: 401, visitor, operator, engineer });

/** One concrete request per route (operationId). */
const CASES: Record<string, () => Case> = {
  openapi: () => ({ path: "/api/openapi.json", expect: anyone(200) }),
  health: () => ({ path: "/api/_health", expect: anyone(200) }),
  token: () => ({ path: "/api/_auth/token", body: { subject: "user:erin", key: "not-the-key-of-anyone" }, expect: anyone(401) }),
  listTwins: () => ({ path: "/api/_twins", expect: signedIn(200, 200, 200) }),
  getPolicy: () => ({ path: "/api/_policy", expect: signedIn(404, 404, 404) }),
  putPolicy: () => ({ path: "/api/_policy", body: { format: "twin-policy", version: 1, entries: {} }, expect: signedIn(404, 404, 404) }),
  getRoot: () => ({ path: "/api/TestRig", expect: signedIn(404, 200, 200) }),
  postRoot: () => ({ path: "/api/TestRig", body: { Novelty: 0.25 }, expect: signedIn(404, 403, 200) }),
  history: () => ({ path: "/api/TestRig/_history?limit=5", expect: signedIn(404, 200, 200) }),
  bulk: () => ({ path: "/api/TestRig/_bulk", body: { changes: [{ part: "Motor", attributes: { Speed: 900 } }] }, expect: signedIn(404, 403, 200) }),
  events: () => ({ path: "/api/TestRig/_events", expect: signedIn(404, 200, 200) }),
  eventsWebSocket: () => ({ path: "/api/TestRig/_ws", expect: signedIn(404, 101, 101) }),
  listMethods: () => ({ path: "/api/TestRig/_methods", expect: signedIn(404, 200, 200) }),
  callMethod: () => ({ path: "/api/TestRig/_methods/modal", body: { modes: 2 }, expect: signedIn(404, 403, 200) }),
  listAlarms: () => ({ path: "/api/TestRig/_alarms", expect: signedIn(404, 200, 200) }),
  // no runner: no alarm is active, for anyone
  ackAlarm: () => ({ path: "/api/TestRig/_alarms/mid-vibration/ack", body: {}, expect: signedIn(404, 404, 404) }),
  shelveAlarm: () => ({ path: "/api/TestRig/_alarms/mid-vibration/shelve", body: { seconds: 60 }, expect: signedIn(404, 404, 404) }),
  getArchive: () => ({ path: `/api/TestRig/_archives/${archive}`, expect: signedIn(404, 200, 200) }),
  getPart: () => ({ path: "/api/TestRig/Bearing1", expect: signedIn(404, 200, 200) }),
  postPart: () => ({ path: "/api/TestRig/Bearing1", body: { cyy: 210 }, expect: signedIn(404, 403, 200) }),
  // the HMI: its files need no token (the page holds no data), its API reads as the twin's data does
  hmiIndex: () => ({ path: "/", expect: anyone(200) }),
  hmiFile: () => ({ path: "/hmi/index.html", expect: anyone(200) }),
  hmiVendor: () => ({ path: "/hmi/vendor/uPlot.esm.js", expect: anyone(200) }),
  tree: () => ({ path: "/api/TestRig/_tree", expect: signedIn(404, 200, 200) }),
  live: () => ({ path: "/api/TestRig/_live", expect: signedIn(404, 200, 200) }),
  campbellView: () => ({ path: "/api/TestRig/_views/campbell?speeds=0:3000:1000&modes=2", expect: signedIn(404, 200, 200) }),
  modesView: () => ({ path: "/api/TestRig/_views/modes?speed=0&modes=2", expect: signedIn(404, 200, 200) }),
};

async function statusOf(r: (typeof ROUTES)[number], c: Case, role: Role): Promise<number> {
  const token = tokens[role as Exclude<Role, "anonymous">];
  if (r.websocket === true) {
    const ws = new WebSocket(`${svc.url.replace(/^http/, "ws")}${c.path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return new Promise((resolve) => {
      ws.once("unexpected-response", (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      ws.once("open", () => {
        ws.once("close", (code) => resolve(code === 4404 ? 404 : code));
        // a stream that stays open was accepted
        setTimeout(() => {
          ws.close();
          resolve(101);
        }, 300);
      });
      ws.once("error", () => undefined);
    });
  }
  if (r.operationId === "events" || r.operationId === "live") {
    const ac = new AbortController();
    const res = await fetch(`${svc.url}${c.path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: ac.signal });
    const s = res.status;
    ac.abort();
    await res.body?.cancel().catch(() => undefined);
    return s;
  }
  const res = await call(`${svc.url}${c.path}`, { method: r.method, ...(token ? { token } : {}), ...(c.body !== undefined ? { body: c.body } : {}) });
  if (res.status >= 400) expect(res.headers.get("content-type"), `${r.operationId} as ${role}`).toMatch(/^application\/problem\+json/);
  return res.status;
}

describe("every route × every role", () => {
  it("has a case for every route", () => {
    expect(ROUTES.map((r) => r.operationId).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const r of ROUTES) {
    it(`${r.method} ${r.url}`, async () => {
      const c = CASES[r.operationId]!();
      const got: Partial<Record<Role, number>> = {};
      for (const role of ROLES) got[role] = await statusOf(r, c, role);
      expect(got).toEqual(c.expect);
    }, 30_000);
  }
});
