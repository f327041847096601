// The operating state from the runner's `window` records: the recognised state (or "novel"), its
// confidence, the novelty score, the shaft speed, and the history of state changes. A change is
// announced through the page's aria-live region.
import { h, num, clock } from "./dom.js";

const HISTORY = 200;

export function createStateView(ctx, panel) {
  let current = null;
  let dirty = false;
  let built = false;
  /** newest first */
  const changes = [];
  let fields, list;

  const off = ctx.feed.on("window", (r) => {
    if (typeof r.state !== "string") return;
    const prev = current;
    current = r;
    if (prev === null || prev.state !== r.state) {
      changes.unshift({ t: r.t, wall: Date.now(), from: prev ? prev.state : "—", to: r.state });
      if (changes.length > HISTORY) changes.length = HISTORY;
      if (prev !== null) ctx.announce(`Operating state changed from ${prev.state} to ${r.state}`);
    }
    dirty = true;
  });

  function build() {
    const f = (label, testid) => {
      const dd = h("dd", { "data-testid": testid }, "–");
      return [h("dt", {}, label), dd];
    };
    const rows = [f("State", "state-current"), f("Confidence", "state-confidence"), f("Novelty", "state-novelty"), f("Speed (rpm)", "state-rpm"), f("Runner time (s)", "state-time")];
    fields = rows.map((r) => r[1]);
    list = h("tbody", { "data-testid": "state-history" });
    panel.append(h("div", { class: "two-col" },
      h("section", { class: "card", "aria-labelledby": "state-title" }, h("h3", { id: "state-title" }, "Operating state"), h("dl", { class: "state" }, ...rows.flat())),
      h("section", { class: "card", "aria-labelledby": "changes-title" }, h("h3", { id: "changes-title" }, "State changes"),
        h("table", { class: "grid" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "time"), h("th", { scope: "col" }, "runner t (s)"), h("th", { scope: "col" }, "from"), h("th", { scope: "col" }, "to"))), list))));
    built = true;
  }

  return {
    show() {
      if (!built) build();
      dirty = true;
    },
    frame(visible) {
      if (!visible || !built || !dirty) return false;
      dirty = false;
      if (current) {
        const [state, conf, nov, rpm, t] = fields;
        state.textContent = current.state;
        state.dataset.state = current.state;
        conf.textContent = num(current.confidence);
        nov.textContent = num(current.novelty);
        rpm.textContent = num(current.rpm);
        t.textContent = num(current.t);
      }
      list.replaceChildren(...changes.map((c) => h("tr", { "data-testid": "state-change" }, h("td", {}, clock(c.wall)), h("td", {}, num(c.t)), h("td", {}, c.from), h("td", {}, c.to))));
      return true;
    },
    dispose() {
      off();
    },
  };
}
