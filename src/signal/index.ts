// machine-twin/signal: vibration signal processing (docs/api/signal.md; concepts in docs/features.md).
// Feature tables per window and channel (`twin features`), the CSV forms of signals and features,
// and the names the features go by.

export { computeFeatures, featureCsv, readSignalCsv, DEFAULT_BANDS, DEFAULT_ORDERS, MAX_ORDERS, type FeaturesOptions } from "./api.js";
export { parseSignalCsv, csvChunks, csvField, csvNumber, type SignalTable } from "./csv.js";
export type { FeatureTable } from "./features.js";
export { WINDOW_KINDS, TIME_FEATURES, featureNames, windowCode, type WindowKind, type FeatureResult } from "./core.js";
