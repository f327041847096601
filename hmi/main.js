// The HMI's entry: sign-in, the twin picker, the tabs, the live feeds and the one animation loop that
// redraws whatever changed (never per message: records only mark views dirty).
import { api, ApiError, getToken, setToken } from "./api.js";
import { initStatus, say, fail } from "./status.js";
import { initTabs } from "./tabs.js";
import { LiveFeed } from "./live.js";
import { createTreeView } from "./tree.js";
import { createTracesView } from "./traces.js";
import { createStateView } from "./state.js";
import { createSpcView } from "./spc.js";
import { createAlarmsView } from "./alarms.js";
import { createModelView } from "./model.js";

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const stats = { frames: 0, points: 0, redraws: 0 };
let resolveReady;
const ready = new Promise((r) => (resolveReady = r));
// for the browser tests: `ready` resolves once the page has booted (sign-in form or first twin shown)
window.twinHmi = { ready, stats: () => ({ frames: stats.frames, points: stats.points, redraws: stats.redraws }) };

/** The views of the selected twin, and its feed. */
let session = null;

function setMode(mode) {
  document.body.dataset.hmi = mode;
  $("signin").hidden = mode !== "signed-out";
  $("twin-view").hidden = mode !== "ready";
  $("twin-pick").hidden = mode !== "ready";
  $("sign-out").hidden = mode === "signed-out";
}

function announce(text) {
  $("announcer").textContent = text;
}

function endSession() {
  if (!session) return;
  session.feed.close();
  for (const v of Object.values(session.views)) v.dispose?.();
  for (const p of document.querySelectorAll('#twin-view [role="tabpanel"]')) p.replaceChildren();
  session = null;
}

function signOut(message) {
  endSession();
  setToken(null);
  setMode("signed-out");
  if (message) say(message, "error");
  else say("Signed out");
  $("token-input").focus();
}

/** An answer of 401 means the token is gone or expired: back to sign-in. */
function onError(e) {
  if (e instanceof ApiError && e.status === 401) signOut(`Your token was refused (${e.message}); sign in again`);
  else fail(e);
}

async function loadTwins() {
  setMode("loading");
  let twins;
  try {
    twins = await api("/api/_twins");
  } catch (e) {
    onError(e);
    if (!(e instanceof ApiError && e.status === 401)) setMode("signed-out");
    return;
  }
  if (!Array.isArray(twins) || twins.length === 0) {
    setMode("signed-out");
    say("This token may read no twin", "error");
    return;
  }
  const select = /** @type {HTMLSelectElement} */ ($("twin-select"));
  select.replaceChildren(...twins.map((t) => new Option(t.device, t.device)));
  const byName = new Map(twins.map((t) => [t.device, t]));
  const wanted = new URLSearchParams(location.search).get("twin");
  if (wanted && byName.has(wanted)) select.value = wanted;
  select.onchange = () => openTwin(byName.get(select.value));
  setMode("ready");
  openTwin(byName.get(select.value));
}

function openTwin(twin) {
  endSession();
  if (!twin) return;
  const device = twin.device;
  // the caller's permissions on this twin, as GET /api/_twins reports them; absent: the API decides on each click
  const permissions = twin.permissions && typeof twin.permissions === "object" ? twin.permissions : null;
  const badge = $("live-badge");
  const feed = new LiveFeed(device, (st) => {
    badge.textContent = st;
    badge.dataset.state = st;
  });
  const ctx = { device, permissions, feed, stats, onError, announce };
  const views = {
    tree: createTreeView(ctx, $("panel-tree")),
    traces: createTracesView(ctx, $("panel-traces")),
    state: createStateView(ctx, $("panel-state")),
    spc: createSpcView(ctx, $("panel-spc")),
    alarms: createAlarmsView(ctx, $("panel-alarms"), $("alarm-count")),
    model: createModelView(ctx, $("panel-model")),
  };
  session = { device, feed, views, current: "tree" };
  feed.start();
  const selected = document.querySelector('#tabs [aria-selected="true"]');
  const view = selected instanceof HTMLElement ? selected.dataset.view ?? "tree" : "tree";
  show(view);
  // the tree is the first view: the page is ready when it is drawn (or failed visibly)
  if (view === "tree") Promise.resolve(views.tree.loaded).finally(() => resolveReady());
  else resolveReady();
}

function show(name) {
  if (!session) return;
  session.current = name;
  const v = session.views[name];
  if (v) {
    try {
      v.show();
    } catch (e) {
      fail(e);
    }
  }
}

// one animation loop for the whole page: each view redraws at most once per frame, and only if dirty
function frame() {
  stats.frames++;
  if (session) {
    for (const [name, v] of Object.entries(session.views)) {
      if (!v.frame) continue;
      try {
        if (v.frame(name === session.current)) stats.redraws++;
      } catch (e) {
        fail(e);
      }
    }
  }
  requestAnimationFrame(frame);
}

function boot() {
  initStatus($("status"));
  initTabs($("tabs"), show);
  $("sign-out").addEventListener("click", () => signOut());
  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const token = /** @type {HTMLTextAreaElement} */ ($("token-input")).value.trim().replace(/^Bearer\s+/i, "");
    if (!token) {
      say("Paste a bearer token first", "error");
      return;
    }
    setToken(token);
    loadTwins().finally(() => resolveReady());
  });
  $("key-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const subject = /** @type {HTMLInputElement} */ ($("subject-input")).value.trim();
    const key = /** @type {HTMLInputElement} */ ($("key-input")).value;
    if (!subject || !key) {
      say("Give both the subject and the key", "error");
      return;
    }
    try {
      const res = await api("/api/_auth/token", { method: "POST", body: { subject, key }, auth: false });
      if (!res || typeof res.token !== "string") throw new Error("POST /api/_auth/token: the answer has no token");
      setToken(res.token);
      /** @type {HTMLInputElement} */ ($("key-input")).value = "";
      await loadTwins();
    } catch (err) {
      fail(err);
    }
  });
  requestAnimationFrame(frame);
  if (getToken()) loadTwins().finally(() => { if (!session) resolveReady(); });
  else {
    setMode("signed-out");
    resolveReady();
  }
}

window.addEventListener("unhandledrejection", (e) => {
  e.preventDefault();
  fail(e.reason);
});

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
