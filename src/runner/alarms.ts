// Alarms after ANSI/ISA-18.2-2016 "Management of Alarm Systems for the Process Industries":
//   - states and transitions: clause 11 (alarm states) and its alarm state transition diagram —
//     A normal → B active unacknowledged → C active acknowledged → A; B → D returned to normal
//     unacknowledged → A on acknowledgement, D → B when the condition returns; E latched (a latching
//     alarm that returned to normal stays annunciated until reset); F shelved (taken out of
//     annunciation by the operator, with a time limit, as the standard's operation clause requires);
//   - chatter: clause 10 (basic alarm design) — deadband on analogue limits, on-delay (the condition
//     must hold for a time before the alarm activates) and off-delay (it must stay clear for a time
//     before the alarm returns to normal).
// The manager is a pure state machine driven by the times passed in (the runner's sample clock,
// seconds): no wall clock, no timers, so a recorded session replays to the same events, and
// snapshot()/restore() continues bit for bit after a restart. A delayed transition is stamped with
// the time its delay elapsed (rawSince + delay), however often tick() is called, so the events do not
// depend on how the runner slices its blocks.
import { InputError } from "../errors.js";
import type { AlarmState, RunnerRecord } from "./records.js";

export type { AlarmState } from "./records.js";

/** ISA-18.2 leaves the names to the alarm philosophy; these are the runner's four. */
export type AlarmPriority = "low" | "medium" | "high" | "critical";

export const ALARM_PRIORITIES: readonly AlarmPriority[] = ["low", "medium", "high", "critical"];

/** An alarm of the configuration's `alarms`: its id, source (novelty, spc:<monitor>, threshold:<virtual sensor>), priority and limits. */
export interface AlarmDefinition {
  /** Unique among the runner's alarms. */
  id: string;
  /** What raises it: "spc:<monitor>", "novelty", "threshold:<virtual sensor>", … (carried into every event). */
  source: string;
  priority: AlarmPriority;
  /** Seconds the condition must hold before the alarm activates (default 0). */
  onDelay?: number;
  /** Seconds the condition must stay clear before the alarm returns to normal (default 0). */
  offDelay?: number;
  /** Threshold alarms: high limit, active while value > high (until value ≤ high − deadband). */
  high?: number;
  /** Threshold alarms: low limit, active while value < low (until value ≥ low + deadband). */
  low?: number;
  /** Threshold alarms: hysteresis in the value's units (default 0). */
  deadband?: number;
  /** Latching: after the condition clears the alarm stays latched until acknowledged (reset). */
  latch?: boolean;
  /** Operator text; default "<source>: <rule>". */
  message?: string;
}

/** One transition, ready to go to the sinks as it is. */
export type AlarmEvent = Extract<RunnerRecord, { type: "alarm" }>;

export interface AlarmStatus {
  id: string;
  source: string;
  priority: AlarmPriority;
  state: AlarmState;
  /** The condition after on/off delays (tracked while shelved too). */
  conditionActive: boolean;
  /** Time of the last state change. */
  since: number;
  value: number;
  rule: string;
  /** When a shelved alarm returns to annunciation by itself. */
  shelvedUntil?: number;
}

/** An alarm definition (or alarm snapshot) that is not valid: `path` is the JSON path at fault (`alarms[2].high`). */
export class AlarmConfigError extends InputError {
  declare readonly path: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`, { path });
  }
}

/** JSON Schema (2020-12) fragment of one AlarmDefinition, for the runner's configuration schema. */
export const ALARM_SCHEMA = {
  type: "object",
  required: ["id", "source", "priority"],
  additionalProperties: false,
  properties: {
    id: { type: "string", minLength: 1 },
    source: { type: "string", minLength: 1, description: "spc:<monitor>, novelty, threshold:<virtual sensor>, …" },
    priority: { enum: [...ALARM_PRIORITIES] },
    onDelay: { type: "number", minimum: 0, description: "seconds the condition must hold before activation" },
    offDelay: { type: "number", minimum: 0, description: "seconds the condition must stay clear before return to normal" },
    high: { type: "number" },
    low: { type: "number" },
    deadband: { type: "number", minimum: 0 },
    latch: { type: "boolean" },
    message: { type: "string" },
  },
} as const;

/** Checks definitions as read from JSON; errors are located as `<where>[i].<field>: reason`. */
export function checkAlarmDefinitions(defs: unknown, where = "alarms"): AlarmDefinition[] {
  if (!Array.isArray(defs)) throw new AlarmConfigError(where, "expected an array of alarm definitions");
  const seen = new Set<string>();
  defs.forEach((d: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof d !== "object" || d === null || Array.isArray(d)) throw new AlarmConfigError(at, "expected an object");
    const o = d as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!(k in ALARM_SCHEMA.properties)) throw new AlarmConfigError(`${at}.${k}`, `unknown field (expected one of ${Object.keys(ALARM_SCHEMA.properties).join(", ")})`);
    for (const k of ["id", "source"] as const) if (typeof o[k] !== "string" || o[k] === "") throw new AlarmConfigError(`${at}.${k}`, "expected a non-empty string");
    if (seen.has(o.id as string)) throw new AlarmConfigError(`${at}.id`, `duplicate alarm id ${String(o.id)}`);
    seen.add(o.id as string);
    if (!ALARM_PRIORITIES.includes(o.priority as AlarmPriority)) throw new AlarmConfigError(`${at}.priority`, `expected one of ${ALARM_PRIORITIES.join(", ")}`);
    for (const k of ["onDelay", "offDelay", "deadband"] as const) {
      const v = o[k];
      if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw new AlarmConfigError(`${at}.${k}`, "expected a finite number ≥ 0");
    }
    for (const k of ["high", "low"] as const) {
      const v = o[k];
      if (v !== undefined && !(typeof v === "number" && Number.isFinite(v))) throw new AlarmConfigError(`${at}.${k}`, "expected a finite number");
    }
    if (typeof o.high === "number" && typeof o.low === "number" && !(o.low < o.high)) throw new AlarmConfigError(`${at}.low`, `low ${o.low} must be below high ${o.high}`);
    if (o.deadband !== undefined && o.high === undefined && o.low === undefined) throw new AlarmConfigError(`${at}.deadband`, "a deadband needs a high or low limit");
    if (o.latch !== undefined && typeof o.latch !== "boolean") throw new AlarmConfigError(`${at}.latch`, "expected true or false");
    if (o.message !== undefined && typeof o.message !== "string") throw new AlarmConfigError(`${at}.message`, "expected a string");
  });
  return defs as AlarmDefinition[];
}

/** Threshold side of the raw condition. */
type Side = "high" | "low" | null;

interface Slot {
  def: AlarmDefinition;
  state: AlarmState;
  /** The condition after delays. */
  active: boolean;
  /** The condition as last evaluated (after the deadband, before the delays). */
  raw: boolean;
  /** When raw last changed; null before the first evaluation. */
  rawSince: number | null;
  side: Side;
  value: number;
  rule: string;
  /** The rule that raised the alarm, reported on its clear event when the caller gives none. */
  raisedRule: string;
  /** Last time this alarm was driven to; null before any call. */
  lastT: number | null;
  since: number;
  shelvedUntil: number | null;
}

/** The serialisable state of every alarm (NaN values as null). */
export interface AlarmSnapshot {
  version: 1;
  alarms: {
    id: string;
    state: AlarmState;
    active: boolean;
    raw: boolean;
    rawSince: number | null;
    side: Side;
    value: number | null;
    rule: string;
    raisedRule: string;
    lastT: number | null;
    since: number;
    shelvedUntil: number | null;
  }[];
}

const STATES: readonly AlarmState[] = ["normal", "unack", "ack", "rtn-unack", "latched", "shelved"];

export class AlarmManager {
  private readonly slots = new Map<string, Slot>();

  constructor(defs: AlarmDefinition[]) {
    for (const def of checkAlarmDefinitions(defs)) {
      this.slots.set(def.id, { def, state: "normal", active: false, raw: false, rawSince: null, side: null, value: NaN, rule: "", raisedRule: "", lastT: null, since: 0, shelvedUntil: null });
    }
  }

  /**
   * Feeds the alarm's condition at time t (seconds, non-decreasing per alarm) with the value and rule
   * that decided it (e.g. the SPC point and "we1"). Returns the transitions up to and including t.
   */
  evaluate(id: string, t: number, condition: boolean, value: number, rule: string): AlarmEvent[] {
    const s = this.slot(id);
    const events: AlarmEvent[] = [];
    this.advance(s, t, events);
    s.value = value;
    s.rule = rule;
    if (condition !== s.raw) {
      s.raw = condition;
      s.rawSince = t;
    } else if (s.rawSince === null) {
      s.rawSince = t;
    }
    this.advance(s, t, events);
    return events;
  }

  /**
   * Compares a value with the alarm's high/low limits, with its deadband as hysteresis, and feeds
   * the result to evaluate(). A non-finite value leaves the condition as it was (a bad sample is the
   * source's quality event, not a process alarm).
   */
  evaluateThreshold(id: string, t: number, value: number): AlarmEvent[] {
    const s = this.slot(id);
    const { high, low } = s.def;
    if (high === undefined && low === undefined) throw new RangeError(`alarm ${id}: no high or low limit, use evaluate()`);
    if (!Number.isFinite(value)) return this.advanced(s, t);
    const db = s.def.deadband ?? 0;
    let side: Side = null;
    if (s.side === "high" && high !== undefined && value > high - db) side = "high";
    else if (s.side === "low" && low !== undefined && value < low + db) side = "low";
    else if (high !== undefined && value > high) side = "high";
    else if (low !== undefined && value < low) side = "low";
    s.side = side;
    return this.evaluate(id, t, side !== null, value, side ?? s.raisedRule);
  }

  /**
   * Operator acknowledgement: B → C, D → A; on a latched alarm (E) it is the reset (E → A).
   * Acknowledging an alarm in any other state changes nothing and returns no event.
   */
  acknowledge(id: string, t: number, user: string): AlarmEvent[] {
    const s = this.slot(id);
    const events: AlarmEvent[] = [];
    this.advance(s, t, events);
    if (s.state === "unack") this.move(s, t, "ack", "acknowledge", events, user);
    else if (s.state === "rtn-unack") this.move(s, t, "normal", "acknowledge", events, user);
    else if (s.state === "latched") this.move(s, t, "normal", "reset", events, user);
    return events;
  }

  /**
   * Shelves the alarm for durationS seconds (ISA-18.2 requires a time limit): it stops annunciating,
   * its condition is still tracked (journalled with annunciated = false), and at the end of the
   * shelf time it returns as unshelve() would. Shelving a shelved alarm sets a new expiry.
   */
  shelve(id: string, t: number, user: string, durationS: number): AlarmEvent[] {
    if (!(Number.isFinite(durationS) && durationS > 0)) throw new RangeError(`alarm ${id}: shelf time ${durationS} s, expected a finite number > 0`);
    const s = this.slot(id);
    const events: AlarmEvent[] = [];
    this.advance(s, t, events);
    s.shelvedUntil = t + durationS;
    this.move(s, t, "shelved", "shelve", events, user, true);
    return events;
  }

  /** Returns a shelved alarm to annunciation: unacknowledged if its condition is active, else normal. */
  unshelve(id: string, t: number, user: string): AlarmEvent[] {
    const s = this.slot(id);
    const events: AlarmEvent[] = [];
    this.advance(s, t, events);
    if (s.state === "shelved") this.unshelveAt(s, t, "unshelve", events, user);
    return events;
  }

  /** Advances every alarm to time t: elapsed on/off delays and shelf expiries; events in time order. */
  tick(t: number): AlarmEvent[] {
    const events: AlarmEvent[] = [];
    for (const s of this.slots.values()) if (s.lastT === null || s.lastT <= t) this.advance(s, t, events);
    // stable: ties keep definition order
    return events.sort((a, b) => a.t - b.t);
  }

  /** Every alarm not in the normal state (shelved ones included), in definition order. */
  active(): AlarmStatus[] {
    return [...this.slots.values()].filter((s) => s.state !== "normal").map((s) => this.status(s));
  }

  /** Every alarm, in definition order. */
  all(): AlarmStatus[] {
    return [...this.slots.values()].map((s) => this.status(s));
  }

  snapshot(): AlarmSnapshot {
    return {
      version: 1,
      alarms: [...this.slots.values()].map((s) => ({
        id: s.def.id, state: s.state, active: s.active, raw: s.raw, rawSince: s.rawSince, side: s.side,
        value: Number.isNaN(s.value) ? null : s.value, rule: s.rule, raisedRule: s.raisedRule, lastT: s.lastT, since: s.since, shelvedUntil: s.shelvedUntil,
      })),
    };
  }

  /**
   * A manager in the state a snapshot recorded. Alarms defined since then start normal; an alarm the
   * snapshot has but the definitions do not is an error (the configuration changed under the checkpoint).
   */
  static restore(defs: AlarmDefinition[], snapshot: unknown): AlarmManager {
    const m = new AlarmManager(defs);
    const snap = snapshot as AlarmSnapshot;
    if (typeof snap !== "object" || snap === null || snap.version !== 1 || !Array.isArray(snap.alarms)) throw new AlarmConfigError("snapshot", "not an alarm snapshot of version 1");
    snap.alarms.forEach((a, i) => {
      const at = `snapshot.alarms[${i}]`;
      const s = m.slots.get(a?.id);
      if (s === undefined) throw new AlarmConfigError(`${at}.id`, `alarm ${String(a?.id)} is not defined`);
      if (!STATES.includes(a.state)) throw new AlarmConfigError(`${at}.state`, `unknown state ${String(a.state)}`);
      const num = (v: unknown, k: string, nullable: boolean): number | null => {
        if (v === null && nullable) return null;
        if (typeof v !== "number" || !Number.isFinite(v)) throw new AlarmConfigError(`${at}.${k}`, "expected a finite number");
        return v;
      };
      if (typeof a.active !== "boolean" || typeof a.raw !== "boolean") throw new AlarmConfigError(at, "active and raw must be booleans");
      if (a.side !== null && a.side !== "high" && a.side !== "low") throw new AlarmConfigError(`${at}.side`, "expected high, low or null");
      if (typeof a.rule !== "string" || typeof a.raisedRule !== "string") throw new AlarmConfigError(at, "rule and raisedRule must be strings");
      s.state = a.state;
      s.active = a.active;
      s.raw = a.raw;
      s.rawSince = num(a.rawSince, "rawSince", true);
      s.side = a.side;
      s.value = num(a.value, "value", true) ?? NaN;
      s.rule = a.rule;
      s.raisedRule = a.raisedRule;
      s.lastT = num(a.lastT, "lastT", true);
      s.since = num(a.since, "since", false) as number;
      s.shelvedUntil = num(a.shelvedUntil, "shelvedUntil", true);
    });
    return m;
  }

  private slot(id: string): Slot {
    const s = this.slots.get(id);
    if (s === undefined) throw new RangeError(`no alarm ${id}`);
    return s;
  }

  private advanced(s: Slot, t: number): AlarmEvent[] {
    const events: AlarmEvent[] = [];
    this.advance(s, t, events);
    return events;
  }

  private status(s: Slot): AlarmStatus {
    const st: AlarmStatus = { id: s.def.id, source: s.def.source, priority: s.def.priority, state: s.state, conditionActive: s.active, since: s.since, value: s.value, rule: s.rule };
    if (s.shelvedUntil !== null) st.shelvedUntil = s.shelvedUntil;
    return st;
  }

  /** Applies the delayed condition change and the shelf expiry that fall in (lastT, t], earliest first. */
  private advance(s: Slot, t: number, events: AlarmEvent[]): void {
    if (!Number.isFinite(t)) throw new RangeError(`alarm ${s.def.id}: time ${t} is not finite`);
    if (s.lastT !== null && t < s.lastT) throw new RangeError(`alarm ${s.def.id}: time ${t} s is before ${s.lastT} s (the alarm clock never goes back)`);
    s.lastT = t;
    for (;;) {
      let flipAt = Infinity;
      if (s.rawSince !== null && s.raw !== s.active) flipAt = s.rawSince + (s.raw ? s.def.onDelay ?? 0 : s.def.offDelay ?? 0);
      const expireAt = s.shelvedUntil ?? Infinity;
      if (flipAt <= t && flipAt <= expireAt) this.setActive(s, s.raw, flipAt, events);
      else if (expireAt <= t) this.unshelveAt(s, expireAt, "shelve-expired", events);
      else return;
    }
  }

  private setActive(s: Slot, on: boolean, at: number, events: AlarmEvent[]): void {
    s.active = on;
    if (on) s.raisedRule = s.rule;
    if (s.state === "shelved") {
      this.move(s, at, "shelved", on ? "condition-active" : "condition-clear", events, undefined, false);
      return;
    }
    if (on) {
      this.move(s, at, "unack", s.state === "normal" ? "activate" : "reactivate", events);
    } else {
      const latch = s.def.latch === true;
      if (s.state === "unack") this.move(s, at, latch ? "latched" : "rtn-unack", "clear", events);
      else if (s.state === "ack") this.move(s, at, latch ? "latched" : "normal", "clear", events);
    }
  }

  private unshelveAt(s: Slot, at: number, event: string, events: AlarmEvent[], user?: string): void {
    s.shelvedUntil = null;
    this.move(s, at, s.active ? "unack" : "normal", event, events, user);
  }

  private move(s: Slot, at: number, to: AlarmState, event: string, events: AlarmEvent[], user?: string, annunciated = true): void {
    const from = s.state;
    s.state = to;
    s.since = at;
    const rule = s.rule !== "" ? s.rule : s.raisedRule;
    const ev: AlarmEvent = {
      type: "alarm", t: at, id: s.def.id, source: s.def.source, state: to, from, event, value: s.value, rule,
      priority: s.def.priority, message: s.def.message ?? `${s.def.source}: ${rule === "" ? event : rule}`, annunciated,
    };
    if (user !== undefined) ev.user = user;
    events.push(ev);
  }
}
