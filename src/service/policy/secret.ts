// The signing secret of the service's tokens, kept in a file beside the twin's data so that tokens stay
// valid across restarts. Created once: 32 random bytes (RFC 7518 section 3.2: an HS256 key of at least
// 256 bits), mode 0600, written to a temporary file, synced, and then linked into place. link() fails
// when the name exists, so two services starting together agree on the one secret that won.
import { InputError } from "../../errors.js";
import { randomBytes } from "node:crypto";
import { open, link, readFile, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";

export const SECRET_BYTES = 32;

/** A secret file that cannot be used (too short, readable by others). */
export class SecretFileError extends InputError {
  declare readonly file: string;
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`, { file });
  }
}

export async function loadOrCreateSecret(file: string): Promise<Uint8Array> {
  const existing = await readSecret(file);
  if (existing !== null) return existing;
  const secret = randomBytes(SECRET_BYTES);
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fh = await open(tmp, "wx", 0o600);
  try {
    await fh.writeFile(secret);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    await unlink(tmp);
  }
  await syncDir(dirname(file));
  const stored = await readSecret(file);
  if (stored === null) throw new SecretFileError(file, "vanished right after it was written");
  return stored;
}

async function readSecret(file: string): Promise<Uint8Array | null> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new SecretFileError(file, `mode ${(mode & 0o777).toString(8).padStart(4, "0")} lets others read the token secret; chmod 600 it`);
  }
  const bytes = await readFile(file);
  if (bytes.length < SECRET_BYTES) throw new SecretFileError(file, `holds ${bytes.length} bytes, a secret needs at least ${SECRET_BYTES}`);
  return new Uint8Array(bytes);
}

async function syncDir(dir: string): Promise<void> {
  // makes the new name durable (POSIX: fsync of the directory); not possible on every platform
  let fh;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch {
    return;
  } finally {
    await fh?.close();
  }
}
