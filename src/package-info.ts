// The installed package: where its files are and what it is called (package.json is the one source).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root directory (holding package.json, build/, models/, schemas/). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { name: string; version: string };

/** The npm name the package is installed under (`machine-twin`). */
export const PACKAGE_NAME: string = manifest.name;

/** The package's version (semantic versioning of the library API, CHANGELOG.md). */
export const VERSION: string = manifest.version;
