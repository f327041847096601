// Scalar complex arithmetic shared by the eigensolvers.

// result of cdiv (no tuples in AssemblyScript): read right after the call
export let cdivr: f64 = 0.0;
export let cdivi: f64 = 0.0;

/** (xr + i xi) / (yr + i yi) into (cdivr, cdivi), Smith's algorithm (Smith 1962, CACM 5(8):435). */
export function cdiv(xr: f64, xi: f64, yr: f64, yi: f64): void {
  if (Math.abs(yr) > Math.abs(yi)) {
    const r = yi / yr, d = yr + r * yi;
    cdivr = (xr + r * xi) / d;
    cdivi = (xi - r * xr) / d;
  } else {
    const r = yr / yi, d = yi + r * yr;
    cdivr = (r * xr + xi) / d;
    cdivi = (r * xi - xr) / d;
  }
}
