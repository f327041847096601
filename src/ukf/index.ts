// machine-twin/ukf: the unscented Kalman filter of the WebAssembly core (docs/api/ukf.md; concepts in
// docs/ukf.md). runUkf runs a whole case in one job, as `twin ukf run`; UkfCore/Ukf drive one filter
// step by step.

/** Running a case (`twin ukf run`). */
export { runUkf, UKF_CHECK_TOLERANCE, type RunUkfOptions, type RunUkfResult, type UkfStepResult, type UkfCheckResult } from "./run-ukf.js";
/** Reading and validating cases: from a file, from JSON text, or a case document given in code. */
export { loadUkfCase, parseUkfCase, validateUkfCase, readReference, BUILTIN_PROCESS, BUILTIN_MEASUREMENT, type UkfCase, type ReferenceStep } from "./case.js";
/** An invalid case: every fault with its JSON path (the rotor models' error class; extends InputError). */
export { ModelError, type ModelFault } from "../rotor/validate.js";
/** The steps of a run with every matrix, and their comparison with a reference. */
export { runCase, compareSteps, type CaseStep, type Deviation, type RunOptions } from "./run.js";
/** One filter behind a handle: create, set, predict, update, run, free. */
export {
  UkfCore,
  Ukf,
  UkfStepError,
  ITEM,
  OUT,
  FLAGS,
  FAIL_STAGES,
  type UkfSpec,
  type UkfOptions,
  type ProcessModel,
  type MeasurementModel,
  type Item,
  type OutField,
  type RunStep,
} from "./core.js";
