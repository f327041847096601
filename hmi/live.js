// The live feeds of one twin, as server-sent events (WHATWG HTML §9.2): the runner's records from
// GET /api/<D>/_live (hello, estimates, window, spc, alarm, status) and attribute changes from
// GET /api/<D>/_events?types=change. Each event's JSON is parsed once and handed to the subscribers;
// a malformed event is reported, never thrown.
import { streamUrl } from "./api.js";
import { say } from "./status.js";

const LIVE_TYPES = ["hello", "estimates", "window", "spc", "alarm", "status"];

export class LiveFeed {
  /** @param {string} device @param {(state: string) => void} onState */
  constructor(device, onState) {
    this.device = device;
    this.onState = onState;
    /** @type {Map<string, Set<(data: any) => void>>} */
    this.subs = new Map();
    this.sources = [];
    this.hello = null;
  }

  /** @param {string} type @param {(data: any) => void} fn */
  on(type, fn) {
    let set = this.subs.get(type);
    if (!set) this.subs.set(type, (set = new Set()));
    set.add(fn);
    if (type === "hello" && this.hello) fn(this.hello);
    return () => set.delete(fn);
  }

  emit(type, data) {
    if (type === "hello") this.hello = data;
    const set = this.subs.get(type);
    if (!set) return;
    for (const fn of set) {
      try {
        fn(data);
      } catch (e) {
        say(`${type} event: ${e instanceof Error ? e.message : String(e)}`, "error");
      }
    }
  }

  start() {
    this.states = { live: "connecting", events: "connecting" };
    this.open("_live", { types: "estimates,window,spc,alarm,status" }, LIVE_TYPES, "live");
    this.open("_events", { types: "change" }, ["change"], "events");
  }

  open(route, params, types, label) {
    if (typeof EventSource === "undefined") {
      say("This browser has no EventSource: live values are off", "error");
      return;
    }
    const es = new EventSource(streamUrl(this.device, route, params));
    this.sources.push(es);
    es.addEventListener("open", () => this.state(label, "open"));
    es.addEventListener("error", () => {
      // CLOSED: the server refused the stream (401/403/404); CONNECTING: the browser retries by itself
      if (es.readyState === EventSource.CLOSED) {
        this.state(label, "closed");
        say(`the ${route} stream of ${this.device} was refused or ended`, "error");
      } else this.state(label, "reconnecting");
    });
    for (const type of types) {
      es.addEventListener(type, (ev) => {
        let data;
        try {
          data = JSON.parse(ev.data);
        } catch {
          say(`${route}: a ${type} event that is not JSON was skipped`, "error");
          return;
        }
        if (data && typeof data === "object") this.emit(type, data);
      });
    }
  }

  state(label, s) {
    (this.states ??= {})[label] = s;
    const all = Object.values(this.states);
    this.onState(all.every((x) => x === "open") ? "live" : all.includes("closed") ? "closed" : all.includes("reconnecting") ? "reconnecting" : "connecting");
  }

  close() {
    for (const es of this.sources) es.close();
    this.sources = [];
    this.subs.clear();
  }
}
