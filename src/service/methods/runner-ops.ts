// Starting and stopping the twin's runner (the virtual-sensing pipeline, docs/runner.md) through the
// service's RunnerControl: 503 when `twin serve` runs without one, 409 when it is already so.
import type { Json } from "../types.js";
import { onlyKeys } from "./args.js";
import type { MethodContext, Operation, RunnerControl } from "./context.js";
import { asMethodError, MethodError } from "./errors.js";

export function requireRunner(ctx: MethodContext, op: string): RunnerControl {
  if (ctx.runner === null) throw new MethodError(503, `${op}: this twin has no runner: start twin serve with --run CONFIG`);
  return ctx.runner;
}

async function switchRunner(ctx: MethodContext, args: Record<string, unknown>, op: string, want: boolean): Promise<Json> {
  onlyKeys(args, [], op);
  const runner = requireRunner(ctx, op);
  if (runner.running === want) throw new MethodError(409, `${op}: the runner is already ${want ? "running" : "stopped"}`);
  try {
    await (want ? runner.start() : runner.stop());
  } catch (e) {
    throw asMethodError(e, op);
  }
  return { running: runner.running };
}

const NO_ARGS = { type: "object", additionalProperties: false, properties: {} };

export const vsenseStart: Operation = {
  operation: "vsense.start",
  description: "Start the twin's runner (virtual sensing and state recognition on the live signals).",
  argsSchema: NO_ARGS,
  run: (ctx, args) => switchRunner(ctx, args, "vsense.start", true),
};

export const vsenseStop: Operation = {
  operation: "vsense.stop",
  description: "Stop the twin's runner (its session is ended and can be archived).",
  argsSchema: NO_ARGS,
  run: (ctx, args) => switchRunner(ctx, args, "vsense.stop", false),
};
