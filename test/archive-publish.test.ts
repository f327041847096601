// twin archive publish and twin archive query --endpoint: packages into a SPARQL 1.1 store (Graph
// Store HTTP Protocol, one named graph per package) and queries there (SPARQL 1.1 Protocol), against a
// real Virtuoso started by the tests (test/helpers/virtuoso.js; Debian's virtuoso-opensource, skipped
// when not installed, required under CI=true). Also, without a store: HTTP Digest answers checked
// against the RFCs' examples, the result formats against Oxigraph's own writers, the query-form reader,
// and the errors of unreachable, failing, silent and authenticating servers.
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as oxigraph from "oxigraph";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { buildBag, type Files } from "../src/archive/bagit.js";
import { digestAuthorization, HttpAuth, parseChallenges } from "../src/archive/http-auth.js";
import { Endpoint } from "../src/archive/endpoint.js";
import { loadPackages, type QueryFormat, queryEndpoint, queryForm, queryStore } from "../src/archive/query.js";
import { formatSolutions, readResultsJson } from "../src/archive/sparql-results.js";
import { readPackage, writePackage } from "../src/archive/package.js";
import { CI, verdict } from "./helpers/engines.js";
import { startVirtuoso, virtuosoMissing } from "./helpers/virtuoso.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const TMP = mkdtempSync(join(tmpdir(), "twin-publish-test-"));
const EPOCH = "1767225600"; // 2026-01-01T00:00:00Z
const PW_ENV = "TWIN_ENDPOINT_PASSWORD";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `twin ARGS` in a child process, asynchronously (the tests' own HTTP servers keep answering meanwhile). */
function twin(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, TWIN_DEBUG: undefined, [PW_ENV]: undefined, SOURCE_DATE_EPOCH: EPOCH, ...env } });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (b) => (stdout += b));
    c.stderr.on("data", (b) => (stderr += b));
    c.on("error", reject);
    c.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** An HTTP server on a free loopback port answering with `handler`. */
async function server(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; server: Server; requests: { method: string; url: string; headers: IncomingMessage["headers"] }[] }> {
  const requests: { method: string; url: string; headers: IncomingMessage["headers"] }[] = [];
  const s = createServer((req, res) => {
    let body = "";
    req.on("data", (b) => (body += b));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, server: s, requests };
}

afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("HTTP Digest authentication (RFC 7616, RFC 2617)", () => {
  it("answers the RFCs' example challenges with the published responses", () => {
    // RFC 2617 §3.5
    const [c2617] = parseChallenges(`Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"`);
    const a = digestAuthorization({ challenge: c2617!, credentials: { user: "Mufasa", password: "Circle Of Life" }, method: "GET", uri: "/dir/index.html", nc: 1, cnonce: "0a4f113b" });
    expect(a).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(a).toContain("qop=auth, nc=00000001, cnonce=\"0a4f113b\"");
    expect(a).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    // RFC 7616 §3.9.1: one header with two challenges, SHA-256 preferred, then MD5
    const both = parseChallenges(
      `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", ` +
        `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
    );
    expect(both.map((c) => c.params.algorithm)).toEqual(["SHA-256", "MD5"]);
    const answer = (i: number) => digestAuthorization({ challenge: both[i]!, credentials: { user: "Mufasa", password: "Circle of Life" }, method: "GET", uri: "/dir/index.html", nc: 1, cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ" });
    expect(answer(0)).toContain('response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"');
    expect(answer(1)).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
    // a wrong password gives another response
    expect(digestAuthorization({ challenge: c2617!, credentials: { user: "Mufasa", password: "Circle of Life" }, method: "GET", uri: "/dir/index.html", nc: 1, cnonce: "0a4f113b" })).not.toContain("6629fae4");
  });

  it("answers the strongest Digest challenge offered, reuses its nonce, and sends credentials only where it applies", () => {
    const auth = new HttpAuth({ user: "u", password: "p" });
    const url = new URL("http://127.0.0.1:8890/sparql-graph-crud-auth?graph=urn%3Ax");
    const offer = 'Digest realm="r", nonce="n1", qop="auth", algorithm=MD5, domain="/sparql-graph-crud-auth", Digest realm="r", nonce="n2", qop="auth", algorithm=SHA-256, domain="/sparql-graph-crud-auth"';
    expect(auth.header("PUT", url)).toBeUndefined(); // nothing known yet
    expect(auth.accept(offer, url, undefined)).toBe(true);
    const h = auth.header("PUT", url)!;
    expect(h).toMatch(/^Digest username="u", realm="r", nonce="n2", uri="\/sparql-graph-crud-auth\?graph=urn%3Ax", response="[0-9a-f]{64}", algorithm=SHA-256, qop=auth, nc=00000001, cnonce="[0-9a-f]{24}"$/);
    expect(auth.header("PUT", url)).toContain("nc=00000002");
    expect(auth.header("POST", new URL("http://127.0.0.1:8890/sparql"))).toBeUndefined(); // outside the domain
    expect(auth.header("PUT", new URL("http://127.0.0.2:8890/sparql-graph-crud-auth"))).toBeUndefined(); // another origin
    // a new challenge after credentials sent with a fresh nonce: rejected; stale, or a reused nonce the server dropped: try again
    expect(auth.accept('Digest realm="r", nonce="n3", qop="auth"', url, 'Digest username="u", nc=00000001, cnonce="c"')).toBe(false);
    expect(auth.accept('Digest realm="r", nonce="n4", qop="auth", stale=true', url, 'Digest username="u", nc=00000001, cnonce="c"')).toBe(true);
    expect(auth.accept('Digest realm="r", nonce="n5", qop="auth"', url, 'Digest username="u", qop=auth, nc=00000003')).toBe(true);
    // Basic sends the password in clear: only over https or to loopback
    expect(() => new HttpAuth({ user: "u", password: "p" }).accept('Basic realm="r"', new URL("http://example.org/sparql"), undefined)).toThrow(/in clear text; use https/);
    expect(new HttpAuth({ user: "u", password: "p" }).accept('Basic realm="r"', new URL("https://example.org/sparql"), undefined)).toBe(true);
    expect(() => new HttpAuth({ user: "u", password: "p" }).accept('Bearer realm="r"', url, undefined)).toThrow(/does not speak \(bearer\)/);
  });

  it("parses challenges with quoted commas, several schemes and token68", () => {
    expect(parseChallenges('Basic realm="a, \\"b\\"", Negotiate abc==, Digest nonce=x, qop="auth"')).toEqual([
      { scheme: "basic", params: { realm: 'a, "b"' } },
      { scheme: "negotiate", params: {} },
      { scheme: "digest", params: { nonce: "x", qop: "auth" } },
    ]);
  });
});

describe("the query form (SPARQL 1.1 Query §19.8: Prologue, then the form)", () => {
  it("reads past comments, BASE and PREFIX (an IRI may hold '#') and refuses updates", () => {
    expect(queryForm("  # a comment\nPREFIX twin: <https://w3id.org/twin/archive#> BASE <http://x/#y>\n prefix : <urn:a#>\nselect * { ?s ?p ?o }")).toBe("select");
    expect(queryForm("ASK{}")).toBe("ask");
    expect(queryForm("PREFIX a: <urn:x>\nCONSTRUCT WHERE { ?s ?p ?o }")).toBe("construct");
    expect(queryForm("describe <urn:x>")).toBe("describe");
    expect(queryForm("INSERT DATA { <urn:a> <urn:b> <urn:c> }")).toBeUndefined();
    expect(queryForm("PREFIX a: <urn:x> DELETE WHERE { ?s ?p ?o }")).toBeUndefined();
    expect(queryForm("# SELECT\nDROP ALL")).toBeUndefined();
    expect(queryForm("PREFIX a <urn:x> SELECT * {}")).toBeUndefined();
  });
});

describe("result formats: one writer for both engines", () => {
  it("writes SPARQL 1.1 JSON and CSV byte for byte as Oxigraph's own writers do", () => {
    const store = new oxigraph.Store();
    store.load(
      `<http://a> <http://b> "x,y\\"z"@en . <http://a> <http://c> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
       _:n <http://b> "l1\\nl2" . <http://a> <http://d> "2.1e11"^^<http://www.w3.org/2001/XMLSchema#double> . <http://a> <http://e> "plain" .`,
      { format: "text/turtle", to_graph_name: oxigraph.namedNode("urn:g") },
    );
    const q = "SELECT ?s ?p ?o ?unbound WHERE { ?s ?p ?o OPTIONAL { ?s <http://none> ?unbound } } ORDER BY ?p ?o";
    const opts = { use_default_graph_as_union: true };
    const s = queryStore(store, q);
    expect(formatSolutions(s, "json").text).toBe((store.query(q, { ...opts, results_format: "application/sparql-results+json" }) as string) + "\n");
    expect(formatSolutions(s, "csv").text).toBe(store.query(q, { ...opts, results_format: "text/csv" }) as string);
    expect(formatSolutions(queryStore(store, "ASK { ?s ?p 1 }"), "json").text).toBe((store.query("ASK { ?s ?p 1 }", { ...opts, results_format: "application/sparql-results+json" }) as string) + "\n");
  });

  it("reads Virtuoso's answers: SPARQL 1.0 typed-literal, and ASK answered as a one-variable SELECT", () => {
    const v = `{ "head": { "link": [], "vars": ["n", "s"] }, "results": { "distinct": false, "ordered": true, "bindings": [
      { "n": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "3" }, "s": { "type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#string", "value": "a" } } ] } }`;
    expect(formatSolutions(readResultsJson(v, "v"), "json").text).toBe('{"head":{"vars":["n","s"]},"results":{"bindings":[{"n":{"type":"literal","value":"3","datatype":"http://www.w3.org/2001/XMLSchema#integer"},"s":{"type":"literal","value":"a"}}]}}\n');
    const yes = `{ "head": { "link": [], "vars": ["__ASK_RETVAL"] }, "results": { "bindings": [ { "__ASK_RETVAL": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1" } } ] } }`;
    const no = `{ "head": { "link": [], "vars": ["__ASK_RETVAL"] }, "results": { "bindings": [ ] } }`;
    expect(readResultsJson(yes, "v", true)).toEqual({ form: "ask", boolean: true });
    expect(readResultsJson(no, "v", true)).toEqual({ form: "ask", boolean: false });
    // a SELECT that happens to name its variable so stays a SELECT
    expect(readResultsJson(no, "v", false).form).toBe("select");
  });
});

describe("errors of the store, without a store", () => {
  const pkgless = ["archive", "query", "--endpoint"];

  it("an unreachable store, a failing one (status and body), a silent one (timeout), one asking for credentials", async () => {
    // a port nobody listens on: taken, then released
    const { url: closed, server: tmp } = await server(() => {});
    await new Promise((r) => tmp.close(r));
    const a = await twin([...pkgless, `${closed}/sparql`, "ASK {}"]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/cannot reach the store: connection refused/);

    const failing = await server((_req, res) => {
      res.writeHead(500, { "content-type": "text/html" });
      res.end("<html><body><h1>Internal failure</h1><p>the disk is full</p></body></html>");
    });
    const silent = await server(() => {}); // never answers
    const guarded = await server((_req, res) => {
      res.writeHead(401, { "www-authenticate": 'Digest realm="store", nonce="abc", qop="auth"' });
      res.end();
    });
    // Virtuoso's answers when a server limit cut the result (headers as Virtuoso 7.2 sends them)
    const capped = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/sparql-results+json", "x-sparql-maxrows": "5" });
      res.end('{"head":{"vars":["s"]},"results":{"bindings":[]}}');
    });
    const anytime = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/sparql-results+json", "x-sql-state": "S1TAT", "x-sql-message": "RC...: Returning incomplete results, query interrupted by result timeout." });
      res.end('{"head":{"vars":["s"]},"results":{"bindings":[]}}');
    });
    // not a SPARQL service at all: a web page
    const page = await server((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Welcome to our intranet</body></html>");
    });
    const exotic = await server((_req, res) => {
      res.writeHead(401, { "www-authenticate": "Bearer realm=x" });
      res.end();
    });
    try {
      const b = await twin([...pkgless, `${failing.url}/sparql`, "ASK {}"]);
      expect(b.code).toBe(1);
      expect(b.stderr).toContain(`${failing.url}/sparql: query failed: HTTP 500: Internal failure the disk is full`);
      const c = await twin([...pkgless, `${silent.url}/sparql`, "ASK {}", "--timeout", "0.5"]);
      expect(c.code).toBe(1);
      expect(c.stderr).toContain(`${silent.url}/sparql: no answer within 0.5 s (--timeout)`);
      const d = await twin([...pkgless, `${guarded.url}/sparql`, "ASK {}"]);
      expect(d.code).toBe(1);
      expect(d.stderr).toContain("HTTP 401: the store asks for credentials (--user, and --password or TWIN_ENDPOINT_PASSWORD)");
      // with credentials: answered once, then the credentials are rejected (no endless retries)
      const e = await twin([...pkgless, `${guarded.url}/sparql`, "ASK {}", "--user", "u"], { [PW_ENV]: "p" });
      expect(e.code).toBe(1);
      expect(e.stderr).toContain('the store refused the credentials of user "u" (wrong user or password)');
      expect(guarded.requests.length).toBe(3); // no credentials; none (the second run's first); with credentials
      expect(guarded.requests[2]!.headers.authorization).toMatch(/^Digest username="u", realm="store", nonce="abc", uri="\/sparql", response="[0-9a-f]{32}", qop=auth, nc=00000001, cnonce="[0-9a-f]+"$/);
      const f = await twin([...pkgless, `${exotic.url}/sparql`, "ASK {}", "--user", "u"], { [PW_ENV]: "p" });
      expect(f.stderr).toContain("asks for authentication schemes this client does not speak (bearer); supported: Digest, Basic");
      const w = await twin([...pkgless, `${page.url}/sparql`, "SELECT * {}"]);
      expect(w.code).toBe(1);
      expect(w.stderr).toContain(`${page.url}/sparql: answered with text/html, not application/sparql-results+json: Welcome to our intranet`);
      const g = await twin([...pkgless, `${capped.url}/sparql`, "SELECT ?s WHERE { ?s ?p ?o }"]);
      expect(g.code).toBe(1);
      expect(g.stderr).toContain("the store stopped at its limit of 5 result rows, so rows may be missing");
      const h = await twin([...pkgless, `${anytime.url}/sparql`, "SELECT ?s WHERE { ?s ?p ?o }"]);
      expect(h.code).toBe(1);
      expect(h.stderr).toContain("the store returned incomplete results (X-SQL-State S1TAT: RC...: Returning incomplete results");
    } finally {
      const all = [failing, silent, guarded, exotic, capped, anytime, page];
      for (const s of all) s.server.closeAllConnections();
      for (const s of all) s.server.close();
    }
  });

  it("answers a Basic challenge on loopback; refuses a redirect; rejects bad options", async () => {
    let seen = "";
    const basic = await server((req, res) => {
      if (req.headers.authorization !== `Basic ${Buffer.from("ann:s3cret").toString("base64")}`) {
        res.writeHead(401, { "www-authenticate": 'Basic realm="store"' });
        res.end();
        return;
      }
      seen = req.headers["content-type"] ?? "";
      res.writeHead(200, { "content-type": "application/sparql-results+json" });
      res.end('{"head":{},"boolean":true}');
    });
    const moved = await server((_req, res) => {
      res.writeHead(301, { location: "https://elsewhere.example/sparql" });
      res.end();
    });
    try {
      const a = await twin([...pkgless, `${basic.url}/sparql`, "ASK {}", "--user", "ann"], { [PW_ENV]: "s3cret" });
      expect(a.stderr).toBe("");
      expect(a.stdout).toBe("true\n");
      expect(seen).toBe("application/x-www-form-urlencoded"); // SPARQL 1.1 Protocol §2.1.2
      const b = await twin([...pkgless, `${moved.url}/sparql`, "ASK {}"]);
      expect(b.code).toBe(1);
      expect(b.stderr).toContain("HTTP 301 redirects to https://elsewhere.example/sparql; give that URL instead");
    } finally {
      basic.server.close();
      moved.server.close();
    }
    const usage = async (args: string[], message: string, env: Record<string, string> = {}) => {
      const r = await twin(args, env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    };
    await usage(["archive", "query", "--endpoint", "ftp://x/sparql", "ASK {}"], "--endpoint: an http or https URL expected");
    await usage(["archive", "query", "--endpoint", "http://u:p@x/sparql", "ASK {}"], "give credentials with --user and TWIN_ENDPOINT_PASSWORD, not in the URL");
    await usage(["archive", "query", "--endpoint", "http://127.0.0.1:9/sparql", "ASK {}", "--user", "u"], "--user u: no password");
    await usage(["archive", "query", "x.zip", "ASK {}", "--user", "u"], "--user needs --endpoint");
    await usage(["archive", "query", "--endpoint", "http://127.0.0.1:9/sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "query: not a SPARQL query");
    await usage(["archive", "publish", "x", "--endpoint", "http://127.0.0.1:9/query"], "--graph-store URL is needed");
    await usage(["archive", "publish", "--endpoint", "http://127.0.0.1:9/sparql"], "missing PKG");
  });
});

// ---------------------------------------------------------------------------------------------------
// Against a real store

const missing = virtuosoMissing();
let v: Awaited<ReturnType<typeof startVirtuoso>> | undefined;
const P1 = join(TMP, "rig"); // the demo's models: Modelica package, AutomationML plant and library, rotor model, a modal run
const P2 = join(TMP, "compressor.zip"); // another machine: the compressor rotor model, an unbalance run
const BAD = join(TMP, "rig-tampered");
const FORGED = join(TMP, "compressor-forged");

function needVirtuoso(ctx: TestContext): void {
  const d = verdict(missing === undefined ? [] : [missing], CI);
  if (d.action === "fail") throw new Error(d.message);
  if (d.action === "skip") ctx.skip(d.message);
  if (!v) throw new Error("Virtuoso did not start (see beforeAll)");
}

/** Rewrites the manifests of a bag directory after its payload or bag-info changed (a careful forger). */
function rebag(dir: string, edit: (info: Record<string, string>, payload: Files) => void): void {
  const files = readPackage(dir);
  const payload: Files = new Map();
  for (const [p, b] of files) if (p.startsWith("data/")) payload.set(p.slice(5), b);
  const info = Object.fromEntries(new TextDecoder().decode(files.get("bag-info.txt")!).trim().split("\n").map((l) => [l.split(": ")[0]!, l.slice(l.indexOf(": ") + 2)]));
  edit(info, payload);
  const bag = buildBag(payload, { software: info["Bag-Software-Agent"]!, baggingDate: info["Bagging-Date"]!, externalIdentifier: info["External-Identifier"]!, description: info["External-Description"]! });
  rmSync(dir, { recursive: true });
  writePackage(dir, bag, false, Number(EPOCH));
}

beforeAll(async () => {
  if (missing !== undefined) return;
  const rigRun = join(TMP, "modal.json");
  writeFileSync(rigRun, JSON.stringify({ id: "modal", argv: ["rotor", "modal", join(ROOT, "models", "test-rig.json"), "--speeds", "0,300", "--json"] }));
  const compRun = join(TMP, "unbalance.json");
  writeFileSync(compRun, JSON.stringify({ id: "unbalance", argv: ["rotor", "unbalance", join(ROOT, "models", "compressor.json"), "--unbalance", "20:1e-4:0", "--freqs", "0:800:200", "--probe", "20:x", "--json"] }));
  const [a, b] = await Promise.all([
    twin(["archive", "create", "--modelica", join(ROOT, "models/modelica/RotorRig"), "--aml", join(ROOT, "models/aml/test-rig.aml"), "--aml", join(ROOT, "models/aml/twin-library.aml"), "--rotor", join(ROOT, "models/test-rig.json"), "--run", rigRun, "-o", P1]),
    twin(["archive", "create", "--rotor", join(ROOT, "models/compressor.json"), "--run", compRun, "--zip", "-o", P2]),
  ]);
  expect(a.stderr + b.stderr).toBe("");
  expect([a.code, b.code]).toEqual([0, 0]);
  v = await startVirtuoso();
}, 240_000);

afterAll(async () => {
  await v?.stop();
});

/** `twin archive publish ... --endpoint` as the test's Virtuoso user (password in the environment). */
const publish = (pkgs: string[], more: string[] = [], password?: string) =>
  twin(["archive", "publish", ...pkgs, "--endpoint", v!.endpoint, "--user", v!.user, "--json", ...more], { [PW_ENV]: password ?? v!.password });
/** The first publication of both packages (the tests that need them published call it; it runs once). */
let first: Promise<Run> | undefined;
const publishedOnce = (): Promise<Run> => (first ??= publish([P1, P2]));
const remote = (args: string[]) => twin(["archive", "query", "--endpoint", v!.endpoint, ...args]);
const local = (args: string[]) => twin(["archive", "query", ...args]);
const T = "PREFIX twin: <https://w3id.org/twin/archive#> PREFIX rotor: <https://w3id.org/twin/rotor#> PREFIX prov: <http://www.w3.org/ns/prov#> ";

async function graphTriples(): Promise<Map<string, number>> {
  const r = await remote([`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/twin/archive/package/")) } GROUP BY ?g`, "--format", "json"]);
  expect(r.stderr).toBe("");
  return new Map(JSON.parse(r.stdout).results.bindings.map((b: any) => [b.g.value, Number(b.n.value)]));
}

const iriOf = (pkg: string): string => /External-Identifier: (\S+)/.exec(new TextDecoder().decode(readPackage(pkg).get("bag-info.txt")!))![1]!;

describe("twin archive publish into Virtuoso", () => {
  it("refuses a package that fails verification, naming it and the check, and publishes nothing", async (ctx) => {
    needVirtuoso(ctx);
    cpSync(P1, BAD, { recursive: true });
    const f = join(BAD, "data/sources/rotor/test-rig.json");
    writeFileSync(f, readFileSync(f, "utf8").replace('"rho": 7850', '"rho": 7851'));
    const before = await graphTriples();
    expect(before.has(iriOf(P2))).toBe(false);
    const r = await publish([P2, BAD]);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout);
    expect(rep.ok).toBe(false);
    expect(rep.refused.map((x: any) => x.package)).toEqual([BAD]);
    expect(rep.refused[0].failed).toContain("fixity");
    expect(JSON.stringify(rep.refused[0].problems)).toContain("data/sources/rotor/test-rig.json");
    expect(rep.published).toEqual([]);
    // the text report names it too
    const t = await twin(["archive", "publish", P2, BAD, "--endpoint", v!.endpoint, "--user", v!.user], { [PW_ENV]: v!.password });
    expect(t.stdout).toContain(`REFUSED    ${BAD}: fixity`);
    expect(t.stdout).toContain("NOT PUBLISHED");
    expect(await graphTriples()).toEqual(before);
  });

  it("refuses a package whose declared identity is not the one its graph and crate record, and unsigned ones with --key", async (ctx) => {
    needVirtuoso(ctx);
    cpSync(P1, FORGED, { recursive: true });
    // a forger claims the compressor package's graph for the rig, and rewrites every manifest
    rebag(FORGED, (info) => void (info["External-Identifier"] = iriOf(P2)));
    const before = await graphTriples();
    const r = await publish([FORGED]);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout);
    expect(rep.refused[0].failed).toEqual(["identity"]);
    expect(JSON.stringify(rep.refused[0].problems)).toMatch(/does not describe the package .* as a twin:Package/);
    // --key: only packages signed by that key (the compressor package is not signed)
    const pub = join(TMP, "pub.pem");
    writeFileSync(pub, generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }));
    const k = await publish([P2], ["--key", pub]);
    expect(k.code).toBe(1);
    expect(JSON.parse(k.stdout).refused[0].failed).toEqual(["signature"]);
    expect(await graphTriples()).toEqual(before);
  });

  it("publishes two packages, each the named graph of its IRI, with every triple of its graph", async (ctx) => {
    needVirtuoso(ctx);
    const r = await publishedOnce();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.ok).toBe(true);
    expect(rep.graphStore).toBe(v!.graphStoreAuth);
    expect(rep.published.map((p: any) => [p.package, p.graph, p.httpStatus])).toEqual([
      [P1, iriOf(P1), 201],
      [P2, iriOf(P2), 201],
    ]);
    // the store holds exactly the package graphs' triples (Oxigraph's count of the same Turtle)
    const held = await graphTriples();
    for (const pkg of [P1, P2]) {
      const ox = new oxigraph.Store();
      ox.load(new TextDecoder().decode(readPackage(pkg).get("data/graph/twin.ttl")!), { format: "text/turtle" });
      expect(held.get(iriOf(pkg))).toBe(ox.size);
      expect(rep.published.find((p: any) => p.package === pkg).triples).toBe(ox.size);
    }
  });

  it("queries across both packages in the store", async (ctx) => {
    needVirtuoso(ctx);
    await publishedOnce();
    const r = await remote([`${T} SELECT ?g (COUNT(?r) AS ?runs) WHERE { GRAPH ?g { ?r a twin:Run } } GROUP BY ?g ORDER BY ?g`, "--format", "csv"]);
    expect(r.stderr).toBe("");
    const expected = [[iriOf(P1), 2], [iriOf(P2), 2]].sort().map(([g, n]) => `${g},${n}\r\n`).join("");
    expect(r.stdout).toBe(`g,runs\r\n${expected}`);
    // a join across the two graphs: both packages ran the same core
    const j = await remote([`${T} SELECT ?core (COUNT(DISTINCT ?g) AS ?packages) WHERE { GRAPH ?g { ?p a twin:Package ; twin:core ?core } GRAPH ?h { ?q a twin:Package ; twin:core ?core } FILTER(?g != ?h) } GROUP BY ?core`, "--format", "json"]);
    const rows = JSON.parse(j.stdout).results.bindings;
    expect(rows.length).toBe(1);
    expect(rows[0].packages.value).toBe("2");
    expect(rows[0].core.value).toMatch(/^https:\/\/w3id.org\/twin\/core\/sha256\/[0-9a-f]{64}$/);
    // ASK and the dataset of named packages only
    expect((await remote([`${T} ASK { ?r twin:runId "unbalance" }`])).stdout).toBe("true\n");
    expect((await remote([P1, `${T} ASK { ?r twin:runId "unbalance" }`])).stdout).toBe("false\n");
  });

  it("publishing again is idempotent: the same graphs, the same triples", async (ctx) => {
    needVirtuoso(ctx);
    await publishedOnce();
    const dump = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${iriOf(P2)}> { ?s ?p ?o } }`;
    const before = await graphTriples();
    const nt = (await remote([dump])).stdout;
    const r = await publish([P2, P1]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).published.map((p: any) => p.httpStatus)).toEqual([200, 200]); // replaced, not created
    expect(await graphTriples()).toEqual(before);
    expect((await remote([dump])).stdout).toBe(nt);
    expect(nt.split("\n").length).toBeGreaterThan(100);
  });

  it("gives the same results in memory and in the store, up to the store's lexical forms of numbers and booleans", async (ctx) => {
    needVirtuoso(ctx);
    await publishedOnce();
    /** a term by value: numbers by their IEEE-754 double, booleans by truth, everything else exactly */
    const byValue = (t: any): string => {
      if (!t) return "unbound";
      if (t.type === "literal" && /#(integer|int|long|short|decimal|double|float|nonNegativeInteger)$/.test(t.datatype ?? "")) return `number ${Number(t.value)}`;
      if (t.type === "literal" && /#boolean$/.test(t.datatype ?? "")) return `boolean ${t.value === "true" || t.value === "1"}`;
      return JSON.stringify([t.type, t.value, t.datatype ?? null, t["xml:lang"] ?? null]);
    };
    const queries = [
      `${T} SELECT ?g ?id ?command ?argv WHERE { GRAPH ?g { ?r a twin:Run ; twin:runId ?id . OPTIONAL { ?r twin:command ?command ; twin:argv ?argv } } } ORDER BY ?g ?id`,
      `${T} SELECT ?g ?path ?sha ?size WHERE { GRAPH ?g { ?f a twin:SourceFile ; twin:path ?path ; twin:sha256 ?sha ; twin:byteSize ?size } } ORDER BY ?g ?path`,
      `${T} SELECT ?model ?key ?value WHERE { ?model a rotor:Material ; ?key ?value FILTER(isLiteral(?value)) } ORDER BY ?model ?key`,
      `${T} PREFIX aml: <https://w3id.org/twin/aml#> SELECT ?element ?model WHERE { ?e twin:realisedBy ?model ; aml:name ?element } ORDER BY ?element ?model`,
      `${T} SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }`,
    ];
    // in-process (the CLI's paths are the same functions; one table through the CLI below)
    const ep = new Endpoint({ query: new URL(v!.endpoint), timeoutMs: 60_000 });
    const { store } = loadPackages([P1, P2]);
    const inMemory = (q: string, f: QueryFormat) => formatSolutions(queryStore(store, q), f).text;
    const inStore = async (q: string, f: QueryFormat) => (await queryEndpoint(ep, [P1, P2], q, f)).text;
    let lexicalDifferences = 0;
    for (const q of queries) {
      const a = JSON.parse(inMemory(q, "json"));
      const b = JSON.parse(await inStore(q, "json"));
      expect(b.head.vars).toEqual(a.head.vars);
      expect(a.results.bindings.length).toBeGreaterThan(0);
      const rows = (doc: any) => doc.results.bindings.map((r: any) => doc.head.vars.map((x: string) => byValue(r[x])).join(" | "));
      expect(rows(b)).toEqual(rows(a));
      lexicalDifferences += a.results.bindings.filter((r: any, i: number) => JSON.stringify(r) !== JSON.stringify(b.results.bindings[i])).length;
    }
    // the material query returns E = 2.1e11 etc.: Oxigraph writes 210000000000, Virtuoso 2.1e+11
    expect(lexicalDifferences).toBeGreaterThan(0);
    // strings and IRIs come back byte for byte, in every format
    const c = `${T} CONSTRUCT { ?r twin:runId ?id ; twin:argv ?argv } WHERE { ?r a twin:Run ; twin:runId ?id OPTIONAL { ?r twin:argv ?argv } }`;
    expect(await inStore(c, "json")).toBe(inMemory(c, "json"));
    expect(inMemory(c, "json").split("\n").filter((l) => l).length).toBe(6); // 4 runs (2 self-check runs), 2 with argv
    const t = `${T} SELECT DISTINCT ?g ?id ?sha WHERE { GRAPH ?g { ?r twin:runId ?id } ?g twin:core ?c . ?c twin:sha256 ?sha } ORDER BY ?g ?id`;
    for (const f of ["json", "csv", "table"] as const) expect(await inStore(t, f)).toBe(inMemory(t, f));
    expect(inMemory(t, "table")).toMatch(/\(4 rows\)\n$/);
    expect(await inStore("ASK { ?s ?p 2.1e11 }", "json")).toBe(inMemory("ASK { ?s ?p 2.1e11 }", "json"));
    expect(inMemory("ASK { ?s ?p 2.1e11 }", "csv")).toBe("_askResult\r\ntrue\r\n");
    // and through the CLI
    const [x, y] = await Promise.all([local([P1, P2, t]), remote([P1, P2, t])]);
    expect(y.stdout).toBe(x.stdout);
    expect(x.stdout).toBe(inMemory(t, "table"));
  });

  it("reports wrong credentials, and a write refused by the store, clearly", async (ctx) => {
    needVirtuoso(ctx);
    const r = await publish([P2], [], "not-the-password");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`twin archive publish: error: ${v!.graphStoreAuth}: HTTP 401: the store refused the credentials of user "twin" (wrong user or password)\n`);
    // no credentials: Virtuoso's anonymous Graph Store service, where the SPARQL user may not write
    const a = await twin(["archive", "publish", P2, "--endpoint", v!.endpoint]);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(`${v!.graphStore}: PUT of graph <${iriOf(P2)}> failed: HTTP 403`);
    expect(a.stderr).toContain("SPARQL_UPDATE");
    expect(a.stderr).toMatch(/Permission denied/);
  });

  it("never sends an update through the query service", async (ctx) => {
    needVirtuoso(ctx);
    await publishedOnce();
    const before = await graphTriples();
    const r = await remote([`DROP GRAPH <${iriOf(P1)}>`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^query: not a SPARQL query/);
    expect(await graphTriples()).toEqual(before);
    // a syntax error comes back from the store as a located query error
    const bad = await remote(["SELECT ?x WHERE {"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^query: .*syntax error/);
  });
});
