"""numpy baseline for bench/spc.js: X-bar/R over 1,000,000 subgroups of 5 and EWMA over 10,000,000
points (scipy.signal.lfilter for the recursion, the fastest vectorised form), same formulas as twin
(limits only, no run rules). Prints JSON timings (median of repeats)."""
import json
import sys
import time

import numpy as np
from scipy.signal import lfilter


def timed(fn, reps):
    times = []
    out = None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2], out


def xbar_r(x):
    means = x.mean(axis=1)
    ranges = np.ptp(x, axis=1)
    center = means.mean()
    rbar = ranges.mean()
    sigma = rbar / 2.326
    ucl = center + 3 * sigma / np.sqrt(5)
    lcl = center - 3 * sigma / np.sqrt(5)
    beyond = np.nonzero((means > ucl) | (means < lcl))[0] + 1
    rbeyond = np.nonzero(ranges > 2.114 * rbar)[0] + 1
    return center, sigma, beyond.size + rbeyond.size


def ewma(x, lam=0.2, L=3.0):
    mu = x.mean()
    mr = np.abs(np.diff(x)).mean()
    sigma = mr / 1.128
    z, _ = lfilter([lam], [1.0, -(1.0 - lam)], x, zi=[(1.0 - lam) * mu])
    i = np.arange(1, x.size + 1)
    w = L * sigma * np.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * i)))
    beyond = np.nonzero((z > mu + w) | (z < mu - w))[0] + 1
    return mu, sigma, beyond.size


def main():
    job = json.loads(sys.argv[1])
    rng = np.random.default_rng(12345)
    x = rng.normal(50.0, 1.0, size=(job["subgroups"], 5))
    t_xr, r_xr = timed(lambda: xbar_r(x), job.get("reps", 5))
    y = rng.normal(10.0, 1.0, size=job["points"])
    t_ew, r_ew = timed(lambda: ewma(y), job.get("reps", 5))
    print(json.dumps({"numpy": np.__version__, "xbar_r_s": t_xr, "ewma_s": t_ew, "xbar_r": list(map(float, r_xr)), "ewma": list(map(float, r_ew))}))


if __name__ == "__main__":
    main()
