// Bearer tokens of the service (RFC 6750): JWTs (RFC 7519) signed with HS256 (RFC 7518 section 3.2) by
// jose. A token names its subject in `sub` ("user:alice") and its roles in a `roles` claim; the caller's
// subject ids for the policy are the sub and "role:<r>" per role. Only HS256 is accepted (RFC 8725
// section 3.1: the verifier fixes the algorithm; "none" and public-key algorithms are refused).
import { SignJWT, jwtVerify, errors as jose } from "jose";
import type { Subject } from "../types.js";
import type { Policy } from "./policy.js";
import { ROLE_PATTERN, SUBJECT_ID_PATTERN } from "./document.js";
import { DECOY_HASH, verifyKeyAsync } from "./keys.js";
import { loadOrCreateSecret } from "./secret.js";

export { hashKey, verifyKey, KeyError, MIN_KEY_LENGTH } from "./keys.js";
export { SecretFileError } from "./secret.js";

export type AuthFailure = "missing" | "malformed" | "expired" | "invalid" | "unknown-key";

/** Why a request is not authenticated. The message is safe to show to the client. */
export class AuthError extends Error {
  constructor(
    readonly reason: AuthFailure,
    message: string,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

export interface TokenOptions {
  secret: Uint8Array;
  issuer?: string;
  audience?: string;
  ttlSeconds?: number;
}

const ALG = "HS256";
/** RFC 7519 section 4.1.4: "some small leeway" for clock skew between issuer and verifier */
const CLOCK_TOLERANCE_S = 5;
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*) *$/;
const SUBJECT_RE = new RegExp(SUBJECT_ID_PATTERN);
const ROLE_RE = new RegExp(ROLE_PATTERN);

export class TokenService {
  private constructor(
    private readonly secret: Uint8Array,
    private readonly issuer: string,
    private readonly audience: string,
    private readonly ttlSeconds: number,
  ) {}

  static async create(o: TokenOptions): Promise<TokenService> {
    if (o.secret.length < 32) throw new RangeError(`an HS256 secret needs at least 32 bytes (RFC 7518 section 3.2), this one has ${o.secret.length}`);
    const ttl = o.ttlSeconds ?? 3600;
    checkTtl(ttl);
    return new TokenService(new Uint8Array(o.secret), o.issuer ?? "twin", o.audience ?? "twin-serve", ttl);
  }

  static async loadOrCreateSecret(file: string): Promise<Uint8Array> {
    return loadOrCreateSecret(file);
  }

  async issue(sub: string, roles: string[], ttlSeconds?: number): Promise<{ token: string; expiresAt: number }> {
    if (!SUBJECT_RE.test(sub)) throw new RangeError(`token subject ${JSON.stringify(sub)} is not "<type>:<name>"`);
    const bad = roles.find((r) => !ROLE_RE.test(r));
    if (bad !== undefined) throw new RangeError(`role ${JSON.stringify(bad)} is not a role name`);
    const ttl = ttlSeconds ?? this.ttlSeconds;
    checkTtl(ttl);
    const now = Math.floor(Date.now() / 1000);
    const exp = now + ttl;
    const token = await new SignJWT({ roles: [...new Set(roles)] })
      .setProtectedHeader({ alg: ALG, typ: "JWT" })
      .setSubject(sub)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(exp)
      .sign(this.secret);
    return { token, expiresAt: exp * 1000 };
  }

  /**
   * Tokens already verified, with their expiry (ms): a client sends the same token with every request,
   * and an HMAC check per request would cost more than the request. A cached token is still refused
   * once it expires. Bounded: full, the cache starts again.
   */
  private readonly verified = new Map<string, { subject: Subject; expMs: number }>();

  /** The subject of an Authorization header value "Bearer <jwt>", or an AuthError saying why not. */
  async verify(authorization: string | undefined): Promise<Subject> {
    if (authorization === undefined || authorization.trim() === "") throw new AuthError("missing", "no Authorization header; send \"Authorization: Bearer <token>\"");
    const m = BEARER.exec(authorization);
    if (m === null) throw new AuthError("malformed", "the Authorization header is not \"Bearer <token>\" with a JWT");
    const known = this.verified.get(m[1]!);
    if (known !== undefined) {
      if (Date.now() < known.expMs + CLOCK_TOLERANCE_S * 1000) return known.subject;
      this.verified.delete(m[1]!);
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(m[1]!, this.secret, {
        algorithms: [ALG],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ["sub", "exp"],
      }));
    } catch (e) {
      throw tokenFailure(e);
    }
    const sub = payload.sub;
    const roles = payload["roles"] ?? [];
    if (typeof sub !== "string" || !SUBJECT_RE.test(sub)) throw new AuthError("invalid", "the token's subject is not \"<type>:<name>\"");
    if (!Array.isArray(roles) || !roles.every((r): r is string => typeof r === "string" && ROLE_RE.test(r))) {
      throw new AuthError("invalid", "the token's roles claim is not a list of role names");
    }
    const subject: Subject = { id: sub, ids: [sub, ...roles.map((r) => `role:${r}`)] };
    if (this.verified.size >= 10_000) this.verified.clear();
    if (typeof payload.exp === "number") this.verified.set(m[1]!, { subject, expMs: payload.exp * 1000 });
    return subject;
  }

  /**
   * A token for a subject the policy defines, in exchange for one of its keys. An unknown subject and
   * a wrong key get the same error and take the same time (a decoy hash is checked).
   */
  async exchangeKey(policy: Policy, subjectId: string, key: string): Promise<{ token: string; expiresAt: number }> {
    const def = policy.subjectDef(subjectId);
    const hashes = def?.keys ?? [];
    let ok = false;
    for (const h of hashes.length > 0 ? hashes : [DECOY_HASH]) {
      if (await verifyKeyAsync(key, h)) ok = hashes.length > 0;
    }
    if (!ok || def === undefined) throw new AuthError("unknown-key", "unknown subject or wrong key");
    return this.issue(subjectId, def.roles ?? []);
  }
}

function checkTtl(ttl: number): void {
  if (!Number.isInteger(ttl) || ttl < 1) throw new RangeError(`a token lifetime is a whole number of seconds from 1, not ${ttl}`);
}

function tokenFailure(e: unknown): AuthError {
  if (e instanceof jose.JWTExpired) return new AuthError("expired", "the token has expired");
  if (e instanceof jose.JWSInvalid || e instanceof jose.JWTInvalid) return new AuthError("malformed", "the token is not a well-formed JWT");
  if (e instanceof jose.JOSEAlgNotAllowed || e instanceof jose.JOSENotSupported) return new AuthError("invalid", "the token is not signed with HS256");
  if (e instanceof jose.JWSSignatureVerificationFailed) return new AuthError("invalid", "the token's signature does not verify");
  if (e instanceof jose.JWTClaimValidationFailed) return new AuthError("invalid", `the token's ${e.claim} claim is not accepted (${e.reason})`);
  if (e instanceof jose.JOSEError) return new AuthError("invalid", "the token is not accepted");
  throw e;
}
