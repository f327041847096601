// machine-twin/vsense: virtual sensing and sensor placement on a rotor model (docs/api/vsense.md;
// concepts in docs/vsense.md): a simulated rig, noisy accelerometers, a UKF on the reduced model,
// the estimates scored against the simulated truth; and the incremental virtual sensor for live data.

/** The studies (`twin virtual-sensing`, `twin sensor-placement`) and the CSV of a run's time series. */
export {
  virtualSensing,
  virtualSensingCsv,
  sensorPlacement,
  type VirtualSensingRunOptions,
  type VirtualSensingParams,
  type SensorPlacementParams,
} from "./api.js";
/** Results: the report of a run (`run.result`), its time series, a placement. */
export type { VirtualSensingRun, VirtualSensingResult, VirtualSensingSeries, DofReport, EstimateError, PlacementResult } from "./result.js";
/** Places (`NODE:DIR`) and model mismatches, as values and in the command line's syntax. */
export { parseDofList, dofName, sameDof, type Dof, type Dir } from "./dofs.js";
export { parseMismatch, mismatchName, MISMATCH_PARAMETERS, type Mismatch, type MismatchParameter } from "./mismatch.js";
/** The defaults of a run, and the unbalance assumed when none is given. */
export { VS_DEFAULTS, DEFAULT_UNBALANCE_MAGNITUDE, defaultUnbalance } from "./defaults.js";
export type { PlacementMethod, SessionOptions } from "./request.js";
/** How options are named in messages: the library's names, or the command line's. */
export { VS_API_NAMES, VS_CLI_NAMES, type VsOptionNames } from "./request.js";
/** The report of a run as `twin virtual-sensing` prints it. */
export { formatVirtualSensing } from "./format.js";
/** The incremental virtual sensor: blocks of measured samples in, estimates out (the hybrid runner's). */
export { VirtualSensorSession, type SessionInfo, type SessionMatrices, type BlockEstimates } from "./session.js";
