// machine-twin/live: the live path's receiving side (docs/frame.md, docs/sources.md, docs/api/live.md):
// the binary frame format, the sources a runner reads (udp://, mqtt://, serial:, replay:) and the
// embedded MQTT broker.
export { startBroker, type StartBrokerOptions, type BrokerHandle } from "./start-broker.js";
export { MQTT_PORT } from "./mqtt.js";
export {
  encodeFrame, decodeFrame, frameBytes, FrameError, FLAG_START, MAX_CHANNELS, INT_RANGE, HEADER_BYTES, CRC_BYTES,
  type Frame, type FrameBlock, type FrameErrorReason, type SampleFormat, type FrameLimits,
} from "./frame.js";
export { MAX_UDP_PAYLOAD } from "./udp.js";
export { openSource, checkSourceUrl, SOURCE_SCHEMES, type Source, type SourceOptions } from "./source.js";
export type { StreamQuality, QualityEvent, Decision } from "./tracker.js";
