// Access control of `twin serve` (src/service/policy): Eclipse Ditto policy semantics, the policy file
// format and its located errors, bearer tokens (HS256 JWTs) and hashed keys.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, generateKeyPair, base64url } from "jose";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Policy, PolicyError, policyFromFile, AuthError, TokenService, hashKey, verifyKey, POLICY_SCHEMA, ResourcePathError } from "../src/service/policy/index.js";
import type { Permission, Subject } from "../src/service/types.js";

const subject = (id: string, roles: string[] = []): Subject => ({ id, ids: [id, ...roles.map((r) => `role:${r}`)] });
const alice = subject("user:alice", ["operator"]);
const bob = subject("user:bob", ["engineer"]);
const carol = subject("user:carol");

type Res = Record<string, { grant: Permission[]; revoke: Permission[] }>;
const doc = (entries: Record<string, { subjects: string[]; resources: Res }>, subjects?: Record<string, { roles?: string[]; keys?: string[] }>) => ({
  format: "twin-policy",
  version: 1,
  ...(subjects ? { subjects } : {}),
  entries,
});

describe("policy semantics (Eclipse Ditto)", () => {
  const policy = Policy.parse(
    doc({
      operators: {
        subjects: ["role:operator"],
        resources: {
          "twin:/TestRig": { grant: ["READ"], revoke: [] },
          "twin:/TestRig/Motor/@Secret": { grant: [], revoke: ["READ"] },
          "twin:/TestRig/Motor/@Secret/Public": { grant: ["READ"], revoke: [] },
          "method:/TestRig": { grant: ["EXECUTE"], revoke: [] },
        },
      },
      writers: { subjects: ["user:alice"], resources: { "twin:/TestRig/Motor": { grant: ["WRITE"], revoke: [] } } },
      engineers: {
        subjects: ["role:engineer"],
        resources: {
          "twin:/": { grant: ["READ", "WRITE"], revoke: [] },
          "twin:/TestRig/Shaft": { grant: ["READ"], revoke: ["WRITE"] },
        },
      },
      "no-shaft-for-bob": { subjects: ["user:bob"], resources: { "twin:/TestRig/Shaft/@Speed": { grant: [], revoke: ["READ"] } } },
      "bob-shaft-speed": { subjects: ["user:bob"], resources: { "twin:/TestRig/Shaft/@Speed": { grant: ["READ"], revoke: [] } } },
      "carol-attr": { subjects: ["user:carol"], resources: { "twin:/TestRig/Motor/@MaxSpeed": { grant: ["READ"], revoke: [] } } },
    }),
    "semantics.json",
  );

  const table: [string, Subject, string, Permission, boolean][] = [
    ["deny by default", carol, "twin:/TestRig", "READ", false],
    ["deny by default on another kind", alice, "history:/TestRig", "READ", false],
    ["grant at the path", alice, "twin:/TestRig", "READ", true],
    ["grant inherited downwards", alice, "twin:/TestRig/Motor/@MaxSpeed", "READ", true],
    ["grant not inherited upwards", carol, "twin:/TestRig/Motor", "READ", false],
    ["deeper revoke wins", alice, "twin:/TestRig/Motor/@Secret", "READ", false],
    ["deeper revoke covers its subtree", alice, "twin:/TestRig/Motor/@Secret/Hidden", "READ", false],
    ["a grant deeper than a revoke gives back (Ditto: granted again at a deeper level)", alice, "twin:/TestRig/Motor/@Secret/Public", "READ", true],
    ["same-level revoke beats grant across entries", bob, "twin:/TestRig/Shaft/@Speed", "READ", false],
    ["same-level revoke of one permission leaves the other", bob, "twin:/TestRig/Shaft/@Other", "READ", true],
    ["deeper revoke of WRITE under an inherited WRITE", bob, "twin:/TestRig/Shaft", "WRITE", false],
    ["WRITE does not imply READ", subject("user:alice"), "twin:/TestRig/Motor", "READ", false],
    ["WRITE granted", subject("user:alice"), "twin:/TestRig/Motor/@MaxSpeed", "WRITE", true],
    ["READ does not imply WRITE", alice, "twin:/TestRig", "WRITE", false],
    ["EXECUTE does not imply READ", alice, "method:/TestRig/start", "READ", false],
    ["EXECUTE granted", alice, "method:/TestRig/start", "EXECUTE", true],
    ["sibling prefix does not match", alice, "twin:/TestRig2", "READ", false],
    ["sibling prefix below does not match", carol, "twin:/TestRig/Motor/@MaxSpeed2", "READ", false],
    ["entries unite: role entry and user entry", alice, "twin:/TestRig/Motor", "WRITE", true],
    ["role subject from the root", bob, "twin:/Other/Part", "WRITE", true],
    ["kinds are separate trees", bob, "history:/TestRig", "READ", false],
  ];
  it.each(table)("%s", (_name, who, resource, perm, expected) => {
    expect(policy.has(who, resource, perm)).toBe(expected);
  });

  it("hasAnyBelow: a part with only some readable attributes", () => {
    expect(policy.has(carol, "twin:/TestRig/Motor", "READ")).toBe(false);
    expect(policy.hasAnyBelow(carol, "twin:/TestRig/Motor", "READ")).toBe(true);
    expect(policy.hasAnyBelow(carol, "twin:/TestRig", "READ")).toBe(true);
    expect(policy.hasAnyBelow(carol, "twin:/TestRig/Shaft", "READ")).toBe(false);
    expect(policy.hasAnyBelow(carol, "twin:/TestRig", "WRITE")).toBe(false);
    expect(policy.hasAnyBelow(alice, "twin:/TestRig/Motor/@Secret", "READ")).toBe(true);
    expect(policy.hasAnyBelow(carol, "twin:/TestRig2", "READ")).toBe(false);
  });

  it("hasAnyBelow: a grant below that a same-level revoke cancels does not count", () => {
    const p = Policy.parse(
      doc({
        g: { subjects: ["user:dave"], resources: { "twin:/D/P/@A": { grant: ["READ"], revoke: [] } } },
        r: { subjects: ["role:guest"], resources: { "twin:/D/P/@A": { grant: [], revoke: ["READ"] } } },
      }),
      "p.json",
    );
    expect(p.hasAnyBelow(subject("user:dave"), "twin:/D", "READ")).toBe(true);
    expect(p.hasAnyBelow(subject("user:dave", ["guest"]), "twin:/D", "READ")).toBe(false);
  });

  it("grant and revoke return new policies and leave the original", () => {
    const p2 = policy.grant("carol-history", ["user:carol"], "history:/TestRig", ["READ"]);
    expect(p2.has(carol, "history:/TestRig/Motor", "READ")).toBe(true);
    expect(policy.has(carol, "history:/TestRig/Motor", "READ")).toBe(false);
    const p3 = p2.revoke("carol-history", ["user:carol"], "history:/TestRig", ["READ"]);
    expect(p3.has(carol, "history:/TestRig/Motor", "READ")).toBe(false);
    expect(p3.toJSON().entries["carol-history"]!.resources["history:/TestRig"]).toEqual({ grant: [], revoke: ["READ"] });
    expect(() => policy.grant("x", ["user:carol"], "twin:/A/", ["READ"])).toThrow(PolicyError);
  });

  it("a malformed resource in a check is refused", () => {
    expect(() => policy.has(alice, "thing:/x", "READ")).toThrow(ResourcePathError);
    expect(() => policy.has(alice, "twin:/A//B", "READ")).toThrow(/segment 2 is empty/);
  });

  it("toJSON round-trips through parse", () => {
    const again = Policy.parse(JSON.parse(JSON.stringify(policy.toJSON())), "again.json");
    expect(again.toJSON()).toEqual(policy.toJSON());
    for (const [, who, resource, perm, expected] of table) expect(again.has(who, resource, perm)).toBe(expected);
  });
});

describe("fromAccessControl and merge", () => {
  const ac = Policy.fromAccessControl("TestRig", { read: ["operator", "engineer"], write: ["engineer"], execute: ["engineer"] });
  const op = subject("user:o", ["operator"]);
  const eng = subject("user:e", ["engineer"]);

  it("gives the AML roles their permissions on the device", () => {
    for (const r of ["twin:/TestRig/Motor/@MaxSpeed", "history:/TestRig/Motor", "event:/TestRig", "alarm:/TestRig/a1"]) {
      expect(ac.has(op, r, "READ")).toBe(true);
      expect(ac.has(op, r, "WRITE")).toBe(false);
    }
    expect(ac.has(eng, "twin:/TestRig/Motor", "WRITE")).toBe(true);
    expect(ac.has(eng, "alarm:/TestRig/a1", "WRITE")).toBe(true);
    expect(ac.has(eng, "history:/TestRig", "WRITE")).toBe(false);
    expect(ac.has(eng, "event:/TestRig", "WRITE")).toBe(false);
    expect(ac.has(eng, "method:/TestRig/start", "EXECUTE")).toBe(true);
    expect(ac.has(op, "method:/TestRig/start", "EXECUTE")).toBe(false);
    expect(ac.has(eng, "method:/TestRig/start", "READ")).toBe(false);
    expect(ac.has(op, "twin:/Other", "READ")).toBe(false);
    expect(ac.has(op, "policy:/", "READ")).toBe(false);
  });

  it("refuses a bad role name with its place", () => {
    expect(() => Policy.fromAccessControl("TestRig", { read: ["op erator"], write: [], execute: [] })).toThrow(/AccessControl of TestRig: \$\.entries\["access-control-read"\]\.subjects\[0\]/);
  });

  it("merge unites entries; a clashing label is kept apart so revokes stay with their subjects", () => {
    const file = Policy.parse(
      doc({ "access-control-read": { subjects: ["user:o"], resources: { "twin:/TestRig/Motor": { grant: [], revoke: ["READ"] } } } }, { "user:o": { roles: ["operator"] } }),
      "f.json",
    );
    const m = Policy.merge(ac, file);
    expect(Object.keys(m.toJSON().entries).sort()).toEqual(["access-control-execute", "access-control-read", "access-control-read-2", "access-control-write"]);
    expect(m.has(op, "twin:/TestRig/Motor", "READ")).toBe(false);
    expect(m.has(subject("user:x", ["operator"]), "twin:/TestRig/Motor", "READ")).toBe(true);
    expect(m.subjectDef("user:o")).toEqual({ roles: ["operator"] });
  });
});

describe("policy file errors", () => {
  it("lists every problem at once, each with its JSON path", () => {
    const bad = {
      format: "twin-policy",
      version: 2,
      extra: true,
      subjects: { alice: {}, "user:bob": { roles: ["role:x"], keys: ["scrypt$3$8$1$AAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"] } },
      entries: {
        ops: {
          subjects: ["role:operator", "role:operator", "bad id"],
          resources: {
            "twin:/A//B": { grant: ["READ", "FLY"], revoke: [] },
            "thing:/x": { grant: [], revoke: [] },
            "twin:/A": { grant: ["READ"], revoke: ["READ"] },
            "method:/A/@x": { grant: [] },
          },
        },
      },
    };
    let err: unknown;
    try {
      Policy.parse(bad, "bad.json");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyError);
    const lines = (err as PolicyError).message.split("\n");
    const expected = [
      'bad.json: $.version: must be 1',
      'bad.json: $.extra: unknown property',
      'bad.json: $.subjects.alice: not a subject id',
      'bad.json: $.subjects["user:bob"].roles[0]: not a role name',
      'bad.json: $.entries.ops.subjects[2]: not a subject id',
      'bad.json: $.entries.ops.subjects[1]: duplicate of item 0',
      'bad.json: $.entries.ops.resources["thing:/x"]: not a resource path',
      'bad.json: $.entries.ops.resources["twin:/A//B"].grant[1]: must be one of "READ", "WRITE", "EXECUTE"',
      'bad.json: $.entries.ops.resources["method:/A/@x"]: missing property "revoke"',
      'bad.json: $.entries.ops.resources["twin:/A//B"]: segment 2 is empty',
      'bad.json: $.entries.ops.resources["twin:/A"].grant[0]: READ is also revoked',
      'bad.json: $.entries.ops.resources["method:/A/@x"]: attribute segment "@x" outside the twin kind',
      'bad.json: $.subjects["user:bob"].keys[0]: N=3 must be a power of two',
    ];
    for (const want of expected) expect(lines.some((l) => l.startsWith(want)), want).toBe(true);
    expect(lines).toHaveLength(expected.length);
    expect((err as PolicyError).problems).toHaveLength(expected.length);
    expect((err as PolicyError).path).toBe((err as PolicyError).problems[0]!.path);
  });

  it("policyFromFile: syntax errors and duplicate keys located", () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-"));
    try {
      const f = join(dir, "p.json");
      writeFileSync(f, '{"format": "twin-policy",\n "version": 1, "version": 1, "entries": {}}');
      expect(() => policyFromFile(f)).toThrow(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: \\$: line 2 column`));
      writeFileSync(f, JSON.stringify(doc({ e: { subjects: ["user:a"], resources: { "twin:/X": { grant: ["READ"], revoke: [] } } } })));
      expect(policyFromFile(f).has(subject("user:a"), "twin:/X/Y", "READ")).toBe(true);
      expect(() => policyFromFile(join(dir, "missing.json"))).toThrow(/missing\.json: \$: cannot be read \(ENOENT\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("schemas/policy.schema.json is the schema the code checks with, and accepts a valid policy", () => {
    const file = JSON.parse(readFileSync(new URL("../schemas/policy.schema.json", import.meta.url), "utf8"));
    expect(file).toEqual(JSON.parse(JSON.stringify(POLICY_SCHEMA)));
    const validate = new Ajv2020({ allErrors: true }).compile(file);
    const good = doc({ e: { subjects: ["user:a", "role:b"], resources: { "policy:/": { grant: ["READ"], revoke: [] } } } }, { "user:a": { roles: ["b"], keys: [hashKey("0123456789abcdef-key")] } });
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, version: 2 })).toBe(false);
  });
});

describe("keys", () => {
  it("hashKey / verifyKey", () => {
    const h = hashKey("correct horse battery staple");
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hashKey("correct horse battery staple")).not.toBe(h); // random salt
    expect(verifyKey("correct horse battery staple", h)).toBe(true);
    expect(verifyKey("correct horse battery stapler", h)).toBe(false);
    const i = h.length - 10;
    const tampered = h.slice(0, i) + (h[i] === "A" ? "B" : "A") + h.slice(i + 1);
    expect(verifyKey("correct horse battery staple", tampered)).toBe(false);
    expect(verifyKey("x", "scrypt$3$8$1$AAAA$BBBB")).toBe(false);
    expect(verifyKey("x", "bcrypt$whatever")).toBe(false);
    expect(() => hashKey("short")).toThrow(/at least 16 characters/);
  });
});

describe("tokens", () => {
  const secret = new Uint8Array(32).fill(7);
  const other = new Uint8Array(32).fill(8);

  it("issue and verify", async () => {
    const ts = await TokenService.create({ secret });
    const { token, expiresAt } = await ts.issue("user:alice", ["operator", "engineer"]);
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(await ts.verify(`Bearer ${token}`)).toEqual({ id: "user:alice", ids: ["user:alice", "role:operator", "role:engineer"] });
  });

  it("expired token refused", async () => {
    const ts = await TokenService.create({ secret });
    const now = Math.floor(Date.now() / 1000);
    // expired 60 s ago: beyond the 5 s clock tolerance whatever the clock does during the test
    const token = await new SignJWT({ roles: [] }).setProtectedHeader({ alg: "HS256" }).setSubject("user:a").setIssuer("twin").setAudience("twin-serve").setIssuedAt(now - 120).setExpirationTime(now - 60).sign(secret);
    await expect(ts.verify(`Bearer ${token}`)).rejects.toMatchObject({ reason: "expired" });
  });

  it("forged token (other secret) refused", async () => {
    const mine = await TokenService.create({ secret });
    const forger = await TokenService.create({ secret: other });
    const { token } = await forger.issue("user:mallory", ["engineer"]);
    await expect(mine.verify(`Bearer ${token}`)).rejects.toMatchObject({ reason: "invalid", message: "the token's signature does not verify" });
  });

  it("alg none and RS256 refused", async () => {
    const ts = await TokenService.create({ secret });
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: "user:a", roles: ["engineer"], iss: "twin", aud: "twin-serve", iat: now, exp: now + 600 };
    const none = `${base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }))}.${base64url.encode(JSON.stringify(claims))}.`;
    await expect(ts.verify(`Bearer ${none}`)).rejects.toBeInstanceOf(AuthError);
    await expect(ts.verify(`Bearer ${none}`)).rejects.toMatchObject({ reason: "invalid" });
    const { privateKey } = await generateKeyPair("RS256");
    const rs = await new SignJWT({ roles: ["engineer"] }).setProtectedHeader({ alg: "RS256" }).setSubject("user:a").setIssuer("twin").setAudience("twin-serve").setExpirationTime(now + 600).sign(privateKey);
    await expect(ts.verify(`Bearer ${rs}`)).rejects.toMatchObject({ reason: "invalid", message: "the token is not signed with HS256" });
  });

  it("wrong audience and issuer refused", async () => {
    const ts = await TokenService.create({ secret, audience: "plant-a" });
    const elsewhere = await TokenService.create({ secret, audience: "plant-b" });
    const { token } = await elsewhere.issue("user:a", []);
    await expect(ts.verify(`Bearer ${token}`)).rejects.toMatchObject({ reason: "invalid", message: expect.stringContaining("aud") });
    const otherIssuer = await TokenService.create({ secret, audience: "plant-a", issuer: "someone" });
    const t2 = (await otherIssuer.issue("user:a", [])).token;
    await expect(ts.verify(`Bearer ${t2}`)).rejects.toMatchObject({ reason: "invalid", message: expect.stringContaining("iss") });
  });

  it("missing and malformed headers", async () => {
    const ts = await TokenService.create({ secret });
    await expect(ts.verify(undefined)).rejects.toMatchObject({ reason: "missing" });
    await expect(ts.verify("")).rejects.toMatchObject({ reason: "missing" });
    const { token } = await ts.issue("user:a", []);
    await expect(ts.verify(token)).rejects.toMatchObject({ reason: "malformed" });
    await expect(ts.verify(`Basic ${token}`)).rejects.toMatchObject({ reason: "malformed" });
    await expect(ts.verify("Bearer not-a-jwt")).rejects.toMatchObject({ reason: "malformed" });
    await expect(ts.verify("Bearer a.b.c")).rejects.toMatchObject({ reason: "malformed" });
  });

  it("key exchange: right key gets a token with the subject's roles; wrong key and unknown subject the same error", async () => {
    const ts = await TokenService.create({ secret });
    const key = "runner-key-0123456789";
    const policy = Policy.parse(doc({ run: { subjects: ["role:runner"], resources: { "twin:/TestRig": { grant: ["WRITE"], revoke: [] } } } }, { "client:runner": { roles: ["runner"], keys: [hashKey(key)] }, "user:nokeys": { roles: ["runner"] } }), "k.json");
    const { token } = await ts.exchangeKey(policy, "client:runner", key);
    const who = await ts.verify(`Bearer ${token}`);
    expect(who).toEqual({ id: "client:runner", ids: ["client:runner", "role:runner"] });
    expect(policy.has(who, "twin:/TestRig/Motor/@Speed", "WRITE")).toBe(true);
    const wrong = await ts.exchangeKey(policy, "client:runner", key + "x").catch((e: unknown) => e);
    const unknown = await ts.exchangeKey(policy, "client:nobody", key).catch((e: unknown) => e);
    const nokeys = await ts.exchangeKey(policy, "user:nokeys", key).catch((e: unknown) => e);
    for (const e of [wrong, unknown, nokeys]) {
      expect(e).toBeInstanceOf(AuthError);
      expect(e).toMatchObject({ reason: "unknown-key", message: "unknown subject or wrong key" });
    }
  });

  it("loadOrCreateSecret: 32 bytes, mode 0600, the same on the second load", async () => {
    const dir = mkdtempSync(join(tmpdir(), "secret-"));
    try {
      const f = join(dir, "token.secret");
      const [a, b] = await Promise.all([TokenService.loadOrCreateSecret(f), TokenService.loadOrCreateSecret(f)]);
      expect(a.length).toBe(32);
      expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
      expect(statSync(f).mode & 0o777).toBe(0o600);
      expect(Buffer.from(await TokenService.loadOrCreateSecret(f)).equals(Buffer.from(a))).toBe(true);
      writeFileSync(f, "short", { mode: 0o600 });
      await expect(TokenService.loadOrCreateSecret(f)).rejects.toThrow(/holds 5 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
