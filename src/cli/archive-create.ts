// twin archive create [--modelica PATH]... [--aml FILE]... [--rotor MODEL.json]... [--run RUNSPEC.json]...
//                     [--session DIR]... -o PKG [--zip] [--sign KEY]
import { createArchive } from "../archive/index.js";
import { UsageError, many, parseCommandLine, required, str } from "./args.js";
import { stringifyJson } from "../index.js";
import { endProgress, terminalProgress } from "./archive-common.js";
import { type Command, helpRequested } from "./common.js";

export const archiveCreateCommand: Command = {
  name: "archive create",
  summary: "archival package (BagIt + RO-Crate): models as RDF and originals, the core, recorded runs",
  api: { module: "archive", export: "createArchive" },
  usage: `Usage: twin archive create [--modelica PATH]... [--aml FILE]... [--rotor MODEL.json]...
                           [--run RUNSPEC.json]... [--session DIR]... -o PKG [--zip] [--sign KEY.pem]
                           [--title TEXT] [--json]

Makes a BagIt 1.0 bag (a directory, or with --zip a deterministic ZIP of it) holding the sources byte
for byte and as RDF (data/graph/twin.ttl, with PROV-O provenance and the links between models), the
ontologies and SHACL shapes, the WebAssembly core with its build record and sources, and the recorded
runs. A RUNSPEC is { "id": "modal", "argv": ["rotor", "modal", "rig.json", "--json"] }: any twin command
whose numerics run in the core; file arguments are relative to the RUNSPEC and copied in; the values of
-o/--out/--output/--svg are outputs; "run:ID/outputs/NAME" is an output of an earlier run. Each run is
executed with the package's core and its output hashes recorded. The core's self-checks are recorded
as the run "selfcheck". With SOURCE_DATE_EPOCH set, the same inputs give a byte-identical package.

Options:
  --modelica PATH   a .mo file or a Modelica package directory (repeatable)
  --aml FILE        an AutomationML (CAEX) file (repeatable)
  --rotor FILE      a rotor model JSON file (repeatable)
  --run FILE        a RUNSPEC JSON file (repeatable; runs in the order given)
  --session DIR     a session recorded by twin run (repeatable): archived as the run
                    "session-NAME", \`twin session replay\` of its recorded input through the core,
                    after checking that the replay gives the live outputs bit for bit
  -o, --output PKG  the package: a new directory, or a .zip file with --zip
  --zip             write a ZIP (one top-level directory named after the file)
  --sign KEY.pem    sign the tag manifest with this Ed25519 private key (openssl genpkey -algorithm ed25519)
  --title TEXT      title of the package
  --json            print the report as JSON
  -h, --help        show this help
`,
  async run(argv, io) {
    const { values } = parseCommandLine(
      argv,
      {
        modelica: { type: "string", multiple: true },
        aml: { type: "string", multiple: true },
        rotor: { type: "string", multiple: true },
        run: { type: "string", multiple: true },
        session: { type: "string", multiple: true },
        output: { type: "string", short: "o" },
        zip: { type: "boolean" },
        sign: { type: "string" },
        title: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      { min: 0, max: 0, names: "" },
    );
    if (helpRequested(values, this, io)) return 0;
    const output = required(values.output, "-o");
    const zip = values.zip === true;
    if (zip !== /\.zip$/i.test(output)) throw new UsageError(zip ? "--zip: the output must end in .zip" : `${output}: a .zip output needs --zip`);
    const sources = [...many(values.modelica), ...many(values.aml), ...many(values.rotor)];
    if (sources.length === 0 && many(values.run).length === 0 && many(values.session).length === 0) {
      throw new UsageError("nothing to archive: give sources (--modelica, --aml, --rotor), runs (--run) and/or sessions (--session)");
    }
    const progress = terminalProgress();
    const r = await createArchive({
      modelica: many(values.modelica),
      aml: many(values.aml),
      rotor: many(values.rotor),
      runs: many(values.run),
      sessions: many(values.session),
      output,
      zip,
      ...(str(values.sign) !== undefined ? { signKey: str(values.sign)! } : {}),
      ...(str(values.title) !== undefined ? { title: str(values.title)! } : {}),
      ...(progress ? { progress } : {}),
    });
    endProgress(progress);
    if (values.json === true) {
      io.out(stringifyJson(r) + "\n");
      return 0;
    }
    const lines = [
      `package   ${r.output} (${r.files} files, ${(r.bytes / 1024).toFixed(0)} KiB${r.signed ? ", signed" : ""})`,
      `id        ${r.iri}`,
      `sources   ${r.sources.map((s) => `${s.files} ${s.kind}`).join(", ") || "none"}; graph ${r.triples} triples, ${r.links} model links`,
      `core      ${r.coreSha256}`,
      `runs      ${r.runs.map((x) => `${x.id} (${x.command})`).join(", ") || "none"}; self-checks ${r.selfchecks.join(", ")}`,
      `time      ${r.seconds.toFixed(1)} s`,
    ];
    io.out(lines.join("\n") + "\n");
    return 0;
  },
};
