// The records the runner emits, one stream for every sink (files, MQTT, the browser feed, the session
// recording). Times `t` are the runner's sample clock in seconds (never the wall clock), so a session
// replayed through the archived core gives the same records, bit for bit.
/**
 * The alarm states of ANSI/ISA-18.2-2016 clause 11 (the alarm state transition diagram, states A–F):
 * normal (A), active unacknowledged (B), active acknowledged (C), returned to normal unacknowledged
 * (D), latched (E), shelved (F). Suppressed-by-design and out-of-service (G, H) are not modelled.
 */
export type AlarmState = "normal" | "unack" | "ack" | "rtn-unack" | "latched" | "shelved";

/** One record of the runner's output stream (sinks, `onRecord`, `twin run --json`); `t` is the sample clock, s. */
export type RunnerRecord =
  /** Virtual-sensor samples of one block: values[k][i] is sensor names[k] at t + i / fs. */
  | { type: "estimates"; t: number; fs: number; names: string[]; values: number[][] }
  /** One recognition window: its features, the recognised state (or "novel"), novelty, confidence and the shaft speed (rpm) at its end. */
  | { type: "window"; t: number; features: Record<string, number>; state: string; novelty: number; confidence: number; rpm: number }
  /** One point of an SPC chart and the run rules it violated (empty when in control). */
  | { type: "spc"; t: number; monitor: string; value: number; center: number; lcl: number; ucl: number; rules: string[] }
  /** One alarm transition (src/runner/alarms.ts): `from` → `state` by `event`. */
  | {
      type: "alarm";
      t: number;
      id: string;
      source: string;
      /** The state after the transition. */
      state: AlarmState;
      /** The state before it. */
      from: AlarmState;
      event: string;
      value: number;
      rule: string;
      priority: string;
      message: string;
      /** False while the alarm is shelved: the transition is journalled but not shown to the operator. */
      annunciated: boolean;
      /** Who acknowledged, shelved or unshelved it. */
      user?: string;
    }
  /** A stream-quality event of one source (src/live/tracker.ts QualityEvent, or a connection event). */
  | { type: "quality"; t: number; source: string; event: unknown }
  | { type: "status"; t: number; [k: string]: unknown };

/** The record types: estimates, window, spc, alarm, quality, status. */
export type RecordType = RunnerRecord["type"];

/** Every record type, in the order sinks list them. */
export const RECORD_TYPES: readonly RecordType[] = ["estimates", "window", "spc", "alarm", "quality", "status"];

export function isRecordType(s: string): s is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(s);
}
