// ISA-18.2 alarm state machine (src/runner/alarms.ts): every transition of the state diagram, on/off
// delays and deadband against chatter, shelving with expiry, latching, determinism with respect to
// tick() granularity, and snapshot/restore continuing with identical events.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AlarmManager, checkAlarmDefinitions, type AlarmDefinition, type AlarmEvent, type AlarmState } from "../src/runner/alarms.js";

const SPC: AlarmDefinition = { id: "mid-rms", source: "spc:mid-rms", priority: "high" };
const brief = (evs: AlarmEvent[]): string[] => evs.map((e) => `${e.t} ${e.from}>${e.state} ${e.event}`);

describe("ISA-18.2 states", () => {
  it("normal → unack → ack → normal", () => {
    const m = new AlarmManager([SPC]);
    expect(m.evaluate("mid-rms", 0, false, 1, "")).toEqual([]);
    const on = m.evaluate("mid-rms", 1, true, 5.5, "we1");
    expect(on).toEqual([{
      type: "alarm", t: 1, id: "mid-rms", source: "spc:mid-rms", state: "unack", from: "normal", event: "activate",
      value: 5.5, rule: "we1", priority: "high", message: "spc:mid-rms: we1", annunciated: true,
    }]);
    expect(m.active().map((a) => a.state)).toEqual(["unack"]);
    expect(brief(m.acknowledge("mid-rms", 2, "op1"))).toEqual(["2 unack>ack acknowledge"]);
    expect(m.acknowledge("mid-rms", 2.5, "op1")).toEqual([]);
    const off = m.evaluate("mid-rms", 3, false, 1.2, "");
    expect(brief(off)).toEqual(["3 ack>normal clear"]);
    // the clear event names the rule that raised the alarm
    expect(off[0]!.rule).toBe("we1");
    expect(off[0]!.value).toBe(1.2);
    expect(m.active()).toEqual([]);
  });

  it("unack → returned to normal unacknowledged → normal on acknowledgement; RTN → unack when it comes back", () => {
    const m = new AlarmManager([SPC]);
    m.evaluate("mid-rms", 0, true, 9, "we1");
    expect(brief(m.evaluate("mid-rms", 1, false, 0, ""))).toEqual(["1 unack>rtn-unack clear"]);
    expect(brief(m.evaluate("mid-rms", 2, true, 9, "we2"))).toEqual(["2 rtn-unack>unack reactivate"]);
    expect(brief(m.evaluate("mid-rms", 3, false, 0, ""))).toEqual(["3 unack>rtn-unack clear"]);
    const ack = m.acknowledge("mid-rms", 4, "op2");
    expect(brief(ack)).toEqual(["4 rtn-unack>normal acknowledge"]);
    expect(ack[0]!.user).toBe("op2");
    expect(m.active()).toEqual([]);
  });

  it("latching: a cleared alarm stays latched until reset, acknowledged or not", () => {
    const m = new AlarmManager([{ ...SPC, latch: true }]);
    m.evaluate("mid-rms", 0, true, 9, "we1");
    expect(brief(m.evaluate("mid-rms", 1, false, 0, ""))).toEqual(["1 unack>latched clear"]);
    expect(brief(m.acknowledge("mid-rms", 2, "op"))).toEqual(["2 latched>normal reset"]);
    m.evaluate("mid-rms", 3, true, 9, "we1");
    m.acknowledge("mid-rms", 4, "op");
    expect(brief(m.evaluate("mid-rms", 5, false, 0, ""))).toEqual(["5 ack>latched clear"]);
    expect(brief(m.evaluate("mid-rms", 6, true, 9, "we1"))).toEqual(["6 latched>unack reactivate"]);
  });

  it("repeated true evaluations raise one alarm", () => {
    const m = new AlarmManager([SPC]);
    const evs = [0, 1, 2, 3].flatMap((t) => m.evaluate("mid-rms", t, true, t, "we1"));
    expect(brief(evs)).toEqual(["0 normal>unack activate"]);
  });
});

describe("chatter", () => {
  it("a condition flickering faster than the delays raises one alarm and clears once", () => {
    const m = new AlarmManager([{ ...SPC, onDelay: 0.3, offDelay: 2 }]);
    const evs: AlarmEvent[] = [];
    // 0.1 s true blips (shorter than the on-delay) never activate
    for (let k = 0; k < 20; k++) evs.push(...m.evaluate("mid-rms", k * 0.2, k % 2 === 0, 1, "we1"));
    expect(evs).toEqual([]);
    // now 0.5 s on / 0.5 s off: activates once, the 0.5 s gaps are shorter than the off-delay
    for (let k = 0; k < 40; k++) evs.push(...m.evaluate("mid-rms", 10 + k * 0.5, k % 2 === 0, 1, k % 2 === 0 ? "we1" : ""));
    expect(brief(evs)).toEqual(["10.3 normal>unack activate"]);
    // quiet for longer than the off-delay: one return to normal, stamped when the delay elapsed
    evs.push(...m.evaluate("mid-rms", 30, false, 0, ""));
    evs.push(...m.tick(40));
    expect(brief(evs)).toEqual(["10.3 normal>unack activate", "31.5 unack>rtn-unack clear"]);
    const without = new AlarmManager([{ ...SPC, onDelay: 0.3, offDelay: 2 }]);
    const flicker: AlarmEvent[] = [];
    for (let k = 0; k < 40; k++) flicker.push(...without.evaluate("mid-rms", 10 + k * 0.5, k % 2 === 0, 1, "we1"));
    expect(flicker.filter((e) => e.event === "activate")).toHaveLength(1);
    const noDelay = new AlarmManager([SPC]);
    const many: AlarmEvent[] = [];
    for (let k = 0; k < 40; k++) many.push(...noDelay.evaluate("mid-rms", 10 + k * 0.5, k % 2 === 0, 1, "we1"));
    // the same stream without delays chatters: the test above can fail
    expect(many.length).toBeGreaterThan(20);
  });

  it("deadband: a value wandering around the limit raises one alarm", () => {
    const def: AlarmDefinition = { id: "vs", source: "threshold:vs-mid-x", priority: "medium", high: 10, deadband: 1 };
    const m = new AlarmManager([def]);
    const bare = new AlarmManager([{ ...def, deadband: 0 }]);
    const evs: AlarmEvent[] = [];
    const bareEvs: AlarmEvent[] = [];
    for (let k = 0; k < 200; k++) {
      // 10 ± 0.6, crossing the limit every other sample
      const v = 10 + 0.6 * Math.sin(k * 1.3);
      evs.push(...m.evaluateThreshold("vs", k * 0.01, v));
      bareEvs.push(...bare.evaluateThreshold("vs", k * 0.01, v));
    }
    expect(evs.map((e) => e.event)).toEqual(["activate"]);
    expect(evs[0]!.rule).toBe("high");
    expect(bareEvs.length).toBeGreaterThan(50);
    // below high − deadband: clears
    expect(brief(m.evaluateThreshold("vs", 3, 8.9))).toEqual(["3 unack>rtn-unack clear"]);
    expect(m.evaluateThreshold("vs", 4, NaN)).toEqual([]);
  });

  it("low limits and a jump from high to low keep the alarm active with the new rule", () => {
    const m = new AlarmManager([{ id: "b", source: "threshold:b", priority: "low", high: 5, low: -5, deadband: 0.5 }]);
    expect(m.evaluateThreshold("b", 0, -5.1)[0]!.rule).toBe("low");
    expect(m.evaluateThreshold("b", 1, -4.6)).toEqual([]);
    expect(brief(m.evaluateThreshold("b", 2, -4.4))).toEqual(["2 unack>rtn-unack clear"]);
    m.evaluateThreshold("b", 3, 6);
    expect(m.evaluateThreshold("b", 4, -6)).toEqual([]);
    expect(m.active()[0]!.rule).toBe("low");
  });
});

describe("shelving", () => {
  it("a shelved alarm does not annunciate, its condition is tracked, and it returns unack at expiry", () => {
    const m = new AlarmManager([SPC]);
    expect(brief(m.shelve("mid-rms", 0, "op", 10))).toEqual(["0 normal>shelved shelve"]);
    const during = m.evaluate("mid-rms", 1, true, 7, "we1");
    expect(during).toEqual([expect.objectContaining({ state: "shelved", from: "shelved", event: "condition-active", annunciated: false })]);
    expect(m.active()).toEqual([expect.objectContaining({ state: "shelved", conditionActive: true, shelvedUntil: 10 })]);
    expect(m.tick(5)).toEqual([]);
    const back = m.tick(12);
    expect(brief(back)).toEqual(["10 shelved>unack shelve-expired"]);
    expect(back[0]!.annunciated).toBe(true);
  });

  it("unshelve of a clear alarm returns it to normal; shelving an active alarm hides it", () => {
    const m = new AlarmManager([SPC]);
    m.evaluate("mid-rms", 0, true, 7, "we1");
    expect(brief(m.shelve("mid-rms", 1, "op", 60))).toEqual(["1 unack>shelved shelve"]);
    expect(m.evaluate("mid-rms", 2, false, 0, "")[0]).toMatchObject({ event: "condition-clear", annunciated: false });
    expect(brief(m.unshelve("mid-rms", 3, "op"))).toEqual(["3 shelved>normal unshelve"]);
    expect(m.unshelve("mid-rms", 4, "op")).toEqual([]);
    expect(() => m.shelve("mid-rms", 5, "op", 0)).toThrow(/shelf time/);
  });
});

describe("determinism", () => {
  const defs: AlarmDefinition[] = [
    { id: "a", source: "spc:a", priority: "high", onDelay: 0.25, offDelay: 0.5 },
    { id: "b", source: "threshold:b", priority: "low", high: 1, deadband: 0.1, onDelay: 0.05 },
    { id: "c", source: "novelty", priority: "critical", latch: true, offDelay: 0.1 },
  ];
  /** A scripted run from step k0 to k1 (exclusive); ticks every `tickEvery` steps (0: never). */
  function run(m: AlarmManager, k0: number, k1: number, tickEvery: number): AlarmEvent[] {
    const evs: AlarmEvent[] = [];
    for (let k = k0; k < k1; k++) {
      const t = k * 0.01;
      const x = Math.sin(k * 0.037) + 0.3 * Math.sin(k * 0.71);
      evs.push(...m.evaluate("a", t, x > 0.6, x, x > 0.6 ? "we1" : ""));
      evs.push(...m.evaluateThreshold("b", t, x + 0.2));
      evs.push(...m.evaluate("c", t, (k % 97) < 9, k % 97, "novel"));
      if (k === 150) evs.push(...m.shelve("b", t, "op", 1.234));
      if (k % 211 === 0) evs.push(...m.acknowledge("a", t, "op"), ...m.acknowledge("c", t, "op"));
      if (tickEvery > 0 && k % tickEvery === 0) evs.push(...m.tick(t + 0.005));
    }
    return evs;
  }
  const key = (e: AlarmEvent): string => JSON.stringify(e);

  it("snapshot/restore (through JSON) gives identical subsequent events", () => {
    const whole = new AlarmManager(defs);
    const all = run(whole, 0, 1000, 0);
    expect(all.length).toBeGreaterThan(30);
    const first = new AlarmManager(defs);
    const head = run(first, 0, 420, 0);
    const restored = AlarmManager.restore(defs, JSON.parse(JSON.stringify(first.snapshot())));
    const tail = run(restored, 420, 1000, 0);
    expect([...head, ...tail].map(key)).toEqual(all.map(key));
    expect(restored.snapshot()).toEqual(whole.snapshot());
  });

  it("the events do not depend on how often tick() is called", () => {
    const a = run(new AlarmManager(defs), 0, 1000, 0).map(key).sort();
    const b = run(new AlarmManager(defs), 0, 1000, 7).map(key).sort();
    expect(b).toEqual(a);
  });

  it("restore refuses a snapshot of other alarms or a bad one", () => {
    const snap = new AlarmManager(defs).snapshot();
    expect(() => AlarmManager.restore(defs.slice(1), snap)).toThrow(/snapshot.alarms\[0\].id: alarm a is not defined/);
    expect(() => AlarmManager.restore(defs, { version: 2 })).toThrow(/snapshot: not an alarm snapshot/);
    const bad = JSON.parse(JSON.stringify(snap));
    bad.alarms[1].state = "angry";
    expect(() => AlarmManager.restore(defs, bad)).toThrow(/snapshot.alarms\[1\].state: unknown state angry/);
  });

  it("time never goes back for an alarm", () => {
    const m = new AlarmManager(defs);
    m.evaluate("a", 5, true, 1, "we1");
    expect(() => m.evaluate("a", 4, true, 1, "we1")).toThrow(/before 5 s/);
    expect(() => m.evaluate("zz", 5, true, 1, "we1")).toThrow(/no alarm zz/);
  });
});

describe("definitions", () => {
  it("located errors", () => {
    expect(() => checkAlarmDefinitions({})).toThrow(/^alarms: expected an array/);
    expect(() => checkAlarmDefinitions([SPC, { ...SPC }])).toThrow(/^alarms\[1\].id: duplicate alarm id mid-rms/);
    expect(() => checkAlarmDefinitions([{ ...SPC, priority: "loud" }])).toThrow(/^alarms\[0\].priority: expected one of low, medium, high, critical/);
    expect(() => checkAlarmDefinitions([{ ...SPC, onDelay: -1 }])).toThrow(/^alarms\[0\].onDelay: expected a finite number ≥ 0/);
    expect(() => checkAlarmDefinitions([{ ...SPC, high: 1, low: 2 }])).toThrow(/^alarms\[0\].low: low 2 must be below high 1/);
    expect(() => checkAlarmDefinitions([{ ...SPC, deadband: 1 }])).toThrow(/^alarms\[0\].deadband: a deadband needs a high or low limit/);
    expect(() => checkAlarmDefinitions([{ ...SPC, colour: "red" }])).toThrow(/^alarms\[0\].colour: unknown field/);
    expect(() => new AlarmManager([SPC]).evaluateThreshold("mid-rms", 0, 1)).toThrow(/no high or low limit/);
  });
});

describe("docs/alarms.md", () => {
  it("names every state and every transition event the manager emits", () => {
    const doc = readFileSync(new URL("../docs/alarms.md", import.meta.url), "utf8");
    const states: AlarmState[] = ["normal", "unack", "ack", "rtn-unack", "latched", "shelved"];
    for (const s of states) expect(doc).toMatch(new RegExp(`^\\| \`${s}\` \\|`, "m"));
    // every event of a run through all transitions
    const m = new AlarmManager([{ ...SPC, latch: false }, { id: "l", source: "novelty", priority: "low", latch: true }]);
    const evs = [
      ...m.evaluate("mid-rms", 0, true, 1, "we1"), ...m.acknowledge("mid-rms", 1, "op"), ...m.evaluate("mid-rms", 2, false, 0, ""),
      ...m.evaluate("mid-rms", 3, true, 1, "we1"), ...m.evaluate("mid-rms", 4, false, 0, ""), ...m.evaluate("mid-rms", 5, true, 1, "we1"),
      ...m.shelve("mid-rms", 6, "op", 1), ...m.evaluate("mid-rms", 6.5, false, 0, ""), ...m.evaluate("mid-rms", 6.6, true, 1, "we1"), ...m.tick(8),
      ...m.shelve("mid-rms", 9, "op", 5), ...m.unshelve("mid-rms", 10, "op"),
      ...m.evaluate("l", 20, true, 1, "novel"), ...m.evaluate("l", 21, false, 0, ""), ...m.evaluate("l", 22, true, 1, "novel"), ...m.evaluate("l", 23, false, 0, ""), ...m.acknowledge("l", 24, "op"),
    ];
    const events = new Set(evs.map((e) => e.event));
    expect([...events].sort()).toEqual(["acknowledge", "activate", "clear", "condition-active", "condition-clear", "reactivate", "reset", "shelve", "shelve-expired", "unshelve"]);
    const table = doc.slice(doc.indexOf("## Transitions"), doc.indexOf("## Against chatter"));
    for (const e of events) expect(table).toContain(`\`${e}\``);
    // and each (from, to, event) triple is a row of the table
    for (const e of evs) {
      const row = table.split("\n").find((l) => {
        const [, from, to, event] = l.split("|").map((c) => c.trim());
        return event !== undefined && event.includes(`\`${e.event}\``) && (from === "any" || from!.includes(e.from)) && to!.includes(e.state);
      });
      expect(row, `${e.from} → ${e.state} by ${e.event}`).toBeDefined();
    }
  });
});
