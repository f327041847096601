// Conventions where the textbooks leave a choice and the established packages differ: how the run
// rules judge a point, and where the R and S charts put their centre line for unequal subgroup
// sizes. The default is what qcc 3.0 does (L. Scrucca, R package qcc, github.com/luca-scr/qcc,
// R/rules.R and R/qcc.R at commit af35099, January 2026), because users check our charts against it;
// `minitab` follows Minitab's documented definitions; `legacy` is what twin 0.1 did (kept so old
// results can be reproduced). docs/spc.md lists every convention with its source.

/** How the run rules and the dispersion charts are evaluated. */
export interface RuleConventions {
  /**
   * Which zone boundaries judge the earlier points of a "k of the last w" window (WE2/WE3, Nelson
   * 5/6) when the limits vary per point (p, np, u, unequal n).
   * - `newest`: every point of the window against the zone of the newest point (qcc 3.0,
   *   R/rules.R qccRulesViolatingWER2: `embed(statistics, run.length) > limits[i, 2]` recycles the
   *   limit of the window's last point over all its columns);
   * - `own`: each point against its own zone, i.e. the tests applied to the standardised statistic
   *   (x_i − centre_i)/se_i with zones at ±1, ±2 (Nelson 1989, 1994, as SAS/QC PROC SHEWHART applies
   *   the tests to varying subgroup sizes with TESTNMETHOD=STANDARDIZE; twin 0.1; the `minitab`
   *   preset, Minitab documenting only that it "will perform tests when subgroup sizes are unequal").
   * With constant limits both give the same result.
   */
  windowZones: "newest" | "own";
  /**
   * Zone boundaries of rules 5-8 (WE2/WE3).
   * - `scaled`: at L/3 and 2L/3 standard errors for limits at ±L (qcc 3.0, R/rules.R: the 1σ and 2σ
   *   limits are `limits.<type>(..., nsigmas = object$nsigmas*1/3)` and `*2/3`);
   * - `sigma`: at 1 and 2 standard errors whatever L (Minitab, "Using tests for special causes in
   *   control charts": tests 5-8 count points "more than 1σ / 2σ from center line"; twin 0.1).
   * For the usual L = 3 both are 1σ and 2σ.
   */
  zoneWidth: "scaled" | "sigma";
  /**
   * Nelson 8 (mixture, 8 points in a row beyond 1σ).
   * - `both-sides`: the 8 points must include points on both sides of the centre line (qcc 3.0,
   *   R/rules.R qccRulesViolatingNEL8; Nelson 1984, test 8: eight points in a row on both sides of
   *   the centre line, none in zone C);
   * - `either-side`: any 8 points beyond 1σ (Minitab test 8, "(either side)"; twin 0.1).
   */
  mixture: "both-sides" | "either-side";
  /**
   * "k of the last w" rules at the start of a series.
   * - `full`: only once w points exist (qcc 3.0, R/rules.R: `embed(statistics, run.length)` starts
   *   at the w-th point; Minitab: "K out of K+1 points");
   * - `partial`: the first points look at the fewer points there are (twin 0.1).
   */
  startWindows: "full" | "partial";
  /**
   * Centre line of the R and S charts when subgroup sizes differ.
   * - `pooled`: one line, the size-weighted mean Σn_i·R_i/Σn_i (Σn_i·S_i/Σn_i), limits
   *   centre ± L·d3(n_i)·σ (centre ± L·σ·√(1−c4(n_i)²)), lower limit clamped at 0 (qcc 3.0, R/qcc.R
   *   stats.R, limits.R, stats.S, limits.S);
   * - `per-n`: d2(n_i)·σ (c4(n_i)·σ) per point with limits D3, D4 (B3, B4) times it (Minitab,
   *   "Methods and formulas for R chart / S chart"; Montgomery 7th ed. §6.3.2; twin 0.1).
   * With equal sizes both are R-bar (S-bar) with limits D3·R-bar, D4·R-bar (B3·S-bar, B4·S-bar).
   */
  dispersionCenter: "pooled" | "per-n";
}

/** The names of the convention presets. */
export type ConventionPreset = "qcc" | "minitab" | "legacy";

/** The rule conventions of qcc, Minitab and twin's earlier releases (docs/spc.md). */
export const CONVENTION_PRESETS: Readonly<Record<ConventionPreset, Readonly<RuleConventions>>> = {
  qcc: { windowZones: "newest", zoneWidth: "scaled", mixture: "both-sides", startWindows: "full", dispersionCenter: "pooled" },
  minitab: { windowZones: "own", zoneWidth: "sigma", mixture: "either-side", startWindows: "full", dispersionCenter: "per-n" },
  legacy: { windowZones: "own", zoneWidth: "sigma", mixture: "either-side", startWindows: "partial", dispersionCenter: "per-n" },
};

/** The default conventions: qcc's. */
export const DEFAULT_CONVENTIONS: Readonly<RuleConventions> = CONVENTION_PRESETS.qcc;

/** `qcc`, `minitab` or `legacy`. */
export function parseConventions(text: string): RuleConventions {
  const t = text.trim().toLowerCase();
  if (t === "qcc" || t === "minitab" || t === "legacy") return { ...CONVENTION_PRESETS[t] };
  throw new RangeError(`unknown conventions ${JSON.stringify(text)} (qcc, minitab or legacy)`);
}

/** The preset these conventions equal, if any (for reports). */
export function presetName(c: RuleConventions): ConventionPreset | undefined {
  for (const name of ["qcc", "minitab", "legacy"] as const) {
    const p = CONVENTION_PRESETS[name];
    if (p.windowZones === c.windowZones && p.zoneWidth === c.zoneWidth && p.mixture === c.mixture && p.startWindows === c.startWindows && p.dispersionCenter === c.dispersionCenter) return name;
  }
  return undefined;
}

/**
 * Zone boundaries in standard errors for limits at ±width: [1σ, 2σ] as qcc computes them
 * (`nsigmas*1/3`, `nsigmas*2/3`, left to right, so width 3 gives exactly 1 and 2) or fixed.
 */
export function zoneMultipliers(c: RuleConventions, width: number): { one: number; two: number } {
  if (c.zoneWidth === "sigma") return { one: 1, two: 2 };
  return { one: (width * 1) / 3, two: (width * 2) / 3 };
}
