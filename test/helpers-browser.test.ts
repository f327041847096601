// The browser harness itself (test/helpers/browser.ts), on pages served by a small local server:
// chromium launches, console errors and uncaught exceptions are collected, screenshots are written,
// and the frame rate, the ready time and the heap are measured in the page.
import { readFileSync, rmSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CI, verdict } from "./helpers/engines.js";
import { canvasInk, chromiumMissing, heapUsage, launchBrowser, measureFrameRate, pageReadyMs, screenshot, serveStatic, type StaticServer, watchedPage } from "./helpers/browser.js";

const reason = chromiumMissing();
const V = verdict(reason === undefined ? [] : [reason], CI);

// a page that draws on every frame and declares itself ready 200 ms (of its clock) after it started
const ANIMATED = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>harness</title></head><body>
<canvas id="c" width="400" height="200"></canvas>
<script type="module" src="/app.js"></script></body></html>`;
const APP = `const c = document.getElementById("c").getContext("2d");
let frames = 0;
function draw(t) { frames++; c.clearRect(0, 0, 400, 200); c.fillStyle = "#1f77b4"; c.fillRect((t / 5) % 400, 80, 20, 40); requestAnimationFrame(draw); }
requestAnimationFrame(draw);
window.readyAt = -1;
window.twinHmi = {
  ready: new Promise((r) => setTimeout(() => { window.readyAt = performance.now(); r(); }, 200)),
  stats: () => ({ frames, points: 0 }),
};`;
const BROKEN = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>broken</title></head><body>
<script>console.error("bad value", 42); setTimeout(() => { throw new Error("boom in a timer"); }, 0);</script>
<script src="/missing.js"></script></body></html>`;
const GREY = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>grey</title></head><body>
<canvas id="c" width="200" height="100"></canvas><script>const g = document.getElementById("c").getContext("2d");
g.strokeStyle = "#999999"; for (let x = 0; x < 200; x += 20) { g.beginPath(); g.moveTo(x, 0); g.lineTo(x, 100); g.stroke(); }</script></body></html>`;
const PLAIN = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>plain</title></head><body><p>plain</p></body></html>`;

describe.skipIf(V.action === "skip")(`the browser harness${V.action === "skip" ? ` (skipped: ${V.message})` : ""}`, () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    if (V.action === "fail") throw new Error(V.message);
    browser = await launchBrowser();
    server = await serveStatic({ "/": ANIMATED, "/app.js": APP, "/broken.html": BROKEN, "/plain.html": PLAIN, "/grey.html": GREY });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a clean page loads without errors; ready is the page's twinHmi.ready, timed from navigation start", async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(server.url + "/");
    const ready = await pageReadyMs(page);
    expect(ready.by).toBe("twinHmi.ready");
    const readyAt = await page.evaluate(() => (window as unknown as { readyAt: number }).readyAt);
    expect(readyAt).toBeGreaterThanOrEqual(200);
    expect(ready.ms).toBeGreaterThanOrEqual(readyAt);
    expect(errors, errors.join("\n")).toEqual([]);
    await page.context().close();
  });

  it("a page without twinHmi is ready at DOMContentLoaded (Navigation Timing)", async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(server.url + "/plain.html");
    const ready = await pageReadyMs(page);
    expect(ready.by).toBe("DOMContentLoaded");
    const nav = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
    expect(ready.ms).toBe(nav);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("console errors, uncaught exceptions and missing resources are collected", async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(server.url + "/broken.html");
    await page.waitForFunction(() => document.readyState === "complete");
    // the timer's exception is reported asynchronously: wait until it arrived
    for (let i = 0; i < 100 && !errors.some((e) => e.startsWith("uncaught:")); i++) await page.waitForTimeout(20);
    expect(errors.some((e) => e.startsWith("console.error: bad value 42"))).toBe(true);
    expect(errors).toContain("uncaught: boom in a timer");
    expect(errors.some((e) => /404/.test(e) && /missing\.js/.test(e))).toBe(true);
    await page.context().close();
  });

  it("measures the frame rate from the frames' own timestamps, and the page's own frame count agrees", async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(server.url + "/");
    await pageReadyMs(page);
    const before = await page.evaluate(() => (window as unknown as { twinHmi: { stats(): { frames: number } } }).twinHmi.stats().frames);
    const r = await measureFrameRate(page, 1000);
    const after = await page.evaluate(() => (window as unknown as { twinHmi: { stats(): { frames: number } } }).twinHmi.stats().frames);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    expect(r.frames).toBeGreaterThan(0);
    expect(r.fps).toBeCloseTo((r.frames * 1000) / r.ms, 9);
    expect(r.worstFrameMs).toBeGreaterThan(0);
    // the page's draw loop ran through the same frames the measurement counted
    expect(after - before).toBeGreaterThanOrEqual(r.frames);
    console.log(`harness: ${r.fps.toFixed(1)} frames/s over ${r.ms.toFixed(0)} ms (worst frame ${r.worstFrameMs.toFixed(1)} ms)`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("sees coloured strokes on a canvas, not grey ones, and sees them move", async () => {
    const { page } = await watchedPage(browser);
    await page.goto(server.url + "/grey.html");
    expect((await canvasInk(page.locator("body"))).coloured).toBe(0);
    await page.goto(server.url + "/");
    await pageReadyMs(page);
    const a = await canvasInk(page.locator("body"));
    // the blue bar is 20 x 40 pixels
    expect(a.coloured).toBeGreaterThanOrEqual(20 * 40);
    // it moves by t / 5 pixels: another frame draws it elsewhere
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const b = await canvasInk(page.locator("#c"));
    expect(b.coloured).toBeGreaterThanOrEqual(20 * 40);
    expect(b.signature).not.toBe(a.signature);
    await page.context().close();
  });

  it("reads the heap through the DevTools protocol and sees it grow with retained objects", async () => {
    const { page } = await watchedPage(browser);
    await page.goto(server.url + "/plain.html");
    const a = await heapUsage(page);
    expect(a.used).toBeGreaterThan(0);
    expect(a.total).toBeGreaterThanOrEqual(a.used);
    // about 10 MB of small objects kept alive by the page (a typed array's buffer would be outside the JS heap)
    await page.evaluate(() => {
      (window as unknown as { keep: unknown[] }).keep = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `item ${i}` }));
    });
    const b = await heapUsage(page);
    expect(b.used - a.used).toBeGreaterThan(4 * 2 ** 20);
    // released and collected: the retained heap falls back
    await page.evaluate(() => {
      (window as unknown as { keep: unknown[] | null }).keep = null;
    });
    const c = await heapUsage(page, { gc: true });
    expect(b.used - c.used).toBeGreaterThan(4 * 2 ** 20);
    await page.context().close();
  });

  it("writes a PNG screenshot of the page under test-artifacts/hmi", async () => {
    const { page } = await watchedPage(browser, { width: 640, height: 360 });
    await page.goto(server.url + "/");
    await pageReadyMs(page);
    const path = await screenshot(page, "harness-self-test");
    const png = readFileSync(path);
    // PNG signature, then the IHDR chunk's width and height (RFC 2083 / ISO 15948)
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.readUInt32BE(16)).toBe(640);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(360);
    rmSync(path);
    await expect(screenshot(page, "../x")).rejects.toThrow(/not \[a-z0-9-\]\+/);
    await page.context().close();
  });
});
