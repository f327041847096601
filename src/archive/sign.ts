// Ed25519 signatures (RFC 8032) over the tag manifest, with node's crypto (OpenSSL). The tag manifest
// holds the checksums of bagit.txt, bag-info.txt and the payload manifests, which hold those of every
// payload file: one signature covers the whole bag. Ed25519 is deterministic, so a signed package is
// still byte-reproducible. The signature file is the one tag file outside the tag manifest.
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { type Files, SIGNATURE_FILE } from "./bagit.js";

export const SIGNED_FILE = "tagmanifest-sha256.txt";

interface SignatureDoc {
  algorithm: "Ed25519";
  signedFile: string;
  publicKey: string;
  signature: string;
}

function readKey(path: string, kind: "private" | "public"): KeyObject {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let key: KeyObject;
  try {
    key = kind === "private" ? createPrivateKey(text) : createPublicKey(text);
  } catch (e) {
    throw new InputError(`${path}: not a PEM ${kind} key: ${(e as Error).message}`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new InputError(`${path}: an ${key.asymmetricKeyType} key; Ed25519 is required`);
  return key;
}

/** Adds the signature file to a bag (the private key is a PEM file, e.g. `openssl genpkey -algorithm ed25519`). */
export function signBag(bag: Files, keyPath: string): void {
  const key = readKey(keyPath, "private");
  const doc: SignatureDoc = {
    algorithm: "Ed25519",
    signedFile: SIGNED_FILE,
    publicKey: createPublicKey(key).export({ type: "spki", format: "pem" }).toString(),
    signature: sign(null, bag.get(SIGNED_FILE)!, key).toString("base64"),
  };
  bag.set(SIGNATURE_FILE, Buffer.from(JSON.stringify(doc, null, 2) + "\n"));
}

export interface SignatureCheck {
  present: boolean;
  valid: boolean;
  /** checked against the key given with --key (else only against the key inside the package) */
  trusted: boolean;
  message: string;
}

export function checkSignature(bag: Files, keyPath?: string): SignatureCheck {
  const raw = bag.get(SIGNATURE_FILE);
  const trustedKey = keyPath !== undefined ? readKey(keyPath, "public") : undefined;
  if (raw === undefined) {
    return trustedKey
      ? { present: false, valid: false, trusted: false, message: `not signed, but --key was given (${SIGNATURE_FILE} missing)` }
      : { present: false, valid: true, trusted: false, message: "not signed" };
  }
  let doc: SignatureDoc;
  try {
    doc = JSON.parse(new TextDecoder().decode(raw)) as SignatureDoc;
    if (doc.algorithm !== "Ed25519" || typeof doc.signature !== "string" || typeof doc.publicKey !== "string") throw new Error("fields algorithm, publicKey, signature expected");
  } catch (e) {
    return { present: true, valid: false, trusted: false, message: `${SIGNATURE_FILE}: malformed: ${(e as Error).message}` };
  }
  const signed = bag.get(doc.signedFile === SIGNED_FILE ? SIGNED_FILE : "");
  if (signed === undefined) return { present: true, valid: false, trusted: false, message: `${SIGNATURE_FILE}: signs ${doc.signedFile}, expected ${SIGNED_FILE}` };
  let key: KeyObject;
  try {
    key = trustedKey ?? createPublicKey(doc.publicKey);
  } catch (e) {
    return { present: true, valid: false, trusted: false, message: `${SIGNATURE_FILE}: bad public key: ${(e as Error).message}` };
  }
  const ok = verify(null, signed, key, Buffer.from(doc.signature, "base64"));
  if (!ok) return { present: true, valid: false, trusted: trustedKey !== undefined, message: trustedKey ? "signature does not verify with the given key" : "signature does not verify with the key in the package" };
  return trustedKey
    ? { present: true, valid: true, trusted: true, message: "Ed25519 signature valid for the given key" }
    : { present: true, valid: true, trusted: false, message: "Ed25519 signature valid for the key inside the package (give --key to check who signed)" };
}
