// A throwaway PostgreSQL cluster for the store tests (test/service-store.test.ts): initdb in a temp
// directory, the server on a free loopback port with its socket in that directory, fsync on (the
// durability tests mean it). PostgreSQL refuses to run as root (initdb and postgres check the effective
// uid), so under root the programs run as the `postgres` user (or `nobody`) through spawn's uid/gid.
// The server is its own process group: kill() SIGKILLs the postmaster and every backend at once, which is
// what a crashed or vanished database server looks like to a client.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { programPath } from "./engines.js";

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

const DEBIAN_PACKAGE = "Debian package postgresql";

/** The directory holding initdb and postgres: PATH first, then Debian's /usr/lib/postgresql/<major>/bin (newest). */
function binDir(): string | undefined {
  const initdb = programPath("initdb");
  if (initdb !== undefined && programPath("postgres") !== undefined) return join(initdb, "..");
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
  return majors.map((m) => join(root, m, "bin")).find((d) => existsSync(join(d, "initdb")) && existsSync(join(d, "postgres")));
}

/** Why PostgreSQL cannot be started here, or undefined when it can. */
export function postgresMissing(): string | undefined {
  return binDir() === undefined ? `PostgreSQL (initdb, postgres) not installed (${DEBIAN_PACKAGE})` : undefined;
}

/** The uid/gid to run PostgreSQL as: ourselves, or an unprivileged user when we are root. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ["postgres", "nobody"]) {
    const uid = spawnSync("id", ["-u", user], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", user], { encoding: "utf8" });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error("running as root and neither a postgres nor a nobody user exists to run PostgreSQL as");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a !== null ? resolve(a.port) : reject(new Error("no port"))));
    });
  });
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((r) => child.once("exit", () => r()));
}

/** A cluster of its own, or null when PostgreSQL is not installed. */
export async function startPostgres(): Promise<PostgresServer | null> {
  const bin = binDir();
  if (bin === undefined) return null;
  const as = runAs();
  const dir = mkdtempSync(join(tmpdir(), "twin-pg-"));
  if (as !== undefined) chownSync(dir, as.uid, as.gid);
  const ids = as === undefined ? {} : { uid: as.uid, gid: as.gid };
  const init = spawnSync(join(bin, "initdb"), ["-D", dir, "-U", "twin", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], { encoding: "utf8", ...ids });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status ?? init.signal}): ${init.stderr}`);
  }
  const port = await freePort();
  const base = `postgres://twin@127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const c = spawn(join(bin, "postgres"), ["-D", dir, "-k", dir, "-h", "127.0.0.1", "-p", String(port), "-c", "fsync=on", "-c", "max_connections=100"], {
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
      ...ids,
    });
    child = c;
    let stderr = "";
    c.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const end = Date.now() + 60_000;
    for (;;) {
      if (c.exitCode !== null || c.signalCode !== null) throw new Error(`postgres exited before accepting connections: ${stderr}`);
      const probe = new pg.Client({ connectionString: `${base}/postgres` });
      probe.on("error", () => undefined);
      try {
        await probe.connect();
        await probe.end();
        return;
      } catch {
        await probe.end().catch(() => undefined);
      }
      if (Date.now() > end) {
        process.kill(-c.pid!, "SIGKILL");
        throw new Error(`postgres did not accept connections on port ${port} within 60 s: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const signal = async (sig: NodeJS.Signals, group: boolean): Promise<void> => {
    const c = child;
    if (c === undefined || c.exitCode !== null || c.signalCode !== null) return;
    const gone = exited(c);
    process.kill(group ? -c.pid! : c.pid!, sig);
    await gone;
  };

  await start();
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query("CREATE DATABASE twin_test");
  await admin.end();

  return {
    url: `${base}/twin_test`,
    // SIGINT: fast shutdown (https://www.postgresql.org/docs/current/server-shutdown.html)
    stop: async () => {
      await signal("SIGINT", false);
      rmSync(dir, { recursive: true, force: true });
    },
    kill: async () => {
      await signal("SIGKILL", true);
      // the backends got the same SIGKILL; wait until none holds the port so restart() can bind it
      const end = Date.now() + 30_000;
      while (Date.now() < end && !(await portFree(port))) await new Promise((r) => setTimeout(r, 50));
    },
    restart: start,
  };
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}
