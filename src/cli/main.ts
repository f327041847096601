// The `twin` command: dispatches to one file per subcommand. bin/twin.js calls main(argv) and uses
// its return value as the exit code: 0 success, 1 failure (numerical, output, internal), 2 bad
// command line or bad input file.
import { VERSION } from "../index.js";
import { UsageError } from "./args.js";
import { type Command, EXIT_USAGE, helpText, guardStdout, type Io, processIo, reportError, runCommand } from "./common.js";
import { amlFromRdfCommand } from "./aml-from-rdf.js";
import { amlRoundtripCommand } from "./aml-roundtrip.js";
import { amlToRdfCommand } from "./aml-to-rdf.js";
import { amlValidateCommand } from "./aml-validate.js";
import { coreInfoCommand } from "./core-info.js";
import { demoCommand } from "./demo.js";
import { elmFitCommand } from "./elm-fit.js";
import { elmPredictCommand } from "./elm-predict.js";
import { elmTrainCommand } from "./elm-train.js";
import { elmUpdateCommand } from "./elm-update.js";
import { featuresCommand } from "./features.js";
import { modelicaFromRdfCommand } from "./modelica-from-rdf.js";
import { modelicaParseCommand } from "./modelica-parse.js";
import { modelicaQueryCommand } from "./modelica-query.js";
import { modelicaRoundtripCommand } from "./modelica-roundtrip.js";
import { modelicaToRdfCommand } from "./modelica-to-rdf.js";
import { campbellCommand } from "./rotor-campbell.js";
import { checkCommand } from "./rotor-check.js";
import { modalCommand } from "./rotor-modal.js";
import { reduceCommand } from "./rotor-reduce.js";
import { staticCommand } from "./rotor-static.js";
import { timeCommand } from "./rotor-time.js";
import { unbalanceCommand } from "./rotor-unbalance.js";
import { ukfRunCommand } from "./ukf-run.js";
import { SPC_CHART_COMMANDS } from "./spc.js";
import { capabilityCommand } from "./spc-capability.js";
import { ARCHIVE_COMMANDS } from "./archive.js";
import { virtualSensingCommand } from "./virtual-sensing.js";
import { sensorPlacementCommand } from "./sensor-placement.js";
import { statesGenerateCommand } from "./states-generate.js";
import { brokerCommand } from "./broker.js";
import { serveCommand, serveHashKeyCommand, serveTokenCommand } from "./serve.js";
import { runnerCommand } from "./run.js";
import { SESSION_COMMANDS } from "./session.js";
import { DEVICE_COMMANDS } from "./device.js";

/** Every command, by its full name ("rotor modal"); groups are the first words. */
export const COMMANDS: Command[] = [
  coreInfoCommand,
  modalCommand,
  campbellCommand,
  unbalanceCommand,
  timeCommand,
  staticCommand,
  reduceCommand,
  checkCommand,
  demoCommand,
  elmFitCommand,
  elmTrainCommand,
  elmUpdateCommand,
  elmPredictCommand,
  featuresCommand,
  ukfRunCommand,
  modelicaParseCommand,
  modelicaToRdfCommand,
  modelicaFromRdfCommand,
  modelicaRoundtripCommand,
  modelicaQueryCommand,
  amlValidateCommand,
  amlToRdfCommand,
  amlFromRdfCommand,
  amlRoundtripCommand,
  ...SPC_CHART_COMMANDS,
  capabilityCommand,
  ...ARCHIVE_COMMANDS,
  virtualSensingCommand,
  sensorPlacementCommand,
  statesGenerateCommand,
  runnerCommand,
  ...SESSION_COMMANDS,
  brokerCommand,
  ...DEVICE_COMMANDS,
  // "serve token" and "serve hash-key" before "serve": the longest name that matches wins
  serveTokenCommand,
  serveHashKeyCommand,
  serveCommand,
];

export function version(): string {
  return VERSION;
}

function commandList(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n");
}

export function mainUsage(): string {
  return `Usage: twin <command> [options]

Simulation-based digital twins of machines, archived for decades.

Commands:
${commandList(COMMANDS)}
  ${"help [COMMAND]".padEnd(Math.max(...COMMANDS.map((c) => c.name.length)))}  show help (of a command)

Options:
  -h, --help     show this help; "twin COMMAND --help" shows a command's help
  --version      print the version

Exit codes: 0 success, 1 failure (numerical, output), 2 bad command line or input file.
Set TWIN_CORE_WASM to run another core build; TWIN_DEBUG=1 prints stack traces of internal errors.
`;
}

function groupUsage(group: string): string {
  const cmds = COMMANDS.filter((c) => c.name.startsWith(group + " "));
  return `Usage: twin ${group} <command> [options]\n\nCommands:\n${commandList(cmds)}\n\n"twin ${group} COMMAND --help" shows a command's help.\n`;
}

/** Longest command name that prefixes argv (["rotor", "modal", "x.json"] -> rotor modal). */
function findCommand(argv: string[]): { cmd: Command; rest: string[] } | undefined {
  for (const cmd of COMMANDS) {
    const words = cmd.name.split(" ");
    if (words.every((w, i) => argv[i] === w)) return { cmd, rest: argv.slice(words.length) };
  }
  return undefined;
}

function isGroup(word: string | undefined): word is string {
  return word !== undefined && COMMANDS.some((c) => c.name.includes(" ") && c.name.split(" ")[0] === word);
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (io === processIo) guardStdout();
  try {
    const first = argv[0];
    if (first === undefined) {
      io.err(mainUsage());
      return EXIT_USAGE;
    }
    if (first === "--help" || first === "-h") {
      io.out(mainUsage());
      return 0;
    }
    if (first === "--version" || first === "-V") {
      io.out(`twin ${version()}\n`);
      return 0;
    }
    if (first === "help") {
      const topic = argv.slice(1);
      if (topic.length === 0) {
        io.out(mainUsage());
        return 0;
      }
      const found = findCommand(topic);
      if (found && found.rest.length === 0) io.out(helpText(found.cmd));
      else if (topic.length === 1 && isGroup(topic[0])) io.out(groupUsage(topic[0]));
      else throw new UsageError(`no such command: ${topic.join(" ")}`);
      return 0;
    }
    const found = findCommand(argv);
    if (found) return await runCommand(found.cmd, found.rest, io);
    if (isGroup(first)) {
      const sub = argv[1];
      if (sub === "--help" || sub === "-h") {
        io.out(groupUsage(first));
        return 0;
      }
      io.err(`twin ${first}: ${sub === undefined ? "missing command" : `unknown command ${JSON.stringify(sub)}`}\n\n${groupUsage(first)}`);
      return EXIT_USAGE;
    }
    io.err(`twin: unknown command ${JSON.stringify(first)}\n\n${mainUsage()}`);
    return EXIT_USAGE;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`twin: ${e.message}\n\n${mainUsage()}`);
      return EXIT_USAGE;
    }
    return reportError(e, io);
  }
}
