// HTTP authentication for SPARQL stores: the Digest scheme (RFC 7616, which obsoletes RFC 2617) and
// the Basic scheme (RFC 7617). A client answers the server's challenge (WWW-Authenticate on a 401):
//
//   Digest (RFC 7616 §3.4.1): response = KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2)),
//     KD(secret, data) = H(secret ":" data), H = the challenge's algorithm (MD5, SHA-256, SHA-512-256);
//     A1 = username ":" realm ":" password (for the "-sess" variants: H(that) ":" nonce ":" cnonce, §3.4.2);
//     A2 = method ":" request-uri (qop=auth), or with ":" H(entity-body) appended (qop=auth-int, §3.4.3);
//     without qop (RFC 2069 compatibility, RFC 2617 §3.2.2.1): response = KD(H(A1), nonce ":" H(A2)).
//   Basic (RFC 7617 §2): "Basic " base64(user ":" password), UTF-8.
//
// Virtuoso's authenticated endpoints (/sparql-auth, /sparql-graph-crud-auth) ask for Digest with MD5
// and qop="auth"; Fuseki and GraphDB usually ask for Basic.
import { TwinError } from "../errors.js";
import { createHash, randomBytes } from "node:crypto";

export interface Credentials {
  user: string;
  password: string;
}

/** One challenge of a WWW-Authenticate header: its scheme and auth-params (names in lower case). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PARAM = new RegExp(`^(${TOKEN})[ \\t]*=[ \\t]*("(?:[^"\\\\]|\\\\.)*"|${TOKEN})$`, "s");
const SCHEME = new RegExp(`^(${TOKEN})(?:[ \\t]+(.*))?$`, "s");

/** Splits a header value at the commas outside quoted strings. */
function elements(header: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inQuotes = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i]!;
    if (inQuotes && ch === "\\" && i + 1 < header.length) {
      cur += ch + header[++i];
      continue;
    }
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === "," && !inQuotes) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.filter((e) => e !== "");
}

/**
 * Parses a WWW-Authenticate value into its challenges (RFC 9110 §11.6.1: challenge = auth-scheme
 * [ 1*SP ( token68 / #auth-param ) ], auth-param = token BWS "=" BWS ( token / quoted-string )).
 * Elements that are neither a scheme nor an auth-param of one are ignored.
 */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  const param = (c: Challenge, text: string): boolean => {
    const m = PARAM.exec(text);
    if (!m) return false;
    const v = m[2]!;
    c.params[m[1]!.toLowerCase()] = v.startsWith('"') ? v.slice(1, -1).replace(/\\(.)/gs, "$1") : v;
    return true;
  };
  for (const el of elements(header)) {
    const last = out[out.length - 1];
    if (PARAM.test(el)) {
      if (last) param(last, el);
      continue;
    }
    const m = SCHEME.exec(el);
    if (!m) continue;
    const c: Challenge = { scheme: m[1]!.toLowerCase(), params: {} };
    out.push(c);
    if (m[2] !== undefined) param(c, m[2].trim()); // otherwise a token68, which Digest and Basic do not use
  }
  return out;
}

const HASHES: Record<string, string> = { md5: "md5", "sha-256": "sha256", "sha-512-256": "sha512-256" };

/** The digest algorithms this client answers (RFC 7616 §6.1 registry), upper case as on the wire. */
export const DIGEST_ALGORITHMS = ["MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess"] as const;

/** HTTP authentication with the store failed (no usable challenge, credentials refused). */
export class AuthError extends TwinError {
  constructor(message: string) {
    super(message);
  }
}

function hex(alg: string, data: string | Uint8Array): string {
  return createHash(alg).update(data).digest("hex");
}

export interface DigestInput {
  challenge: Challenge;
  credentials: Credentials;
  method: string;
  /** request-target: path and query as sent */
  uri: string;
  /** nonce count, 1 for the first request with this nonce */
  nc: number;
  cnonce: string;
  /** the request body (for qop=auth-int) */
  body?: Uint8Array;
}

const quote = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** The Authorization header value answering a Digest challenge (RFC 7616 §3.4). */
export function digestAuthorization(d: DigestInput): string {
  const p = d.challenge.params;
  const algorithm = p.algorithm ?? "MD5";
  const base = algorithm.toLowerCase().replace(/-sess$/, "");
  const alg = HASHES[base];
  if (!alg) throw new AuthError(`the server asks for Digest algorithm ${algorithm}; supported: ${DIGEST_ALGORITHMS.join(", ")}`);
  const realm = p.realm ?? "";
  const nonce = p.nonce;
  if (nonce === undefined) throw new AuthError("the server's Digest challenge has no nonce");
  const offered = (p.qop ?? "").split(",").map((q) => q.trim().toLowerCase()).filter((q) => q !== "");
  const qop = offered.includes("auth") ? "auth" : offered.includes("auth-int") ? "auth-int" : offered.length === 0 ? undefined : null;
  if (qop === null) throw new AuthError(`the server asks for Digest qop ${p.qop}; supported: auth, auth-int`);
  const nc = d.nc.toString(16).padStart(8, "0");
  const hashUser = /^true$/i.test(p.userhash ?? "");
  let ha1 = hex(alg, `${d.credentials.user}:${realm}:${d.credentials.password}`);
  if (/-sess$/i.test(algorithm)) ha1 = hex(alg, `${ha1}:${nonce}:${d.cnonce}`);
  const ha2 = hex(alg, qop === "auth-int" ? `${d.method}:${d.uri}:${hex(alg, d.body ?? new Uint8Array())}` : `${d.method}:${d.uri}`);
  const response = qop === undefined ? hex(alg, `${ha1}:${nonce}:${ha2}`) : hex(alg, `${ha1}:${nonce}:${nc}:${d.cnonce}:${qop}:${ha2}`);
  const fields = [
    `username=${quote(hashUser ? hex(alg, `${d.credentials.user}:${realm}`) : d.credentials.user)}`,
    `realm=${quote(realm)}`,
    `nonce=${quote(nonce)}`,
    `uri=${quote(d.uri)}`,
    `response=${quote(response)}`,
    ...(p.algorithm !== undefined ? [`algorithm=${algorithm}`] : []),
    ...(p.opaque !== undefined ? [`opaque=${quote(p.opaque)}`] : []),
    ...(qop !== undefined ? [`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(d.cnonce)}`] : []),
    ...(hashUser ? ["userhash=true"] : []),
  ];
  return `Digest ${fields.join(", ")}`;
}

/** The Authorization header value of the Basic scheme (RFC 7617 §2, UTF-8). */
export function basicAuthorization(c: Credentials): string {
  if (c.user.includes(":")) throw new AuthError("a Basic user name cannot contain ':' (RFC 7617 §2)");
  return `Basic ${Buffer.from(`${c.user}:${c.password}`, "utf8").toString("base64")}`;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Answers the challenges of one server for one set of credentials. A Digest nonce is reused with an
 * increasing nonce count until the server challenges again (stale or expired): RFC 7616 §3.4 lets a
 * client send credentials with a known nonce before being asked, which saves a round trip (and a
 * re-upload of a graph) per request.
 */
export class HttpAuth {
  private digest: Challenge | undefined;
  private basic = false;
  private nc = 0;
  /** the URLs the known challenge covers */
  private space: URL[] = [];

  constructor(readonly credentials: Credentials) {}

  /**
   * The Authorization header for a request, when a challenge covering its URL is known: the Digest
   * challenge's protection space (its `domain` URIs, RFC 7616 §3.3, or else the origin that sent it).
   */
  header(method: string, url: URL, body?: Uint8Array): string | undefined {
    if (this.digest && this.covers(url)) {
      this.nc++;
      return digestAuthorization({ challenge: this.digest, credentials: this.credentials, method, uri: url.pathname + url.search, nc: this.nc, cnonce: randomBytes(12).toString("hex"), ...(body ? { body } : {}) });
    }
    if (this.basic && this.space.some((u) => u.origin === url.origin)) return basicAuthorization(this.credentials);
    return undefined;
  }

  private covers(url: URL): boolean {
    return this.space.some((u) => u.origin === url.origin && url.pathname.startsWith(u.pathname));
  }

  /**
   * Takes the challenges of a 401 answer to a request sent with the Authorization header `sent` (or
   * none). True when a new attempt can succeed: no credentials were sent yet, the server says the
   * nonce was stale (RFC 7616 §3.3 stale=true), or the credentials went with a reused nonce the
   * server no longer knows. False when these credentials were rejected.
   */
  accept(wwwAuthenticate: string | null, url: URL, sent: string | undefined): boolean {
    const hadCredentials = sent !== undefined;
    const nc = /(?:^|[ ,])nc=([0-9a-fA-F]{8})(?:,|$)/.exec(sent ?? "")?.[1];
    const reused = nc !== undefined && parseInt(nc, 16) > 1;
    const challenges = parseChallenges(wwwAuthenticate ?? "");
    // the strongest Digest challenge this client can answer (RFC 7616 §3.7: a server may offer several)
    const strength = (c: Challenge): number => ["md5", "sha-256", "sha-512-256"].indexOf((c.params.algorithm ?? "MD5").toLowerCase().replace(/-sess$/, ""));
    const digests = challenges.filter((c) => c.scheme === "digest");
    const digest = digests.length === 0 ? undefined : digests.reduce((best, c) => (strength(c) > strength(best) ? c : best));
    if (digest) {
      const domain = (digest.params.domain ?? "").split(/\s+/).filter((d) => d !== "");
      this.space = domain.flatMap((d) => {
        try {
          return [new URL(d, url)];
        } catch {
          return [];
        }
      });
      if (this.space.length === 0) this.space = [new URL("/", url)];
      const stale = /^true$/i.test(digest.params.stale ?? "");
      this.digest = digest;
      this.nc = 0;
      return !hadCredentials || stale || reused;
    }
    if (challenges.some((c) => c.scheme === "basic")) {
      if (url.protocol !== "https:" && !isLoopback(url.hostname)) {
        throw new AuthError(`${url.origin} asks for Basic authentication over plain HTTP, which would send the password in clear text; use https`);
      }
      const first = !this.basic;
      this.basic = true;
      this.space = [new URL("/", url)];
      return first && !hadCredentials;
    }
    const offered = challenges.map((c) => c.scheme).join(", ") || "none";
    throw new AuthError(`${url.origin} asks for authentication schemes this client does not speak (${offered}); supported: Digest, Basic`);
  }
}
