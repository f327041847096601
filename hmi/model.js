// Model views: the Campbell diagram of the current rotor model (natural frequencies over speed, the
// 1X line f = n/60, the current speed marked), its mode shapes at a chosen speed, and the attribute
// history table with keyset paging (the `next` cursor of GET _history; Previous goes back through
// the cursors already used).
import uPlot from "/hmi/vendor/uPlot.esm.js";
import { api, devicePath } from "./api.js";
import { h, num, clock, clear } from "./dom.js";

const COLORS = ["#1f4e79", "#e07b00", "#2e7d32", "#c62828", "#6a3d9a", "#00838f", "#b8860b", "#d81b60"];
const PAGE = 20;

export function createModelView(ctx, panel) {
  let built = false;
  let currentRpm = null;
  let campbell = null;
  let markerDirty = false;

  const offChange = ctx.feed.on("change", (e) => {
    // the motor's speed attribute (Motor/@Speed) moves the marker
    if (e.attribute === "Speed" && typeof e.part === "string" && /(^|\/)Motor$/.test(e.part) && typeof e.newValue === "number") {
      currentRpm = e.newValue;
      markerDirty = true;
    }
  });

  function campbellChart(box, data) {
    const speeds = data.speedsRpm.map(Number);
    const series = [{}];
    const cols = [speeds];
    data.modes.forEach((m, k) => {
      cols.push(m.frequenciesHz.map((f) => (Number.isFinite(f) ? f : null)));
      series.push({ label: `mode ${m.index}`, stroke: COLORS[k % COLORS.length], width: 1.5, points: { show: false } });
    });
    cols.push(speeds.map((n) => n / 60));
    series.push({ label: "1X", stroke: "#666666", width: 1, dash: [6, 4], points: { show: false } });
    const marker = (u) => {
      if (currentRpm === null || !Number.isFinite(currentRpm)) return;
      const x = Math.round(u.valToPos(currentRpm, "x", true));
      const g = u.ctx;
      g.save();
      g.strokeStyle = "#c62828";
      g.lineWidth = 2 * (window.devicePixelRatio || 1);
      g.beginPath();
      g.moveTo(x, u.bbox.top);
      g.lineTo(x, u.bbox.top + u.bbox.height);
      g.stroke();
      g.fillStyle = "#c62828";
      g.font = `${12 * (window.devicePixelRatio || 1)}px Helvetica, Arial, sans-serif`;
      g.fillText(`${num(currentRpm)} rpm`, x + 4, u.bbox.top + 14 * (window.devicePixelRatio || 1));
      g.restore();
    };
    return new uPlot({
      width: Math.max(300, box.clientWidth - 8 || 600), height: 300,
      scales: { x: { time: false } },
      axes: [{ label: "speed (rpm)" }, { label: "frequency (Hz)", size: 60 }],
      cursor: { drag: { x: false, y: false } },
      series, hooks: { draw: [marker] },
    }, cols, box);
  }

  async function loadCampbell(box, crit) {
    try {
      const data = await api(`${devicePath(ctx.device, "_views/campbell")}?speeds=0:6000:250`);
      if (!data || !Array.isArray(data.speedsRpm) || !Array.isArray(data.modes)) throw new Error("GET _views/campbell: unexpected answer");
      if (typeof data.currentRpm === "number") currentRpm = data.currentRpm;
      clear(box);
      campbell = campbellChart(box, data);
      crit.textContent = Array.isArray(data.criticalSpeedsRpm) && data.criticalSpeedsRpm.length ? `Critical speeds: ${data.criticalSpeedsRpm.map((n) => `${num(n)} rpm`).join(", ")}` : "No critical speed in 0–6000 rpm";
    } catch (e) {
      ctx.onError(e);
      box.textContent = "The Campbell diagram could not be computed.";
    }
  }

  let modesData = null;
  let modesChart = null;
  function drawMode(box, index) {
    if (!modesData) return;
    const m = modesData.modes.find((x) => String(x.index) === String(index)) ?? modesData.modes[0];
    if (!m) return;
    modesChart?.destroy();
    clear(box);
    const xs = modesData.nodes.x.map(Number);
    modesChart = new uPlot({
      width: Math.max(300, box.clientWidth - 8 || 600), height: 260,
      title: `mode ${m.index}: ${num(m.frequencyHz)} Hz, ${m.whirl} whirl, log. decrement ${num(m.logdec)}`,
      scales: { x: { time: false } },
      axes: [{ label: "position (m)" }, { label: "normalised shape", size: 60 }],
      series: [{}, { label: "x", stroke: "#1f4e79", width: 1.5 }, { label: "y", stroke: "#e07b00", width: 1.5 }],
    }, [xs, m.shape.x.map(Number), m.shape.y.map(Number)], box);
  }

  async function loadModes(box, select, speed) {
    try {
      const data = await api(`${devicePath(ctx.device, "_views/modes")}?speed=${encodeURIComponent(String(speed))}`);
      if (!data || !data.nodes || !Array.isArray(data.nodes.x) || !Array.isArray(data.modes)) throw new Error("GET _views/modes: unexpected answer");
      modesData = data;
      const keep = select.value;
      select.replaceChildren(...data.modes.map((m) => new Option(`mode ${m.index} — ${num(m.frequencyHz)} Hz`, String(m.index))));
      if ([...select.options].some((o) => o.value === keep)) select.value = keep;
      drawMode(box, select.value);
    } catch (e) {
      ctx.onError(e);
      box.textContent = "The mode shapes could not be computed.";
    }
  }

  function historySection() {
    const partSel = h("select", { id: "hist-part", "data-testid": "history-part" });
    const attrSel = h("select", { id: "hist-attr", "data-testid": "history-attribute" });
    const body = h("tbody", { "data-testid": "history-rows" });
    const prev = h("button", { type: "button", "data-testid": "history-prev", disabled: true }, "Previous");
    const next = h("button", { type: "button", "data-testid": "history-next", disabled: true }, "Next");
    const pageInfo = h("span", { class: "muted", "data-testid": "history-page" });
    /** cursors of the pages shown so far: cursors[k] fetched page k (null for the first) */
    let cursors = [null];
    let nextCursor = null;
    const attrsOf = new Map();

    async function page(k) {
      const q = new URLSearchParams({ part: partSel.value, subtree: "false", limit: String(PAGE), order: "desc" });
      if (attrSel.value) q.set("attribute", attrSel.value);
      if (cursors[k]) q.set("cursor", cursors[k]);
      try {
        const res = await api(`${devicePath(ctx.device, "_history")}?${q}`);
        const records = Array.isArray(res?.records) ? res.records : [];
        cursors = cursors.slice(0, k + 1);
        nextCursor = typeof res?.next === "string" ? res.next : null;
        body.replaceChildren(...(records.length ? records.map((r) => h("tr", { "data-testid": "history-row" },
          h("td", {}, clock(r.timeMs)), h("td", {}, r.part || "(root)"), h("td", {}, r.attribute), h("td", {}, num(r.oldValue)), h("td", {}, num(r.newValue)), h("td", {}, r.subject ?? ""), h("td", {}, r.source ?? "")))
          : [h("tr", {}, h("td", { colspan: 7, class: "muted" }, "No records"))]));
        prev.disabled = k === 0;
        next.disabled = nextCursor === null;
        pageInfo.textContent = `page ${k + 1}`;
        current = k;
      } catch (e) {
        ctx.onError(e);
      }
    }
    let current = 0;
    prev.addEventListener("click", () => { if (current > 0) page(current - 1); });
    next.addEventListener("click", () => { if (nextCursor !== null) { cursors[current + 1] = nextCursor; page(current + 1); } });
    const fillAttrs = () => {
      attrSel.replaceChildren(new Option("(all)", ""), ...(attrsOf.get(partSel.value) ?? []).map((a) => new Option(a, a)));
    };
    partSel.addEventListener("change", () => { fillAttrs(); cursors = [null]; page(0); });
    attrSel.addEventListener("change", () => { cursors = [null]; page(0); });

    api(devicePath(ctx.device, "_tree")).then((res) => {
      const walk = (n, rel) => {
        attrsOf.set(rel, Object.keys(n.attributes ?? {}));
        partSel.append(new Option(rel || `${n.name} (root)`, rel));
        for (const c of n.children ?? []) walk(c, rel ? `${rel}/${c.name}` : c.name);
      };
      if (res?.root) walk(res.root, "");
      fillAttrs();
      page(0);
    }).catch(ctx.onError);

    return h("section", { class: "card wide", "aria-labelledby": "hist-title", "data-testid": "history" }, h("h3", { id: "hist-title" }, "Attribute history"),
      h("div", { class: "toolbar" }, h("label", { for: "hist-part" }, "Part"), partSel, h("label", { for: "hist-attr" }, "Attribute"), attrSel, prev, next, pageInfo),
      h("table", { class: "grid" }, h("thead", {}, h("tr", {}, ...["time", "part", "attribute", "old", "new", "subject", "source"].map((c) => h("th", { scope: "col" }, c)))), body));
  }

  function build() {
    const cBox = h("div", { class: "chart", "data-testid": "campbell" });
    const crit = h("p", { class: "muted", "data-testid": "critical-speeds" });
    const mBox = h("div", { class: "chart", "data-testid": "mode-shapes" });
    const modeSel = h("select", { id: "mode-select", "data-testid": "mode-select" });
    const speedIn = h("input", { id: "mode-speed", type: "number", min: 0, max: 100000, step: 50, value: 0, "data-testid": "mode-speed" });
    modeSel.addEventListener("change", () => drawMode(mBox, modeSel.value));
    speedIn.addEventListener("change", () => loadModes(mBox, modeSel, Number(speedIn.value) || 0));
    panel.append(h("div", { class: "two-col" },
      h("section", { class: "card", "aria-labelledby": "campbell-title" }, h("h3", { id: "campbell-title" }, "Campbell diagram"), cBox, crit),
      h("section", { class: "card", "aria-labelledby": "modes-title" }, h("h3", { id: "modes-title" }, "Mode shapes"),
        h("div", { class: "toolbar" }, h("label", { for: "mode-speed" }, "Speed (rpm)"), speedIn, h("label", { for: "mode-select" }, "Mode"), modeSel), mBox),
      historySection()));
    loadCampbell(cBox, crit);
    loadModes(mBox, modeSel, 0);
  }

  return {
    show() {
      if (built) return;
      built = true;
      build();
    },
    frame(visible) {
      if (!visible || !markerDirty || !campbell) return false;
      markerDirty = false;
      campbell.redraw(false);
      return true;
    },
    dispose() {
      offChange();
      campbell?.destroy();
      modesChart?.destroy();
    },
  };
}
