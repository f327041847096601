// The HMI's files, served by `twin serve` without authentication (the page holds no data: everything it
// shows comes from the API with the operator's token). A fixed whitelist read once at startup: the
// regular files directly in the package's hmi/ folder whose names match NAME (no path from a request
// ever reaches the file system), and uPlot's ESM build and stylesheet from the installed `uplot`
// package (resolved as Node resolves it, so no CDN and no copy in the repository).
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PACKAGE_ROOT } from "../core/core.js";

/** File names the hmi/ folder may serve. */
export const HMI_FILE_NAME = /^[a-z0-9-]+\.(js|css|html|svg|md)$/;

/** RFC 9239 (text/javascript), RFC 7763 (text/markdown), W3C SVG (image/svg+xml). */
const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
  svg: "image/svg+xml",
  md: "text/markdown; charset=utf-8",
};

/** The vendor files: URL name → file in uPlot's dist folder. */
const VENDOR: Record<string, string> = { "uPlot.esm.js": "uPlot.esm.js", "uPlot.min.css": "uPlot.min.css" };

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** strong entity tag of the content (RFC 9110 §8.8.3) */
  etag: string;
  cacheControl: string;
}

export interface HmiFiles {
  /** hmi/<name> */
  file(name: string): StaticFile | undefined;
  /** hmi/vendor/<name> */
  vendor(name: string): StaticFile | undefined;
  /** the names served from hmi/ */
  readonly names: string[];
}

function staticFile(body: Buffer, name: string, cacheControl: string): StaticFile {
  const ext = name.slice(name.lastIndexOf(".") + 1);
  return { body, contentType: CONTENT_TYPES[ext] ?? "application/octet-stream", etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`, cacheControl };
}

/** uPlot's dist folder, or null when the package is not installed. */
function uplotDist(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve("uplot/package.json")), "dist");
  } catch {
    return null;
  }
}

/**
 * Reads the whitelist. The page's own files are revalidated on every load (no-cache with an ETag: a new
 * version of the package shows at once); the vendor files are a pinned version and cached for a day.
 */
export function loadHmiFiles(dir: string = join(PACKAGE_ROOT, "hmi"), log: (m: string) => void = () => {}): HmiFiles {
  const files = new Map<string, StaticFile>();
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    log(`the HMI folder ${dir} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): the HMI is not served`);
  }
  for (const name of entries) {
    if (!HMI_FILE_NAME.test(name)) continue;
    const path = join(dir, name);
    // lstat: a symbolic link could point anywhere, only regular files are served
    if (!lstatSync(path).isFile()) continue;
    files.set(name, staticFile(readFileSync(path), name, "no-cache"));
  }
  const vendor = new Map<string, StaticFile>();
  const dist = uplotDist();
  if (dist === null) log("the uplot package is not installed: the HMI's charts are not served");
  else for (const [url, file] of Object.entries(VENDOR)) vendor.set(url, staticFile(readFileSync(join(dist, file)), file, "public, max-age=86400"));
  return { file: (n) => files.get(n), vendor: (n) => vendor.get(n), names: [...files.keys()].sort() };
}
