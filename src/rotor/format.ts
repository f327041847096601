// Readable tables of rotor results for the terminal (the JSON forms are in shared/spec/rotor.md).
// Fixed number formats, so the same result prints the same text.
import type { CampbellResult, ModalResult, ReducedModel, StaticResult, UnbalanceResult, ProbeDir } from "./core.js";

export type Align = "left" | "right";

export interface Column {
  title: string;
  align?: Align;
}

/** Columns padded to their widest cell, two spaces apart, title row underlined. */
export function table(columns: Column[], rows: string[][]): string {
  const width = columns.map((c, j) => Math.max(c.title.length, ...rows.map((r) => (r[j] ?? "").length)));
  const pad = (s: string, j: number): string => ((columns[j]!.align ?? "right") === "left" ? s.padEnd(width[j]!) : s.padStart(width[j]!));
  const line = (cells: string[]): string => cells.map((s, j) => pad(s, j)).join("  ").trimEnd();
  return [line(columns.map((c) => c.title)), line(width.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

/** rad/s -> rpm */
export const rpm = (w: number): number => (w * 30) / Math.PI;
/** rad/s -> Hz */
export const hz = (w: number): number => w / (2 * Math.PI);

/** Fixed decimals; "-" for a missing (NaN) value. */
export function fixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "-";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s; // no "-0.000"
}

/** Significant digits in exponent notation, for values spanning decades (amplitudes, stiffnesses). */
export function sci(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "-";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return "0";
  return x.toExponential(digits - 1);
}

export function dirName(dir: ProbeDir): string {
  return typeof dir === "number" ? `${fixed(dir, 4)} rad` : dir;
}

function modalRows(r: ModalResult): string[][] {
  return r.wn.map((wn, j) => [
    String(j + 1),
    fixed(wn, 2),
    fixed(r.wd[j]!, 2),
    fixed(hz(r.wd[j]!), 3),
    fixed(rpm(r.wd[j]!), 1),
    fixed(r.logdec[j]!, 4),
    Number.isNaN(wn) ? "-" : r.whirl[j]!,
  ]);
}

const MODAL_COLUMNS: Column[] = [
  { title: "mode" },
  { title: "wn [rad/s]" },
  { title: "wd [rad/s]" },
  { title: "wd [Hz]" },
  { title: "wd [rpm]" },
  { title: "logdec" },
  { title: "whirl", align: "left" },
];

/** One table per speed. */
export function formatModal(name: string, dof: number, results: ModalResult[]): string {
  let out = `${name}: damped modal analysis, ${dof} degrees of freedom\n`;
  for (const r of results) {
    out += `\nspeed ${fixed(r.speed, 2)} rad/s (${fixed(rpm(r.speed), 1)} rpm)\n`;
    out += r.wn.length === 0 ? "(no modes)\n" : table(MODAL_COLUMNS, modalRows(r));
  }
  return out;
}

/** Damped natural frequency of each tracked mode over speed, then the critical speeds. */
export function formatCampbell(name: string, dof: number, c: Pick<CampbellResult, "results" | "critical">): string {
  const nModes = c.results[0]?.wd.length ?? 0;
  const columns: Column[] = [{ title: "speed [rad/s]" }, { title: "[rpm]" }];
  for (let j = 0; j < nModes; j++) columns.push({ title: `wd${j + 1} [rad/s]` });
  const rows = c.results.map((r) => [fixed(r.speed, 2), fixed(rpm(r.speed), 1), ...r.wd.map((w) => fixed(w, 2))]);
  let out = `${name}: Campbell diagram, ${dof} degrees of freedom, ${nModes} tracked modes (damped natural frequencies)\n\n`;
  out += table(columns, rows);
  out += `\ncritical speeds (crossings of wd with 1X)\n`;
  out +=
    c.critical.length === 0
      ? "(none in the speed range)\n"
      : table(
          [{ title: "mode" }, { title: "speed [rad/s]" }, { title: "[rpm]" }, { title: "[Hz]" }],
          c.critical.map((k) => [String(k.mode + 1), fixed(k.speed, 2), fixed(rpm(k.speed), 1), fixed(hz(k.speed), 3)]),
        );
  return out;
}

/** Index of the largest amplitude (first of equals). */
export function peakIndex(a: number[]): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

/**
 * `describe` names a node in the peaks table (default "node N"; src/rotor/nodes.ts for pedestal nodes);
 * `peaks` gives each probe's peak frequency index as the core found it (jobRotorUnbalance), else the
 * largest amplitude is looked up here.
 */
export function formatUnbalance(name: string, u: UnbalanceResult, describe: (node: number) => string = (n) => `node ${n}`, peaks?: number[]): string {
  const columns: Column[] = [{ title: "freq [rad/s]" }, { title: "[rpm]" }];
  for (const p of u.probes) columns.push({ title: `${p.node}:${dirName(p.dir)} amp [m]` }, { title: "phase [deg]" });
  const rows = u.freqs.map((f, i) => {
    const row = [fixed(f, 2), fixed(rpm(f), 1)];
    for (const p of u.probes) row.push(sci(p.amplitude[i]!), fixed((p.phase[i]! * 180) / Math.PI, 2));
    return row;
  });
  let out = `${name}: unbalance response (steady state, speed = excitation frequency)\n\n` + table(columns, rows);
  out += "\npeaks\n";
  out += table(
    [{ title: "probe", align: "left" }, { title: "amplitude [m]" }, { title: "at [rad/s]" }, { title: "[rpm]" }],
    u.probes.map((p, i) => {
      const k = peaks?.[i] ?? peakIndex(p.amplitude);
      return [`${describe(p.node)} ${dirName(p.dir)}`, sci(p.amplitude[k]!), fixed(u.freqs[k]!, 2), fixed(rpm(u.freqs[k]!), 1)];
    }),
  );
  return out;
}

/** Deflection per node and bearing forces as `twin rotor static` prints them. */
export function formatStatic(name: string, s: StaticResult, g: number, rigid: boolean): string {
  let out = `${name}: static deflection under gravity ${fixed(g, 5)} m/s^2 along -y${rigid ? ", rigid supports (bearings as pins)" : ""}\n\n`;
  out += table(
    [{ title: "node" }, { title: "x [m]" }, { title: "y [m]" }],
    s.deflection.y.map((y, i) => [String(i), sci(s.deflection.x[i]!), sci(y)]),
  );
  out += "\nbearing reaction forces\n";
  out += table(
    [{ title: "node" }, { title: "fx [N]" }, { title: "fy [N]" }],
    s.bearingForces.map((b) => [String(b.node), fixed(b.fx, 3), fixed(b.fy, 3)]),
  );
  return out;
}

/** The reduced model's summary as `twin rotor reduce` prints it. */
export function formatReduced(name: string, r: ReducedModel): string {
  let out = `${name}: reduced state-space model at ${fixed(r.speed, 2)} rad/s (${fixed(rpm(r.speed), 1)} rpm)\n`;
  out += `${r.modes} modes of ${r.dof} degrees of freedom: ${2 * r.modes} states, ${r.dof} inputs and outputs, dt ${r.dt} s\n\n`;
  out += table(
    [{ title: "mode" }, { title: "wn [rad/s]" }, { title: "[Hz]" }],
    r.wn.map((w, j) => [String(j + 1), fixed(w, 2), fixed(hz(w), 3)]),
  );
  return out;
}
