// The status bar (role=status): every error a view meets is shown here, never thrown at the console.
let bar = null;
let timer = 0;

export function initStatus(el) {
  bar = el;
}

/** @param {string} text @param {"info" | "error"} [kind] */
export function say(text, kind = "info") {
  if (!bar) return;
  bar.textContent = text;
  bar.dataset.kind = kind;
  clearTimeout(timer);
  // info fades after a while; errors stay until the next message
  if (kind === "info") timer = setTimeout(() => { if (bar && bar.textContent === text) bar.textContent = ""; }, 6000);
}

/** Show an error (an ApiError's message names the request and the server's answer). */
export function fail(e) {
  say(e instanceof Error ? e.message : String(e), "error");
}

/** Run an async action; report its failure in the status bar. */
export function guard(promise) {
  return Promise.resolve(promise).catch(fail);
}
