// Text reports of `twin virtual-sensing` and `twin sensor-placement` (unit conversions for display only:
// fractions as %, rad as degrees).
import type { VirtualSensingResult } from "./result.js";

const pct = (x: number): string => `${(100 * x).toFixed(3)} %`;
const deg = (rad: number): string => `${((rad * 180) / Math.PI).toFixed(3)} deg`;
const sci = (x: number): string => x.toExponential(3);

/** The report of a run as `twin virtual-sensing` prints it. */
export function formatVirtualSensing(r: VirtualSensingResult): string {
  const lines: string[] = [];
  lines.push(`virtual sensing: ${r.model} at ${r.speed_rpm.toFixed(1)} rpm (${r.speed.toFixed(3)} rad/s)`);
  lines.push(`  truth: full model, Newmark, ${r.t_pre} s run-up from rest, then ${r.samples} samples at ${r.fs} Hz`);
  lines.push(`  sensors (accelerations, noise ${pct(r.noise)} of RMS, seed ${r.seed}): ${r.sensors.map((s) => s.dof).join(", ")}`);
  lines.push(`  filter: UKF on ${r.modes} modes (${r.wn_hz.map((f) => f.toFixed(1)).join(", ")} Hz), model error ${r.filter.model_error}, covariance repairs ${r.filter.repairs}`);
  lines.push(`  model mismatch: ${r.mismatch.length > 0 ? r.mismatch.join(", ") : "none (the filter uses the truth's model)"}`);
  lines.push(`  error figures over samples ${r.discarded}..${r.samples - 1} (the first ${r.discarded / r.fs} s left out)`);
  lines.push("");
  const head = ["dof", "NRMSE", "1X amp truth [m]", "1X amp error", "1X phase error", "NRMSE model only"];
  const rows = r.estimates.map((e) => [e.dof, pct(e.nrmse), sci(e.truth_1x), pct(e.amplitude_error_1x), deg(e.phase_error_1x), pct(e.open_loop.nrmse)]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j]!.length)));
  lines.push(head.map((h, j) => h.padStart(widths[j]!)).join("  "));
  for (const row of rows) lines.push(row.map((c, j) => c.padStart(widths[j]!)).join("  "));
  lines.push("");
  lines.push(`worst NRMSE ${pct(r.worst_nrmse)}`);
  return lines.join("\n") + "\n";
}
