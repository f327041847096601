// archive.export: the twin as an archival package (`twin archive create`, docs/archive.md): the AML
// file and the CAEX files it references (ExternalReference), the rotor model, the twin's change
// history as NDJSON (every record of the twin, in seq order) and, on request, the runner's recorded
// session (as `archive create --session`: only a session that reruns bit for bit). Written atomically
// (src/archive/package.ts) to <dataDir>/archives/<twin>-<UTC time>.zip.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createPackage } from "../../archive/create.js";
import type { RunSpec } from "../../archive/runs.js";
import { nodeAttr, readAml } from "../../aml/model.js";
import { PACKAGE_ROOT } from "../../core/core.js";
import { checkSession, sessionRunSpec } from "../../runner/archive.js";
import type { ChangeRecord, HistoryStore } from "../types.js";
import { booleanArg, onlyKeys } from "./args.js";
import type { MethodContext, Operation } from "./context.js";
import { asMethodError, MethodError } from "./errors.js";

export const ARCHIVES_DIR = "archives";

/** Names the service writes: <twin (sanitised)>-<YYYYMMDDTHHMMSSmmm>Z[-n].zip; nothing else is served. */
const ARCHIVE_NAME = /^[A-Za-z0-9_-]{1,100}-\d{8}T\d{9}Z(-\d{1,4})?\.zip$/;

/** The file of an archive the service wrote, or null (a name it could not have written, or none such). */
export function archiveFile(dataDir: string, name: string): string | null {
  if (!ARCHIVE_NAME.test(name)) return null;
  const path = join(dataDir, ARCHIVES_DIR, name);
  try {
    return statSync(path).isFile() ? path : null;
  } catch {
    return null;
  }
}

/** Largest page the store returns (types.ts HistoryQuery.limit). */
const PAGE = 10_000;

/** Every change record of the twin in seq order, one JSON object a line (NDJSON, https://github.com/ndjson/ndjson-spec). */
export async function historyNdjson(store: HistoryStore, twin: string): Promise<Buffer> {
  const lines: string[] = [];
  let after: number | undefined;
  for (;;) {
    const page: ChangeRecord[] = await store.history({ twin, order: "asc", limit: PAGE, ...(after !== undefined ? { after } : {}) });
    for (const r of page) {
      // a fixed key order, so the same history gives the same bytes
      lines.push(JSON.stringify({ seq: r.seq, twin: r.twin, part: r.part, attribute: r.attribute, oldValue: r.oldValue, newValue: r.newValue, subject: r.subject, source: r.source, timeMs: r.timeMs }));
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  return Buffer.from(lines.map((l) => l + "\n").join(""), "utf8");
}

/** The AML file and every CAEX file reachable through ExternalReference Path attributes (relative to the referring file). */
export function amlClosure(amlFile: string): string[] {
  const out: string[] = [];
  const visit = (file: string): void => {
    const abs = resolve(file);
    if (out.includes(abs)) return;
    out.push(abs);
    const model = readAml(new Uint8Array(readFileSync(abs)), abs);
    for (const node of model.nodes) {
      if (node.tag !== "ExternalReference") continue;
      const path = nodeAttr(model, node, "Path");
      if (path === undefined || /^[a-z][a-z0-9+.-]*:/i.test(path)) continue;
      const target = resolve(dirname(abs), path);
      if (!existsSync(target)) throw new MethodError(500, `${abs}: ExternalReference ${JSON.stringify(path)}: ${target} does not exist`);
      visit(target);
    }
  };
  visit(amlFile);
  return out;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** <twin>-YYYYMMDDTHHMMSSmmmZ.zip, with -n appended while a file of that name exists. */
function freshName(dir: string, twin: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:.]/g, "");
  const base = `${twin.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 100)}-${stamp}`;
  let name = `${base}.zip`;
  for (let n = 1; existsSync(join(dir, name)); n++) name = `${base}-${n}.zip`;
  return name;
}

export const archiveExport: Operation = {
  operation: "archive.export",
  description: "An archival package (BagIt + RO-Crate, twin archive create) of the twin: its AML and referenced files, the rotor model, its change history as NDJSON and the runner's recorded session; result { file, bytes, sha256 }.",
  argsSchema: {
    type: "object",
    additionalProperties: false,
    properties: { sessions: { type: "boolean", description: "include the runner's recorded session (default true)" } },
  },
  async run(ctx, args) {
    const op = "archive.export";
    onlyKeys(args, ["sessions"], op);
    const withSessions = booleanArg(args, "sessions", op) ?? true;
    try {
      const runs: RunSpec[] = [];
      const dir = withSessions && ctx.runner !== null ? ctx.runner.sessionDir() : null;
      if (dir !== null) {
        if (ctx.runner!.running) throw new MethodError(409, `${op}: the runner's session is still recording: stop the runner (vsense.stop) first, or export with sessions: false`);
        // a session is archived only if it reruns bit for bit (as archive create --session)
        checkSession(dir);
        runs.push(sessionRunSpec(dir));
      }
      const history = await historyNdjson(ctx.store, ctx.twin);
      ctx.signal.throwIfAborted();
      const out = join(ctx.dataDir, ARCHIVES_DIR);
      mkdirSync(out, { recursive: true });
      const name = freshName(out, ctx.twin, Date.now());
      const file = join(out, name);
      await createPackage({
        aml: amlClosure(ctx.amlFile),
        rotor: ctx.rotorModelFile !== null ? [ctx.rotorModelFile] : [],
        runs,
        attachments: [{ path: `history/${ctx.twin.replace(/[^A-Za-z0-9_-]/g, "_")}.ndjson`, bytes: history }],
        output: file,
        zip: true,
        title: `twin ${ctx.twin}: models, change history${runs.length > 0 ? " and recorded session" : ""}`,
        toolVersion: packageVersion(),
      });
      const bytes = readFileSync(file);
      return { file: name, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
    } catch (e) {
      throw asMethodError(e, op);
    }
  },
};
