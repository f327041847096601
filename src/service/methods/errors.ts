// Errors of callable methods: a status for the HTTP answer and a message naming what and where. Errors
// of the libraries a method runs (rotor and ELM jobs, the archive) are translated here, so a client
// sees the library's located message and never a stack trace.
import { CoreError } from "../../core/core.js";
import { ArgumentError, InputError } from "../../errors.js";
import { PackageError } from "../../archive/bagit.js";
import { ModelError } from "../../rotor/validate.js";
import { StoreUnavailableError } from "../types.js";

export type MethodStatus = 400 | 404 | 409 | 422 | 500 | 503;

export class MethodError extends Error {
  constructor(
    readonly status: MethodStatus,
    message: string,
  ) {
    super(message);
    this.name = "MethodError";
  }
}

/**
 * The MethodError for anything a method's work threw: a bad argument value the core refused (400),
 * input the libraries refused (422), the store gone (503); anything else is the service's fault (500).
 */
export function asMethodError(e: unknown, method: string): MethodError {
  if (e instanceof MethodError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof ArgumentError) return new MethodError(400, `${method}: ${message}`);
  if (e instanceof ModelError || e instanceof InputError || e instanceof PackageError) return new MethodError(422, `${method}: ${message}`);
  if (e instanceof StoreUnavailableError) return new MethodError(503, `${method}: ${message}`);
  if (e instanceof CoreError) return new MethodError(500, `${method}: the numerical core failed: ${message}`);
  return new MethodError(500, `${method}: ${message}`);
}
