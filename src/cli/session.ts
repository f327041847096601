// twin session replay SESSION.json REQUEST.f64 INPUT.twrec -o OUTPUTS.f64 [--json]: a recorded runner
// session through the core again, as one job (jobRunnerSession). Recordable: `twin archive create
// --session DIR` archives a session as this run, whose output must equal the live outputs.f64.
import { replaySession } from "../runner/index.js";
import { UsageError, parseCommandLine, str } from "./args.js";
import { type Command, helpRequested } from "./common.js";

export const sessionReplayCommand: Command = {
  name: "session replay",
  summary: "rerun a recorded runner session through the core (one job), writing its outputs",
  api: { module: "runner", export: "replaySession" },
  usage: `Usage: twin session replay SESSION.json REQUEST.f64 INPUT.twrec -o OUTPUTS.f64 [--json]

The files of a session directory written by \`twin run\` (docs/runner.md, "Sessions"): the
recorded input units are decoded as the live runner decoded them, every delivered frame becomes the
same block, and the core runs the request and all blocks in one call (jobRunnerSession). OUTPUTS.f64
receives the block results; for a session recorded by this core they equal the session's
outputs.f64 byte for byte.

Options:
  -o, --output FILE  where the block results go (little-endian f64)
  --json             print the summary as JSON
  -h, --help         show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { output: { type: "string", short: "o" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      { min: 3, max: 3, names: "SESSION.json REQUEST.f64 INPUT.twrec" },
    );
    if (helpRequested(values, this, io)) return 0;
    const out = str(values.output);
    if (out === undefined) throw new UsageError("-o OUTPUTS.f64 is required");
    const { summary } = replaySession({ session: positionals[0]!, request: positionals[1]!, input: positionals[2]! }, { output: out });
    if (values.json === true) io.out(JSON.stringify(summary) + "\n");
    else io.out(`twin session replay: ${summary.units} input units, ${summary.blocks} blocks, ${summary.values} output values, digest ${summary.digest}\n`);
    return 0;
  },
};

export const SESSION_COMMANDS: Command[] = [sessionReplayCommand];
