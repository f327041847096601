// A throwaway Virtuoso (Debian's virtuoso-opensource: virtuoso-t and isql-vt) for the tests and the
// benchmark of `twin archive publish` / `query --endpoint`: a fresh database directory and ini in a
// temporary directory, SQL and HTTP on free loopback ports, run as `virtuoso-t +configfile INI
// +foreground` (DESIGN.md); ready when its /sparql service answers. Then, through isql-vt, a user is
// created with a random password and granted SPARQL_UPDATE, which Virtuoso's authenticated Graph
// Store service (/sparql-graph-crud-auth, HTTP Digest) requires, and the dba password is changed to a
// random one (the default dba/dba would let any local user in while it runs). stop() ends the server
// (SIGTERM: Virtuoso's quick shutdown; SIGKILL after 20 s) and removes the directory; a server still
// running when the process exits is killed.
// Plain JavaScript (with JSDoc types) so that bench/archive.js can use it as well as the tests.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join, sep } from "node:path";

/** The programs a Virtuoso fixture needs and where they come from. */
export const VIRTUOSO_PROGRAMS = ["virtuoso-t", "isql-vt"];
export const VIRTUOSO_PACKAGE = "Debian package virtuoso-opensource";

/** @param {string} name @returns {string | undefined} an executable on PATH (outside node_modules) */
function programPath(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "" || dir.split(sep).includes("node_modules")) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** @returns {string | undefined} why Virtuoso cannot run here, or undefined when it can */
export function virtuosoMissing() {
  const absent = VIRTUOSO_PROGRAMS.filter((p) => programPath(p) === undefined);
  return absent.length === 0 ? undefined : `${absent.join(" and ")} not installed (${VIRTUOSO_PACKAGE})`;
}

/** @returns {Promise<number>} a TCP port free on 127.0.0.1 at the time of asking */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @typedef {object} Virtuoso
 * @property {string} endpoint        the SPARQL query service, http://127.0.0.1:PORT/sparql
 * @property {string} graphStore      the anonymous Graph Store service (refuses writes: 403)
 * @property {string} graphStoreAuth  the authenticated Graph Store service (HTTP Digest)
 * @property {string} user            a user granted SPARQL_UPDATE
 * @property {string} password        its password
 * @property {string} dir             the database directory
 * @property {(sql: string) => string} isql  runs SQL as dba, returns isql-vt's output
 * @property {() => Promise<void>} stop
 */

/**
 * Starts a throwaway Virtuoso. `buffers`: NumberOfBuffers (8 KiB pages held in memory).
 * @param {{ buffers?: number, maxRows?: number }} [o]
 * @returns {Promise<Virtuoso>}
 */
export async function startVirtuoso(o = {}) {
  const buffers = o.buffers ?? 20000;
  const dir = mkdtempSync(join(tmpdir(), "twin-virtuoso-"));
  const sqlPort = await freePort();
  let httpPort = await freePort();
  while (httpPort === sqlPort) httpPort = await freePort();
  const ini = join(dir, "virtuoso.ini");
  writeFileSync(
    ini,
    `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = .
NumberOfBuffers = ${buffers}
MaxDirtyBuffers = ${Math.round(buffers * 0.75)}

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${dir}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = ${o.maxRows ?? 1000000}
MaxQueryExecutionTime = 600
`,
  );
  const child = spawn(programPath("virtuoso-t") ?? "virtuoso-t", ["+configfile", ini, "+foreground"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (/** @type {Buffer} */ b) => void (log = (log + b.toString()).slice(-4000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  /** @type {number | null} */
  let exited = null;
  const done = new Promise((resolve) => child.once("exit", (code, signal) => resolve((exited = code ?? (signal ? 128 : 1)))));
  const killOnExit = () => {
    if (exited === null) child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);

  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (exited === null) {
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await done;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const endpoint = `http://127.0.0.1:${httpPort}/sparql`;
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (exited !== null) throw new Error(`virtuoso-t exited with status ${exited} before answering:\n${log}`);
      if (Date.now() > deadline) throw new Error(`virtuoso-t did not answer on ${endpoint} within 120 s:\n${log}`);
      try {
        const r = await fetch(`${endpoint}?query=${encodeURIComponent("ASK {}")}`, { signal: AbortSignal.timeout(2000) });
        await r.text();
        if (r.status === 200) break;
      } catch {
        // not listening yet
      }
      await sleep(300);
    }
    let dbaPassword = "dba";
    const isql = (/** @type {string} */ sql) => {
      const r = spawnSync(programPath("isql-vt") ?? "isql-vt", [`127.0.0.1:${sqlPort}`, "dba", dbaPassword, `exec=${sql}`], { encoding: "utf8", timeout: 60_000 });
      const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
      if (r.status !== 0 || /\*\*\* Error/.test(out)) throw new Error(`isql-vt failed (status ${r.status}): ${out}`);
      return out;
    };
    const user = "twin";
    const password = randomBytes(12).toString("hex");
    isql(`DB.DBA.USER_CREATE('${user}', '${password}'); GRANT SPARQL_UPDATE TO "${user}";`);
    const newDba = randomBytes(12).toString("hex");
    isql(`DB.DBA.USER_CHANGE_PASSWORD('dba', 'dba', '${newDba}');`);
    dbaPassword = newDba;
    return {
      endpoint,
      graphStore: `http://127.0.0.1:${httpPort}/sparql-graph-crud`,
      graphStoreAuth: `http://127.0.0.1:${httpPort}/sparql-graph-crud-auth`,
      user,
      password,
      dir,
      isql,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
