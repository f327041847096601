// machine-twin/device: stand-ins for the hardware of the live path (docs/device.md,
// docs/api/device.md): a simulated rig streaming its accelerometers, a CSV recording streamed as the
// device that recorded it, and the simulator's ground truth.
export { simulateDevice, DEVICE_DEFAULTS, type SimulateDeviceOptions, type SimulateSummary, type SimulateLabels, type DeviceRun } from "./simulate.js";
export { replayDevice, replayTarget, type ReplayDeviceOptions, type ReplaySummary, type ReplayRun } from "./replay.js";
export { readTruth, truthBase, type Truth, type TruthHeader } from "./truth.js";
export { DEFAULT_SUBSTEPS, type SpeedProfile, type DeviceEvent, type Adc, type TruthColumn, type TruthQuantity } from "./simulator.js";
export { transportOf } from "./transmit.js";
