// Live traces: the measured and virtual sensors of `estimates` records (already decimated by the
// service to the display rate) in one ring per signal, drawn with uPlot, one chart per checked signal,
// decimated again to the chart's pixel width (min/max per column). Records only fill the rings and
// mark the view dirty; the page's one animation loop calls frame(), which redraws at most once.
import uPlot from "/hmi/vendor/uPlot.esm.js";
import { h, clear } from "./dom.js";
import { Ring, decimate } from "./ring.js";

const WINDOWS = [2, 5, 10, 30];
const MAX_WINDOW = 30;
const ORBIT_SPAN_S = 1; // the orbit shows the last second: a few revolutions at running speed
const COLORS = ["#1f4e79", "#e07b00", "#2e7d32", "#c62828", "#6a3d9a", "#00838f", "#b8860b", "#d81b60"];

export function createTracesView(ctx, panel) {
  /** @type {Map<string, Ring>} */
  const rings = new Map();
  let rate = 100;
  let windowS = 10;
  let paused = false;
  let dirty = false;
  let built = false;
  let lastT = NaN;
  /** name → { u: uPlot, xs, ys, box } */
  const charts = new Map();
  const checked = new Set();
  let orbitPair = null;
  let signalsBox, chartsBox, orbitSelect, orbitCanvas, pauseBtn;

  function ring(name) {
    let r = rings.get(name);
    if (!r) {
      r = new Ring(rate * MAX_WINDOW * 1.2);
      rings.set(name, r);
      if (built) addSignal(name);
    }
    return r;
  }

  const offHello = ctx.feed.on("hello", (hello) => {
    if (typeof hello.displayRate === "number" && hello.displayRate > 0) rate = hello.displayRate;
    const names = [...(Array.isArray(hello.sensors) ? hello.sensors : []), ...(Array.isArray(hello.signals) ? hello.signals : [])];
    for (const n of names) if (typeof n === "string") ring(n);
  });
  const offEst = ctx.feed.on("estimates", (r) => {
    if (!Array.isArray(r.names) || !Array.isArray(r.values) || typeof r.t !== "number") return;
    const fs = typeof r.fs === "number" && r.fs > 0 ? r.fs : rate;
    for (let k = 0; k < r.names.length; k++) {
      const vals = r.values[k];
      if (!Array.isArray(vals)) continue;
      const rg = ring(String(r.names[k]));
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (typeof v === "number" && Number.isFinite(v)) rg.push(r.t + i / fs, v);
      }
      ctx.stats.points += vals.length;
      const end = r.t + (vals.length - 1) / fs;
      if (!(end <= lastT)) lastT = end;
    }
    dirty = true;
  });

  function addSignal(name) {
    if (!signalsBox) return;
    const id = `sig-${signalsBox.children.length}`;
    const box = h("input", { type: "checkbox", id, "data-testid": "signal-checkbox", "data-signal": name });
    // the first four signals are drawn from the start
    if (checked.size < 4) {
      box.checked = true;
      checked.add(name);
      makeChart(name);
    }
    box.addEventListener("change", () => {
      if (box.checked) {
        checked.add(name);
        makeChart(name);
      } else {
        checked.delete(name);
        const c = charts.get(name);
        if (c) {
          c.u.destroy();
          c.box.remove();
          charts.delete(name);
        }
      }
      dirty = true;
    });
    signalsBox.append(h("span", { class: "check" }, box, h("label", { for: id }, name)));
    refreshOrbitPairs();
  }

  function chartWidth() {
    return Math.max(240, Math.floor((chartsBox?.clientWidth || 800) - 8));
  }

  function makeChart(name) {
    if (!chartsBox || charts.has(name)) return;
    const box = h("div", { class: "trace", "data-testid": "trace-chart", "data-signal": name });
    chartsBox.append(box);
    const xs = [];
    const ys = [];
    const color = COLORS[charts.size % COLORS.length];
    const u = new uPlot({
      width: chartWidth(),
      height: 150,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: () => [lastT - windowS, lastT] } },
      axes: [{ label: "t (s)", size: 36 }, { size: 60 }],
      series: [{}, { label: name, stroke: color, width: 1, points: { show: false } }],
    }, [xs, ys], box);
    charts.set(name, { u, xs, ys, box });
  }

  function pairsOf(names) {
    const pairs = [];
    for (const n of names) {
      const m = /^(.*)[_.]x$/.exec(n);
      if (!m) continue;
      const y = names.find((o) => o === `${m[1]}_y` || o === `${m[1]}.y`);
      if (y) pairs.push([m[1], n, y]);
    }
    return pairs;
  }

  function refreshOrbitPairs() {
    if (!orbitSelect) return;
    const pairs = pairsOf([...rings.keys()]);
    const have = new Set([...orbitSelect.options].map((o) => o.value));
    for (const [node, x, y] of pairs) {
      if (have.has(node)) continue;
      const o = new Option(`${node} (${x}, ${y})`, node);
      o.dataset.x = x;
      o.dataset.y = y;
      orbitSelect.append(o);
    }
    if (!orbitPair && orbitSelect.options.length) selectOrbit();
  }

  function selectOrbit() {
    const o = orbitSelect.selectedOptions[0];
    orbitPair = o ? { x: o.dataset.x, y: o.dataset.y } : null;
    dirty = true;
  }

  function drawOrbit() {
    const c = orbitCanvas;
    const g = c.getContext("2d");
    if (!g) return;
    const dpr = window.devicePixelRatio || 1;
    const size = Math.max(160, Math.min(c.clientWidth || 280, 400));
    if (c.width !== Math.round(size * dpr)) {
      c.width = Math.round(size * dpr);
      c.height = Math.round(size * dpr);
    }
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, size, size);
    g.strokeStyle = "#dddddd";
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(size / 2, 0); g.lineTo(size / 2, size);
    g.moveTo(0, size / 2); g.lineTo(size, size / 2);
    g.stroke();
    if (!orbitPair) return;
    const rx = rings.get(orbitPair.x);
    const ry = rings.get(orbitPair.y);
    if (!rx || !ry || rx.size === 0 || ry.size === 0) return;
    // samples of the two rings share their times (one estimates record carries both)
    const n = Math.min(rx.size, ry.size, Math.ceil(ORBIT_SPAN_S * rate));
    let maxAbs = 0;
    for (let k = 0; k < n; k++) {
      maxAbs = Math.max(maxAbs, Math.abs(rx.v[rx.at(rx.size - n + k)]), Math.abs(ry.v[ry.at(ry.size - n + k)]));
    }
    if (!(maxAbs > 0)) maxAbs = 1;
    const scale = (size / 2 - 12) / maxAbs;
    g.strokeStyle = "#1f4e79";
    g.lineWidth = 1.2;
    g.beginPath();
    for (let k = 0; k < n; k++) {
      const px = size / 2 + rx.v[rx.at(rx.size - n + k)] * scale;
      const py = size / 2 - ry.v[ry.at(ry.size - n + k)] * scale;
      if (k === 0) g.moveTo(px, py);
      else g.lineTo(px, py);
    }
    g.stroke();
    g.fillStyle = "#666666";
    g.font = "11px Helvetica, Arial, sans-serif";
    g.fillText(`±${Number(maxAbs.toPrecision(3))}`, 4, 12);
    g.fillText(orbitPair.x, size - g.measureText(orbitPair.x).width - 4, size / 2 - 4);
    g.fillText(orbitPair.y, size / 2 + 4, 12);
  }

  function build() {
    const winSelect = h("select", { id: "trace-window", "data-testid": "trace-window" }, ...WINDOWS.map((w) => new Option(`${w} s`, String(w), false, w === windowS)));
    winSelect.addEventListener("change", () => {
      windowS = Number(winSelect.value);
      dirty = true;
    });
    pauseBtn = h("button", { type: "button", "data-testid": "trace-pause", "aria-pressed": "false" }, "Pause");
    pauseBtn.addEventListener("click", () => {
      paused = !paused;
      pauseBtn.textContent = paused ? "Resume" : "Pause";
      pauseBtn.setAttribute("aria-pressed", String(paused));
      dirty = true;
    });
    signalsBox = h("fieldset", { class: "signals", "data-testid": "trace-signals" }, h("legend", {}, "Signals"));
    chartsBox = h("div", { class: "traces", "data-testid": "traces" });
    orbitSelect = h("select", { id: "orbit-node", "data-testid": "orbit-node" });
    orbitSelect.addEventListener("change", selectOrbit);
    orbitCanvas = h("canvas", { class: "orbit", "data-testid": "orbit", role: "img", "aria-label": "whirl orbit: x–y displacement over the last second" });
    panel.append(
      h("div", { class: "toolbar" }, h("label", { for: "trace-window" }, "Time window"), winSelect, pauseBtn),
      h("div", { class: "two-col wide-left" },
        h("div", {}, signalsBox, chartsBox),
        h("section", { class: "card", "aria-labelledby": "orbit-title" }, h("h3", { id: "orbit-title" }, "Whirl orbit"),
          h("label", { for: "orbit-node" }, "Node"), orbitSelect, orbitCanvas)),
    );
    built = true;
    for (const name of rings.keys()) addSignal(name);
    if (rings.size === 0) chartsBox.append(h("p", { class: "muted", "data-testid": "traces-empty" }, "Waiting for the runner's signals…"));
    const ro = new ResizeObserver(() => {
      for (const c of charts.values()) c.u.setSize({ width: chartWidth(), height: 150 });
      dirty = true;
    });
    ro.observe(chartsBox);
    resizeObserver = ro;
  }
  let resizeObserver = null;

  return {
    show() {
      if (!built) build();
      dirty = true;
    },
    /** @param {boolean} visible */
    frame(visible) {
      if (!visible || !built || paused || !dirty || !Number.isFinite(lastT)) return false;
      dirty = false;
      panel.querySelector('[data-testid="traces-empty"]')?.remove();
      const t0 = lastT - windowS;
      for (const [name, c] of charts) {
        const r = rings.get(name);
        if (!r) continue;
        const cols = Math.max(50, Math.floor(c.u.bbox.width / (window.devicePixelRatio || 1)));
        decimate(r, t0, lastT, cols, c.xs, c.ys);
        c.u.setData([c.xs, c.ys], true);
      }
      drawOrbit();
      panel.dataset.t = String(lastT);
      return true;
    },
    dispose() {
      offHello();
      offEst();
      resizeObserver?.disconnect();
      for (const c of charts.values()) c.u.destroy();
      charts.clear();
      clear(panel);
    },
  };
}
