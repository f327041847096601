// A real browser for the HMI tests (issue 14): playwright-core driving Debian's chromium (the browser
// playwright downloads itself is not used: CI installs Debian's with apt, .ci/run). Chromium is an
// optional engine (test/helpers/engines.ts): missing, the tests are skipped with the reason, or fail
// under CI=true. Besides launching, the measurements the issue asks for, taken in the page with the
// Performance API (https://w3c.github.io/hr-time/, https://w3c.github.io/navigation-timing/):
// requestAnimationFrame rate over a period, the time from navigation start to the page's ready
// promise, and the JS heap through the DevTools protocol (Runtime.getHeapUsage).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { programPath } from "./engines.js";

export const CHROMIUM_PACKAGE = "Debian package chromium";

/** Where screenshots go: gitignored, kept after the run for a person to look at. */
export const ARTIFACTS = join(import.meta.dirname, "..", "..", "test-artifacts", "hmi");

/** The chromium executable, or undefined when none is installed. */
export function chromiumPath(): string | undefined {
  return programPath("chromium") ?? programPath("chromium-browser");
}

/** Why chromium cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  const p = chromiumPath();
  if (p === undefined) return `chromium not installed (${CHROMIUM_PACKAGE})`;
  const r = spawnSync(p, ["--version"], { encoding: "utf8" });
  if (r.error !== undefined || r.status !== 0 || !/chromium/i.test(r.stdout)) return `chromium at ${p} does not run (${CHROMIUM_PACKAGE}): ${r.error?.message ?? r.stderr.trim()}`;
  return undefined;
}

/** Headless chromium; as root the sandbox cannot start (it refuses to run without a user namespace). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error(`chromium not installed (${CHROMIUM_PACKAGE})`);
  const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  return chromium.launch({ executablePath, headless: true, args });
}

export interface WatchedPage {
  page: Page;
  /** console.error messages and uncaught exceptions, in order */
  errors: string[];
}

/**
 * A new page of its own context (own storage: a signed-in operator and viewer do not share a
 * sessionStorage), recording console errors, uncaught exceptions and failed requests.
 */
export async function watchedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => {
    // an EventSource closed by navigation or by the page itself is not a failure of the page
    if (r.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText ?? "?"}`);
  });
  return { page, errors };
}

export interface FrameRate {
  /** frames per second over the period */
  fps: number;
  frames: number;
  /** the period actually measured (performance.now), ms */
  ms: number;
  /** the longest gap between two frames, ms */
  worstFrameMs: number;
}

/**
 * requestAnimationFrame callbacks counted in the page over `ms` of its clock: the frame rate the
 * page actually achieves while its own rAF work (chart redraws) runs. The period is timed by the
 * frames' own timestamps, so a late timer does not change the figure.
 */
export async function measureFrameRate(page: Page, ms: number): Promise<FrameRate> {
  return page.evaluate(
    (period) =>
      new Promise<{ fps: number; frames: number; ms: number; worstFrameMs: number }>((resolve) => {
        let first = -1;
        let last = -1;
        let frames = 0;
        let worst = 0;
        const tick = (t: number): void => {
          if (first < 0) first = t;
          else {
            frames++;
            worst = Math.max(worst, t - last);
          }
          last = t;
          if (t - first < period) requestAnimationFrame(tick);
          else resolve({ fps: (frames * 1000) / (t - first), frames, ms: t - first, worstFrameMs: worst });
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/**
 * Milliseconds from navigation start (performance.timeOrigin) until the page is ready: the HMI's
 * `window.twinHmi.ready` promise when the page has one, otherwise DOMContentLoaded (Navigation
 * Timing's domContentLoadedEventEnd). Call right after page.goto.
 */
export async function pageReadyMs(page: Page): Promise<{ ms: number; by: "twinHmi.ready" | "DOMContentLoaded" }> {
  return page.evaluate(async () => {
    const hmi = (window as unknown as { twinHmi?: { ready?: Promise<unknown> } }).twinHmi;
    if (hmi?.ready !== undefined) {
      await hmi.ready;
      return { ms: performance.now(), by: "twinHmi.ready" as const };
    }
    if (document.readyState === "loading") await new Promise<void>((r) => document.addEventListener("DOMContentLoaded", () => r(), { once: true }));
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return { ms: nav?.domContentLoadedEventEnd ?? performance.now(), by: "DOMContentLoaded" as const };
  });
}

/**
 * The page's JS heap (DevTools protocol Runtime.getHeapUsage), bytes; with `gc`, after a full
 * collection (HeapProfiler.collectGarbage), so that the figure is what the page retains.
 */
export async function heapUsage(page: Page, o: { gc?: boolean } = {}): Promise<{ used: number; total: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    if (o.gc === true) await cdp.send("HeapProfiler.collectGarbage");
    const h = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; totalSize: number };
    return { used: h.usedSize, total: h.totalSize };
  } finally {
    await cdp.detach();
  }
}

export interface CanvasInk {
  /** pixels in colour (chroma above 64 of 255): a chart's series strokes, not its grey axes and grid */
  coloured: number;
  /** a hash of where those pixels are: changes when the drawing moves */
  signature: number;
}

/**
 * The coloured pixels of the canvases inside `target` (a uPlot chart draws its series in colour on a
 * canvas, its axes and grid in grey): non-zero when a trace is drawn, a new signature when it moved.
 */
export async function canvasInk(target: Locator): Promise<CanvasInk> {
  return target.evaluate((el) => {
    let coloured = 0;
    let signature = 0;
    const canvases = el instanceof HTMLCanvasElement ? [el] : Array.from(el.querySelectorAll("canvas"));
    canvases.forEach((c, k) => {
      const g = c.getContext("2d");
      if (g === null || c.width === 0 || c.height === 0) return;
      const d = g.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) {
        const r = d[i]!, gr = d[i + 1]!, b = d[i + 2]!;
        if (d[i + 3]! > 0 && Math.max(r, gr, b) - Math.min(r, gr, b) > 64) {
          coloured++;
          signature = (Math.imul(signature, 31) + i / 4 + k * 0x9e3779b1) | 0;
        }
      }
    });
    return { coloured, signature };
  });
}

/** A full-page PNG at test-artifacts/hmi/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new RangeError(`screenshot name ${JSON.stringify(name)} is not [a-z0-9-]+`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

/** Serves fixed files on 127.0.0.1 (path -> body, typed by extension); anything else is 404. */
export async function serveStatic(files: Record<string, string>): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = files[path];
    if (body === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`no ${path}`);
      return;
    }
    const ext = /\.([a-z]+)$/.exec(path)?.[1] ?? "html";
    res.writeHead(200, { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "no-store" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${a.port}`,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
