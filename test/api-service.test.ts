// machine-twin/service against `twin serve`, `twin serve token` and `twin serve hash-key`: the same
// results, the same typed errors with the messages the commands print, and the commands name their
// library equivalent.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError, InputError } from "../src/errors.js";
import { createServiceToken, hashServiceKey, KeyError, PolicyError, serveTwin, TwinDeployError } from "../src/service/index.js";
import { cli } from "./helpers/cli-run.js";

const ROOT = join(import.meta.dirname, "..");
const AML = join(ROOT, "models", "aml", "test-rig.aml");
const tmp = mkdtempSync(join(tmpdir(), "twin-api-service-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const twin = cli;

const payload = (token: string): { sub: string; roles: string[]; iat: number; exp: number } => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));

describe("serveTwin", () => {
  it("serves the test rig: one attribute read with a token, then closed", async () => {
    const data = join(tmp, "serve");
    const service = await serveTwin({ amlFile: AML, host: "127.0.0.1", port: 0, db: ":memory:", dataDir: data, log: () => {} });
    try {
      expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = await createServiceToken({ subject: "user:erin", roles: ["engineer"], dataDir: data });
      const res = await fetch(`${service.url}/api/TestRig/Motor?Attribute=MaxSpeed`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ attribute: "MaxSpeed", value: 6000, unit: "rpm" });
      expect((await fetch(`${service.url}/api/TestRig/Motor`)).status).toBe(401);
    } finally {
      await service.close();
    }
  });

  it("a twin the file does not have: TwinDeployError, as `twin serve --twin` prints it", async () => {
    const data = join(tmp, "deploy");
    const cli = await twin(["serve", AML, "--twin", "Nope", "--db", ":memory:", "--data", data]);
    expect(cli.code).toBe(2);
    const e = await serveTwin({ amlFile: AML, twins: ["Nope"], db: ":memory:", dataDir: data, log: () => {} }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TwinDeployError);
    expect(e).toBeInstanceOf(InputError);
    expect(cli.err).toBe(`${(e as Error).message}\n`);
  });

  it("a malformed policy file: PolicyError with file and path, as `twin serve --policy` prints it", async () => {
    const data = join(tmp, "policy");
    const file = join(tmp, "policy.json");
    writeFileSync(file, JSON.stringify({ format: "twin-policy", version: 1, entries: { ops: { subjects: ["nobody"], resources: {} } } }));
    const cli = await twin(["serve", AML, "--policy", file, "--db", ":memory:", "--data", data]);
    expect(cli.code).toBe(2);
    const e = await serveTwin({ amlFile: AML, policyFile: file, db: ":memory:", dataDir: data, log: () => {} }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PolicyError);
    const p = e as PolicyError;
    expect(p.file).toBe(file);
    expect(p.path).toMatch(/^\$/);
    // the store's log line comes first: the error is the last thing the command prints
    expect(cli.err.endsWith(`\n${p.message}\n`)).toBe(true);
  });

  it("a port out of range is an ArgumentError", async () => {
    await expect(serveTwin({ amlFile: AML, port: 70000 })).rejects.toBeInstanceOf(ArgumentError);
  });
});

describe("createServiceToken", () => {
  it("signs what `twin serve token` signs, with the same secret", async () => {
    const data = join(tmp, "tokens");
    mkdirSync(data);
    const cli = await twin(["serve", "token", "--subject", "user:alice", "--role", "operator", "--role", "viewer", "--ttl", "600", "--data", data]);
    expect(cli.code, cli.err).toBe(0);
    const lib = await createServiceToken({ subject: "user:alice", roles: ["operator", "viewer"], ttlSeconds: 600, dataDir: data });
    const a = payload(cli.out.trim());
    const b = payload(lib);
    expect(b.sub).toBe(a.sub);
    expect(b.roles).toEqual(a.roles);
    expect(b.exp - b.iat).toBe(600);
    // the same secret: a service on that data directory accepts the library's token
    const service = await serveTwin({ amlFile: AML, host: "127.0.0.1", port: 0, db: ":memory:", dataDir: data, log: () => {} });
    try {
      const eng = await createServiceToken({ subject: "user:erin", roles: ["engineer"], dataDir: data });
      expect((await fetch(`${service.url}/api/TestRig/Motor`, { headers: { authorization: `Bearer ${eng}` } })).status).toBe(200);
    } finally {
      await service.close();
    }
  });
});

describe("hashServiceKey", () => {
  it("hashes a key as `twin serve hash-key` does (salted: different hashes of one key)", async () => {
    const cli = await twin(["serve", "hash-key", "a-long-enough-key-for-a-policy"]);
    expect(cli.code).toBe(0);
    const lib = hashServiceKey("a-long-enough-key-for-a-policy");
    expect(lib.split("$").length).toBe(cli.out.trim().split("$").length);
    expect(lib).not.toBe(cli.out.trim());
  });

  it("a short key: KeyError (an ArgumentError), the message the command prints", async () => {
    const cli = await twin(["serve", "hash-key", "short"]);
    expect(cli.code).toBe(2);
    let caught: unknown;
    try {
      hashServiceKey("short");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KeyError);
    expect(caught).toBeInstanceOf(ArgumentError);
    expect((caught as KeyError).path).toBe("key");
    expect(cli.err.startsWith(`twin serve hash-key: ${(caught as Error).message}\n`)).toBe(true);
  });
});

describe("the commands name their library equivalent", () => {
  for (const [argv, name] of [[["serve", "--help"], "serveTwin"], [["serve", "token", "--help"], "createServiceToken"], [["serve", "hash-key", "--help"], "hashServiceKey"]] as const) {
    it(argv.join(" "), async () => {
      const r = await twin([...argv]);
      expect(r.out).toContain(`import { ${name} } from "machine-twin/service"`);
    });
  }
});
