// machine-twin/rotor: rotor dynamics with the WebAssembly core (docs/api/rotor.md; concepts in
// docs/rotor.md). Models are read and validated here; each analysis is one job of the core and returns
// what the matching `twin rotor` command prints with --json.

/** The rotor model (DESIGN.md, "Rotor model JSON", SI units) and its parts. */
export type { RotorModel, Material, ShaftElement, Disk, Bearing, Pedestal, Coefficient, ElementOptions } from "./model.js";
/** Mass properties of a disk given by geometry (for display; the core derives the values it uses). */
export { diskMassProperties } from "./model.js";

/** Reading and validating models: from a file, from JSON text, or an object given in code. */
export { loadRotorModel, parseRotorModel, validateRotorModel, type RotorModelInput } from "./load.js";
/** An invalid model (or UKF case): every fault with its JSON path; extends InputError. */
export { ModelError, type ModelFault } from "./validate.js";

/** The analyses, one per `twin rotor` command. */
export {
  rotorModal,
  rotorCampbell,
  rotorCampbellSvg,
  rotorUnbalance,
  rotorTime,
  rotorTimeCsv,
  rotorTimeCsvHeader,
  rotorStatic,
  rotorReduce,
  STANDARD_GRAVITY,
  type SpeedGrid,
  type AnalysisOptions,
  type RotorModalOptions,
  type RotorModalResult,
  type RotorCampbellOptions,
  type RotorCampbellResult,
  type UnbalanceInput,
  type ProbeInput,
  type RotorUnbalanceOptions,
  type RotorUnbalanceResult,
  type RotorTimeOptions,
  type RotorTimeResult,
  type RotorStaticOptions,
  type RotorStaticResult,
  type RotorReduceOptions,
  type RotorReduceResult,
} from "./analyses.js";
/** Modes per speed when none is named (rotorModal, rotorCampbell). */
export { DEFAULT_MODES, type Labels } from "./jobs.js";
/** Reference cases: a model with another code's results, recomputed and compared. */
export { rotorCheck, type RotorCheckOptions, type RotorCheckResult } from "./check.js";
export { DEFAULT_TOLERANCES, type Comparison, type ReferenceCase } from "./reference.js";

/** Result parts: modal results per speed, unbalance masses and probes, responses, reduced models. */
export type { ModalResult, Whirl, UnbalanceMass, Probe, ProbeDir, UnbalanceResult, StaticResult, ReducedModel, CampbellResult, ResponseNodes, RotorMatrices, EnergyResult } from "./core.js";

/** Node numbering (docs/rotor.md, "Node numbering"): shaft nodes, then pedestal nodes. */
export { NodeNumbering, type PedestalNode, type Lateral } from "./nodes.js";

/** The command line's value syntaxes for speeds, unbalance masses and probes. */
export { parseGrid } from "./grid.js";
export { parseUnbalance, parseProbe } from "../io/values.js";
export type { Grid } from "./request.js";

/** Text tables of results, as the `twin rotor` commands print them. */
export { formatModal, formatCampbell, formatUnbalance, formatStatic, formatReduced } from "./format.js";

/** A model loaded into the core behind a handle, for several analyses of one model (advanced). */
export { RotorCore } from "./core.js";
