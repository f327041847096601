// One deployed twin: its live device model, its history store, its events and its writer. Every change
// (POST, bulk, runner binding, method) goes through one writer per twin, in order: the requests that
// queued while a commit ran are checked one after another against the values the earlier ones leave
// (type, constraints, If-Match), the valid ones go to the store in ONE transaction (group commit), and
// only once that transaction is durable are the values applied, the events fired and the callers
// answered. A request is all or nothing; a store that fails answers every request of the batch with
// 503 and applies nothing.
import { type AttributeDef, checkValue, type DeviceModel, type Part, ValueError } from "./device.js";
import type { EventBus } from "./events/bus.js";
import type { NewEvent } from "./events/model.js";
import { RuleEngine } from "./events/rules.js";
import { Problem } from "./problem.js";
import type { AttrValue, ChangeRecord, ChangeSource, HistoryStore, NewChange } from "./types.js";
import type { TwinDescriptor } from "./twins.js";

/** One part's new values within a write. */
export interface WriteItem {
  part: string;
  values: Record<string, unknown>;
  /** RFC 9110 §13.1.1 If-Match: the part's entity tag the client last saw ("*" = any) */
  ifMatch?: string;
  /** JSON Pointer of the item in the request body (for messages) */
  pointer: string;
}

export interface WriteRequest {
  subject: string;
  source: ChangeSource;
  items: WriteItem[];
  /** skip values equal to the current one (the runner's bindings): no record for a non-change */
  skipUnchanged?: boolean;
}

interface Pending {
  req: WriteRequest;
  resolve: (r: ChangeRecord[]) => void;
  reject: (e: unknown) => void;
}

export class LiveTwin {
  private queue: Pending[] = [];
  private writing = false;
  private readonly rules: RuleEngine;
  /** ms of the last change */
  private lastMs = 0;

  constructor(
    readonly descriptor: TwinDescriptor,
    readonly device: DeviceModel,
    readonly store: HistoryStore,
    readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {
    this.rules = new RuleEngine(descriptor.device, descriptor.rules.map((r) => ({ ...r, condition: r.condition as "above" | "below" })));
  }

  get name(): string {
    return this.descriptor.device;
  }

  /** Restores the values the store holds (the last stored change of every attribute). */
  async restore(): Promise<number> {
    let n = 0;
    for (const l of await this.store.latest(this.name)) {
      const part = this.device.part(l.part);
      if (part === undefined || !part.attributes.has(l.attribute)) continue;
      this.device.set(l.part, l.attribute, l.value);
      this.lastMs = Math.max(this.lastMs, l.timeMs);
      n++;
    }
    return n;
  }

  /** Queues a write; resolves with the stored records once they are durable. */
  write(req: WriteRequest): Promise<ChangeRecord[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.queue.length);
        const overlay = new Map<string, AttrValue>();
        const accepted: { p: Pending; changes: NewChange[] }[] = [];
        for (const p of batch) {
          try {
            const changes = this.check(p.req, overlay);
            accepted.push({ p, changes });
          } catch (e) {
            p.reject(e);
          }
        }
        const all = accepted.flatMap((a) => a.changes);
        if (all.length === 0) {
          for (const a of accepted) a.p.resolve([]);
          continue;
        }
        let stored: ChangeRecord[];
        try {
          stored = await this.store.append(all);
        } catch (e) {
          for (const a of accepted) a.p.reject(e);
          continue;
        }
        let k = 0;
        for (const a of accepted) {
          const mine = stored.slice(k, k + a.changes.length);
          k += a.changes.length;
          for (const r of mine) this.apply(r);
          a.p.resolve(mine);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Checks a request against the current values plus the batch's earlier changes (overlay). */
  private check(req: WriteRequest, overlay: Map<string, AttrValue>): NewChange[] {
    const changes: NewChange[] = [];
    const local = new Map(overlay);
    // integer ms, never before an earlier change (the clock may step back): history stays ordered
    const t = Math.max(Math.floor(this.now()), this.lastMs);
    for (const item of req.items) {
      const part = this.device.part(item.part);
      if (part === undefined) throw Problem.notFound(`${this.name}: no part ${JSON.stringify(item.part)}`, item.pointer);
      if (item.ifMatch !== undefined && item.ifMatch !== "*") {
        const current = this.etagWith(part, local);
        const tags = item.ifMatch.split(",").map((s) => s.trim().replace(/^W\//, ""));
        if (!tags.includes(current)) throw Problem.preconditionFailed(`${this.name}/${item.part}: the part changed (its entity tag is ${current}, If-Match named ${item.ifMatch})`);
      }
      for (const [name, raw] of Object.entries(item.values)) {
        const pointer = `${item.pointer}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        const def: AttributeDef | undefined = part.attributes.get(name);
        if (def === undefined) throw Problem.unprocessable(`${this.name}/${item.part || "(root)"}: no attribute ${JSON.stringify(name)}`, [{ pointer, detail: "unknown attribute" }]);
        let v: AttrValue;
        try {
          v = checkValue(def, raw, pointer);
        } catch (e) {
          if (e instanceof ValueError) throw Problem.unprocessable(`${this.name}/${item.part || "(root)"}: ${e.message}`, [{ pointer: e.pointer, detail: e.message }]);
          throw e;
        }
        const k = `${item.part}\u0000${name}`;
        const old = local.has(k) ? local.get(k)! : this.device.value(item.part, name);
        if (req.skipUnchanged === true && old !== undefined && Object.is(old, v)) continue;
        local.set(k, v);
        changes.push({ twin: this.name, part: item.part, attribute: name, oldValue: old ?? null, newValue: v, subject: req.subject, source: req.source, timeMs: t });
      }
    }
    // the request is valid as a whole: its values join the batch's
    for (const [k, v] of local) overlay.set(k, v);
    if (changes.length > 0) this.lastMs = t;
    return changes;
  }

  private etagWith(part: Part, overlay: Map<string, AttrValue>): string {
    let touched = false;
    for (const name of part.attributes.keys()) if (overlay.has(`${part.path}\u0000${name}`)) touched = true;
    if (!touched) return this.device.etag(part);
    return this.device.etagOf(part, (name) => {
      const k = `${part.path}\u0000${name}`;
      return overlay.has(k) ? overlay.get(k) : this.device.value(part.path, name);
    });
  }

  private apply(r: ChangeRecord): void {
    this.device.set(r.part, r.attribute, r.newValue);
    this.bus.publish({ type: "change", twin: r.twin, part: r.part, attribute: r.attribute, oldValue: r.oldValue, newValue: r.newValue, subject: r.subject, source: r.source, timeMs: r.timeMs, seq: r.seq });
    for (const e of this.rules.onChange({ part: r.part, attribute: r.attribute, newValue: r.newValue, timeMs: r.timeMs })) this.bus.publish(e);
  }

  /**
   * Records a method call in the history: part "" (the device), attribute "_methods/<name>", the
   * outcome as value. Not an attribute of the device model: a restart does not restore it.
   */
  async recordMethod(method: string, subject: string, outcome: string): Promise<void> {
    const t = Math.max(Math.floor(this.now()), this.lastMs);
    await this.store.append([{ twin: this.name, part: "", attribute: `_methods/${method}`, oldValue: null, newValue: outcome.slice(0, 2000), subject, source: "method", timeMs: t }]);
  }

  /** Publishes an event of this twin (alarms from the runner, method calls). */
  publish(e: NewEvent): void {
    this.bus.publish(e);
  }

  activeRules(): { rule: string; part: string; since: number }[] {
    return this.rules.active();
  }
}
