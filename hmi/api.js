// The HTTP side of the HMI: the bearer token (kept in sessionStorage, so it goes with the tab), JSON
// requests that send it, and the URLs of the event streams (EventSource cannot set headers, so the
// token travels as ?access_token=, which `twin serve` accepts on every route: docs/service.md).
const TOKEN_KEY = "twin.hmi.token";

/** A refused or failed request: status 0 when the server was not reached. */
export class ApiError extends Error {
  /** @param {string} message @param {number} status @param {string} where */
  constructor(message, status, where) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.where = where;
  }
}

export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** @param {string | null} token */
export function setToken(token) {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // storage disabled (private mode): the token then lives only as long as the page
  }
  memoryToken = token;
}
let memoryToken = null;

function currentToken() {
  return getToken() ?? memoryToken;
}

/** The problem's detail (RFC 9457 problem+json, as `twin serve` answers errors) or the status text. */
async function problemText(res) {
  try {
    const body = await res.json();
    if (body && typeof body === "object") {
      if (typeof body.detail === "string" && body.detail) return body.detail;
      if (typeof body.title === "string") return body.title;
    }
  } catch {
    // not JSON
  }
  return res.statusText || `HTTP ${res.status}`;
}

/**
 * A JSON request with the bearer token. Resolves to the parsed body (undefined for 204).
 * @param {string} path @param {{ method?: string, body?: unknown, auth?: boolean }} [o]
 */
export async function api(path, o = {}) {
  const headers = { Accept: "application/json" };
  const token = currentToken();
  if (o.auth !== false && token) headers.Authorization = `Bearer ${token}`;
  let body;
  if (o.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(o.body);
  }
  const method = o.method ?? "GET";
  let res;
  try {
    res = await fetch(path, { method, headers, body, cache: "no-store" });
  } catch (e) {
    throw new ApiError(`${method} ${path}: the server could not be reached (${e instanceof Error ? e.message : String(e)})`, 0, path);
  }
  if (!res.ok) throw new ApiError(`${method} ${path}: ${res.status} ${await problemText(res)}`, res.status, path);
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(`${method} ${path}: the answer is not JSON`, res.status, path);
  }
}

/** URL of an event stream of a device, with the token as ?access_token=. */
export function streamUrl(device, route, params) {
  const q = new URLSearchParams(params);
  const token = currentToken();
  if (token) q.set("access_token", token);
  return `/api/${encodeURIComponent(device)}/${route}?${q.toString()}`;
}

/** Path of a device route. */
export function devicePath(device, route) {
  return `/api/${encodeURIComponent(device)}/${route}`;
}
