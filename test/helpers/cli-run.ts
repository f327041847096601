// Runs `twin ARGS...` in-process with captured output, for comparing the library with the CLI; and
// what a call threw, for the bad-input cases.
import type { InputError } from "../../src/errors.js";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `twin ...args` through main(), its standard output and error captured. */
export async function cli(args: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** What `fn` threw (fails the test when it returned). */
export function thrown<E = InputError>(fn: () => unknown): E {
  try {
    fn();
  } catch (e) {
    return e as E;
  }
  throw new Error("expected an error");
}

/** What `fn` threw or rejected with (fails the test when it resolved). */
export async function rejection<E = unknown>(fn: () => unknown): Promise<E> {
  try {
    await fn();
  } catch (e) {
    return e as E;
  }
  throw new Error("expected an error");
}
