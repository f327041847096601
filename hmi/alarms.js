// Alarms: the table of GET /api/<D>/_alarms kept current by the runner's `alarm` records, with the
// ISA-18.2 state names (ANSI/ISA-18.2-2016 clause 11, states A–F; docs/alarms.md). Acknowledge and
// Shelve call the API; they are disabled, with a title saying why, when GET /api/_twins reports that
// the caller may not change this twin's alarms. The API checks again on every call and its refusal
// is shown in the status bar.
import { api, devicePath } from "./api.js";
import { h, clock } from "./dom.js";
import { say } from "./status.js";

export const ISA_STATES = {
  normal: "Normal (A)",
  unack: "Unacknowledged (B)",
  ack: "Acknowledged (C)",
  "rtn-unack": "Returned to normal, unacknowledged (D)",
  latched: "Latched (E)",
  shelved: "Shelved (F)",
};
const ACKABLE = new Set(["unack", "rtn-unack", "latched"]);
const SHELVE_CHOICES = [[600, "10 min"], [3600, "1 h"], [8 * 3600, "8 h"]];

export function createAlarmsView(ctx, panel, counter) {
  /** id → { id, state, priority, message, source, sinceMs } */
  const alarms = new Map();
  let built = false;
  let dirty = true;
  let body;
  const mayWrite = ctx.permissions === null || ctx.permissions.alarms === true || (ctx.permissions.alarms === undefined && ctx.permissions.write === true);
  const why = "Your sign-in may not acknowledge or shelve this twin's alarms (no WRITE on its alarms)";

  async function refresh() {
    try {
      const list = await api(devicePath(ctx.device, "_alarms"));
      if (!Array.isArray(list)) return;
      alarms.clear();
      for (const a of list) if (a && typeof a.id === "string") alarms.set(a.id, a);
      dirty = true;
    } catch (e) {
      ctx.onError(e);
    }
  }

  const off = ctx.feed.on("alarm", (r) => {
    const id = typeof r.id === "string" ? r.id : typeof r.alarm === "string" ? r.alarm : null;
    if (id === null || typeof r.state !== "string") return;
    if (r.state === "normal") alarms.delete(id);
    else {
      const prev = alarms.get(id);
      alarms.set(id, { id, state: r.state, priority: r.priority ?? prev?.priority, message: r.message ?? prev?.message, source: r.source ?? prev?.source, sinceMs: prev?.sinceMs ?? Date.now() });
    }
    dirty = true;
  });

  async function act(id, action, body) {
    try {
      await api(devicePath(ctx.device, `_alarms/${encodeURIComponent(id)}/${action}`), { method: "POST", ...(body ? { body } : {}) });
      say(`Alarm ${id}: ${action === "ack" ? "acknowledged" : "shelved"}`);
      await refresh();
    } catch (e) {
      ctx.onError(e);
    }
  }

  function row(a) {
    const ack = h("button", { type: "button", "data-testid": "alarm-ack", "aria-label": `Acknowledge alarm ${a.id}` }, "Acknowledge");
    const secs = h("select", { "aria-label": `Shelve alarm ${a.id} for`, "data-testid": "alarm-shelve-time" }, ...SHELVE_CHOICES.map(([v, l]) => new Option(l, String(v))));
    const shelve = h("button", { type: "button", "data-testid": "alarm-shelve", "aria-label": `Shelve alarm ${a.id}` }, "Shelve");
    if (!mayWrite) {
      for (const b of [ack, secs, shelve]) {
        b.disabled = true;
        b.title = why;
      }
    } else {
      if (!ACKABLE.has(a.state)) {
        ack.disabled = true;
        ack.title = `Nothing to acknowledge: the alarm is ${ISA_STATES[a.state] ?? a.state}`;
      }
      if (a.state === "shelved") {
        shelve.disabled = true;
        shelve.title = "Already shelved";
      }
      ack.addEventListener("click", () => act(a.id, "ack"));
      shelve.addEventListener("click", () => act(a.id, "shelve", { seconds: Number(secs.value) }));
    }
    return h("tr", { "data-testid": "alarm-row", "data-alarm": a.id, "data-state": a.state },
      h("td", {}, a.id), h("td", { "data-testid": "alarm-state" }, ISA_STATES[a.state] ?? a.state), h("td", {}, a.priority ?? ""),
      h("td", {}, a.message ?? ""), h("td", {}, clock(a.sinceMs)), h("td", { class: "actions" }, ack, secs, shelve));
  }

  refresh();
  return {
    show() {
      if (built) return;
      body = h("tbody", { "data-testid": "alarm-rows" });
      panel.append(
        h("div", { class: "toolbar" }, h("button", { type: "button", "data-testid": "alarm-refresh", onclick: () => refresh() }, "Refresh"),
          mayWrite ? null : h("span", { class: "muted", "data-testid": "alarm-readonly" }, why)),
        h("table", { class: "grid", "data-testid": "alarm-table" },
          h("caption", { class: "sr-only" }, "Active alarms"),
          h("thead", {}, h("tr", {}, ...["id", "state", "priority", "message", "since", "actions"].map((c) => h("th", { scope: "col" }, c)))), body));
      built = true;
      dirty = true;
    },
    frame(visible) {
      if (!dirty) return false;
      counter.textContent = alarms.size ? String(alarms.size) : "";
      if (!visible || !built) return false;
      dirty = false;
      const rows = [...alarms.values()].sort((a, b) => (b.sinceMs ?? 0) - (a.sinceMs ?? 0)).map(row);
      body.replaceChildren(...(rows.length ? rows : [h("tr", {}, h("td", { colspan: 6, class: "muted" }, "No active alarms"))]));
      return true;
    },
    dispose() {
      off();
    },
  };
}
