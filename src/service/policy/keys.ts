// Hashed keys: a policy stores only scrypt hashes (RFC 7914) of the keys subjects exchange for tokens,
// as "scrypt$N$r$p$<salt base64url>$<hash base64url>". A leaked policy file then gives no key away.
// N=2^15, r=8, p=1 (32 MiB, tens of milliseconds): the secret is a generated key of at least 16
// characters, not a human password, so the work against offline guessing can stay below the OWASP
// Password Storage Cheat Sheet's password minimum (N=2^17); stored hashes carry their own parameters,
// so a later, costlier choice still verifies the old ones.
import { ArgumentError } from "../../errors.js";
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** below this a key is guessable offline from a stolen hash in reasonable time */
export const MIN_KEY_LENGTH = 16;
// Bounds on what a stored hash may ask for, so a crafted policy cannot make one check take minutes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export interface KeyHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** A key too short to be hashed (hashKey). */
export class KeyError extends ArgumentError {
  constructor(message: string) {
    super(message, { path: "key" });
  }
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** The parts of a stored hash, or what is wrong with it. */
export function parseKeyHash(hashed: string): KeyHash | string {
  const parts = hashed.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return 'not a key hash "scrypt$N$r$p$<salt>$<hash>"';
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const num = (s: string) => (/^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : NaN);
  const Nv = num(n);
  const rv = num(r);
  const pv = num(p);
  if (!(Nv >= 2 && Nv <= MAX_N) || (Nv & (Nv - 1)) !== 0) return `N=${n} must be a power of two from 2 to ${MAX_N} (RFC 7914)`;
  if (!(rv >= 1 && rv <= MAX_R)) return `r=${r} must be 1..${MAX_R}`;
  if (!(pv >= 1 && pv <= MAX_P)) return `p=${p} must be 1..${MAX_P}`;
  if (!B64URL.test(salt) || !B64URL.test(hash)) return "salt and hash must be base64url";
  const saltBuf = Buffer.from(salt, "base64url");
  const hashBuf = Buffer.from(hash, "base64url");
  if (saltBuf.length < 8) return `the salt has ${saltBuf.length} bytes, at least 8 needed`;
  if (hashBuf.length < 16 || hashBuf.length > 64) return `the hash has ${hashBuf.length} bytes, 16 to 64 expected`;
  return { N: Nv, r: rv, p: pv, salt: saltBuf, hash: hashBuf };
}

function maxmem(h: { N: number; r: number }): number {
  // scrypt needs 128·N·r bytes (RFC 7914 section 5); node refuses above maxmem (32 MiB by default)
  return 128 * h.N * h.r * 2 + 1024 * 1024;
}

/** A new hash of the key with a random 16-byte salt. */
export function hashKey(key: string): string {
  if (key.length < MIN_KEY_LENGTH) throw new KeyError(`a key needs at least ${MIN_KEY_LENGTH} characters, this one has ${key.length}`);
  const salt = randomBytes(SALT_BYTES);
  const hash = scryptSync(key, salt, HASH_BYTES, { N, r: R, p: P, maxmem: maxmem({ N, r: R }) });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** Whether the key is the one hashed; a malformed hash is false. Compared in constant time. */
export function verifyKey(key: string, hashed: string): boolean {
  const h = parseKeyHash(hashed);
  if (typeof h === "string") return false;
  const got = scryptSync(key, h.salt, h.hash.length, { N: h.N, r: h.r, p: h.p, maxmem: maxmem(h) });
  return timingSafeEqual(got, h.hash);
}

/** verifyKey without blocking the event loop while scrypt runs (for the service's key exchange). */
export function verifyKeyAsync(key: string, hashed: string): Promise<boolean> {
  const h = parseKeyHash(hashed);
  if (typeof h === "string") return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    scrypt(key, h.salt, h.hash.length, { N: h.N, r: h.r, p: h.p, maxmem: maxmem(h) }, (err, got) => {
      if (err) reject(err);
      else resolve(timingSafeEqual(got, h.hash));
    });
  });
}

/** A well-formed hash of no key anyone holds: checked instead when the subject is unknown, so that an
 * unknown subject and a wrong key take the same time. */
export const DECOY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(SALT_BYTES, 0x5a).toString("base64url")}$${Buffer.alloc(HASH_BYTES, 0).toString("base64url")}`;
