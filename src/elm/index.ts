// machine-twin/elm: extreme learning machines (docs/api/elm.md; concepts in docs/elm.md). Fitting a
// test case with its own hidden layer (batch or OS-ELM chunks), classifiers with novelty detection
// trained on labelled feature tables and updated online, and the operating-state demo data they are
// trained on (`twin states generate`).

export {
  fitElm,
  fitElmWithNorms,
  describeElmCase,
  readElmCase,
  trainElm,
  updateElm,
  predictElm,
  readElmModel,
  validateElmModel,
  type ElmCaseDocument,
  type ElmFitOptions,
  type ElmFitResult,
  type ElmTrainOptions,
  type ElmPredictResult,
  type ElmData,
} from "./api.js";
export { ElmInputError, type ElmFault } from "./errors.js";
export { CASE_TOLERANCE, HPELM_DEFAULT_NORM, type ElmCase, type CheckItem as ElmCheckItem, type FitNorms as ElmFitNorms } from "./case.js";
export {
  encodeModel as encodeElmModel,
  MODEL_FORMAT as ELM_MODEL_FORMAT,
  DEFAULTS as ELM_DEFAULTS,
  type ElmModel,
  type Novelty as ElmNovelty,
  type NoveltyMethod,
  type Prediction as ElmPrediction,
} from "./model.js";
export { ACTIVATIONS, NEURON_FUNCTIONS, type Activation, type NeuronFunction } from "./core.js";
export { generateStates, writeStates, type StatesOptions } from "../states/api.js";
export { DEFAULT_STATES, GENERATE_DEFAULTS as STATES_DEFAULTS, type StateSpec, type GenerateResult as StatesData, type GeneratedFile } from "../states/generate.js";
