// What every subcommand shares: output streams, the command table entry, model loading, error
// classification (usage/input 2, numerical failure 1) and atomic output files.
import { CoreError } from "../core/index.js";
import { ArgumentError, InputError, NumericalError, OutputError } from "../errors.js";
import { PACKAGE_NAME, writeChunksAtomic } from "../index.js";
import { loadRotorModel, ModelError, type RotorModel } from "../rotor/index.js";

export { NumericalError, OutputError };

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

let stdoutGuarded = false;

/** A closed pipe (`twin rotor time ... | head`) ends the command quietly instead of with a stack trace. */
export function guardStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    process.stderr.write(`twin: cannot write to standard output: ${e.message}\n`);
    process.exit(1);
  });
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

export interface Command {
  /** full name, e.g. "rotor modal" */
  name: string;
  summary: string;
  /** usage lines and option descriptions */
  usage: string;
  /**
   * The command's equivalent in the library: the subpath (`rotor` for `machine-twin/rotor`, `.` for
   * the package root) and the export that does what the command does. `twin COMMAND --help` names it.
   */
  api?: { module: ApiModule; export: string };
  run(argv: string[], io: Io): number | Promise<number>;
}

/** The package's entry points (package.json "exports"): "." and one subpath per domain. */
export type ApiModule = "." | "rotor" | "ukf" | "vsense" | "elm" | "signal" | "spc" | "modelica" | "aml" | "rdf" | "archive" | "runner" | "live" | "device" | "service" | "core";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

function nodeErrorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code !== undefined ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, "")}` : String(err.message ?? e);
}

/** Reads and validates a rotor model file (ModelError / InputError on bad input). */
export function loadModelFile(file: string): RotorModel {
  return loadRotorModel(file);
}

export { requireFinite } from "../core/index.js";

/** Writes an output file atomically; failures become OutputError naming the file. */
export function writeOutput(path: string, chunks: Iterable<string>): void {
  try {
    writeChunksAtomic(path, chunks);
  } catch (e) {
    throw new OutputError(`${path}: cannot write: ${nodeErrorMessage(e)}`);
  }
}

/**
 * Runs a command and turns errors into messages and exit codes. A stack trace is printed only with
 * TWIN_DEBUG=1, and only for errors that are not the user's (bugs, environment).
 */
export async function runCommand(cmd: Command, argv: string[], io: Io): Promise<number> {
  try {
    return await cmd.run(argv, io);
  } catch (e) {
    return reportError(e, io, cmd);
  }
}

export function reportError(e: unknown, io: Io, cmd?: Command): number {
  const debug = process.env.TWIN_DEBUG === "1";
  const prefix = cmd ? `twin ${cmd.name}` : "twin";
  if (e instanceof ArgumentError) {
    io.err(`${prefix}: ${e.message}\n\n${cmd ? cmd.usage : ""}`.trimEnd() + "\n");
    return EXIT_USAGE;
  }
  if (e instanceof ModelError) {
    io.err(e.lines().join("\n") + "\n");
    return EXIT_USAGE;
  }
  if (e instanceof InputError) {
    io.err(`${e.message}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof CoreError || e instanceof NumericalError) {
    io.err(`${prefix}: numerical failure: ${e.message}\n`);
    if (debug && e.stack) io.err(e.stack + "\n");
    return EXIT_FAILURE;
  }
  if (e instanceof OutputError) {
    io.err(`${prefix}: ${e.message}\n`);
    return EXIT_FAILURE;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.err(`${prefix}: error: ${err.message}\n`);
  if (debug && err.stack) io.err(err.stack + "\n");
  return EXIT_FAILURE;
}

/** Prints usage when `--help` was given; true if it did. */
/** A command's help: its usage, then its library equivalent. */
export function helpText(cmd: Command): string {
  const lib = cmd.api ? `\nIn code: import { ${cmd.api.export} } from "${cmd.api.module === "." ? PACKAGE_NAME : `${PACKAGE_NAME}/${cmd.api.module}`}" (docs/api.md)\n` : "";
  return cmd.usage.trimEnd() + "\n" + lib;
}

export function helpRequested(values: Record<string, unknown>, cmd: Command, io: Io): boolean {
  if (values.help === true) {
    io.out(helpText(cmd));
    return true;
  }
  return false;
}

/** Resolves with the first SIGINT or SIGTERM (the long-running commands' stop), then stops listening. */
export function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise<NodeJS.Signals>((resolve) => {
    const stop = (s: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(s);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
