// twin archive verify PKG [--key PUB.pem] [--json]
import { verifyArchive, type VerifyReport } from "../archive/index.js";
import { parseCommandLine, str } from "./args.js";
import { stringifyJson } from "../index.js";
import { type Command, helpRequested } from "./common.js";

export function formatVerify(r: VerifyReport): string {
  const lines = [`twin archive verify ${r.package}`];
  for (const c of r.checks) {
    lines.push(`  ${c.ok ? "ok  " : "FAIL"}  ${c.name.padEnd(12)} ${c.summary}`);
    for (const p of c.problems) lines.push(`        ${p.file ? `${p.file}: ` : ""}${p.message}`);
  }
  const failed = r.checks.filter((c) => !c.ok);
  lines.push(failed.length === 0 ? `verified: all ${r.checks.length} checks pass` : `NOT VERIFIED: ${failed.map((c) => c.name).join(", ")} failed`);
  return lines.join("\n") + "\n";
}

export const archiveVerifyCommand: Command = {
  name: "archive verify",
  summary: "check fixity, RO-Crate, graph shapes, core, runs and signature of a package",
  api: { module: "archive", export: "verifyArchive" },
  usage: `Usage: twin archive verify PKG [--key PUB.pem] [--json]

Checks a package (directory or .zip): the BagIt declaration and versions, every payload and tag
manifest entry (any missing, extra or altered file is named), the RO-Crate metadata against the files,
the graph against the package's SHACL shapes, the graph's records of files, core and runs against the
files, the core (hash = build record = graph = runs; valid; imports nothing), each run's recorded
outputs and hashes, and the Ed25519 signature if there is one. Exit 1 when any check fails, 2 when
the package cannot be read (missing, corrupt zip, newer format).

Options:
  --key PUB.pem  check the signature with this public key (a signature is then required)
  --json         print { package, ok, checks: [{ name, ok, summary, problems: [{ file, message }] }] }
  -h, --help     show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { key: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "PKG" });
    if (helpRequested(values, this, io)) return 0;
    const key = str(values.key);
    const r = await verifyArchive(positionals[0]!, key !== undefined ? { key } : {});
    io.out(values.json === true ? stringifyJson(r) + "\n" : formatVerify(r));
    return r.ok ? 0 : 1;
  },
};
