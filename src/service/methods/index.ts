// Callable methods of `twin serve` (the AML Methods element): each method the AML names runs one of
// the built-in operations on the twin's current state. The HTTP route checks the body against the
// operation's argsSchema and maps MethodError.status to the answer.
import type { Operation, MethodDef } from "./context.js";
import { MethodError } from "./errors.js";
import { archiveExport } from "./archive-ops.js";
import { rotorCampbell, rotorModal, rotorUnbalance } from "./rotor-ops.js";
import { vsenseStart, vsenseStop } from "./runner-ops.js";
import { statesUpdate } from "./states-ops.js";

export type { DeviceView, MethodContext, MethodDef, Operation, RunnerControl, RunnerWindow } from "./context.js";
export { asMethodError, MethodError, type MethodStatus } from "./errors.js";
export { currentRotorModel, partKind } from "./rotor-model.js";
export { archiveFile, ARCHIVES_DIR, historyNdjson } from "./archive-ops.js";
export { rpmToRadPerSecond } from "./speeds.js";

/** The built-in operations, keyed by operation name. */
export const OPERATIONS: Record<string, Operation> = Object.fromEntries(
  [rotorModal, rotorCampbell, rotorUnbalance, vsenseStart, vsenseStop, statesUpdate, archiveExport].map((o) => [o.operation, o]),
);

/** Method definitions for the AML's Methods; an unknown operation or a repeated name is refused naming it and `where`. */
export function methodsFromAml(defs: { name: string; operation: string; description?: string }[], where: string): MethodDef[] {
  const seen = new Set<string>();
  return defs.map((d) => {
    const op = Object.prototype.hasOwnProperty.call(OPERATIONS, d.operation) ? OPERATIONS[d.operation] : undefined;
    if (op === undefined) throw new MethodError(422, `${where}: method "${d.name}": unknown operation "${d.operation}" (known: ${Object.keys(OPERATIONS).join(", ")})`);
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(d.name)) throw new MethodError(422, `${where}: method name ${JSON.stringify(d.name)} is not a name (letters, digits, _ . -)`);
    if (seen.has(d.name)) throw new MethodError(422, `${where}: method "${d.name}" is defined twice`);
    seen.add(d.name);
    return { ...op, name: d.name, description: d.description ?? op.description };
  });
}
