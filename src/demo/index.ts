// The demo (`twin demo`, docs/api.md): the bundled test rig live, archived, verified, rerun, restored
// and queried; or its rotor analyses at a glance. Not a subpath of its own: the package root
// re-exports runDemo and runRotorDemo.
import { resolve } from "node:path";
import { runArchiveDemo, type DemoResult } from "./archive.js";

export type { DemoResult } from "./archive.js";
export { runRotorDemo, DEMO_MODEL } from "./rotor.js";

/** Where the demo writes and what it keeps. */
export interface DemoOptions {
  /** keep the package in this directory (default: a temporary one, removed at the end) */
  keep?: string;
  /** the report's lines, each ending in "\n" (default: discarded) */
  out?: (text: string) => void;
  /** warnings that are not part of the report (default: discarded) */
  err?: (text: string) => void;
}

/**
 * Runs the main demo (`twin demo`): the simulated test rig streamed over UDP and MQTT into two hybrid
 * runners (virtual sensing, state recognition, SPC alarm), then the rig's models and runs archived,
 * the package verified, every run rerun bit for bit on the engines available, every source restored
 * from the graph and the graph queried. Takes minutes. Resolves with each part's verdict.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const io = { out: options.out ?? (() => {}), err: options.err ?? (() => {}) };
  return runArchiveDemo(io, options.keep !== undefined ? { keep: resolve(options.keep) } : {});
}
