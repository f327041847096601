# Plain numpy UKF baseline for bench/ukf.js: the same FilterPy conventions as the wasm filter
# (Merwe scaled sigma points from the upper Cholesky factor of (n + lambda) P, sigma points redrawn
# from (x-, P-) before the update, P+ = P- - K S K^T), vectorised over the sigma points.
# Reads a job (JSON file: F, H, Q, R, x0, P0, alpha, beta, kappa, zs, steps), prints
# {"seconds": ..., "steps": ..., "x_final": [...], "x_post": [[...] per step]} as JSON.
import json
import sys
import time

import numpy as np


def weights(n, alpha, beta, kappa):
    lam = alpha**2 * (n + kappa) - n
    c = n + lam
    Wm = np.full(2 * n + 1, 0.5 / c)
    Wc = Wm.copy()
    Wm[0] = lam / c
    Wc[0] = lam / c + 1 - alpha**2 + beta
    return c, Wm, Wc


def sigmas(x, P, c):
    U = np.linalg.cholesky(c * P).T  # upper factor: U^T U = c P
    return np.vstack([x, x + U, x - U])


def run(job):
    F = np.array(job["F"]); H = np.array(job["H"]); Q = np.array(job["Q"]); R = np.array(job["R"])
    x = np.array(job["x0"], dtype=float); P = np.array(job["P0"], dtype=float)
    n = x.size
    c, Wm, Wc = weights(n, job["alpha"], job["beta"], job["kappa"])
    zs = np.array(job["zs"])
    steps = int(job["steps"])
    out = np.empty((steps, n))
    t0 = time.perf_counter()
    for k in range(steps):
        X = sigmas(x, P, c)
        Y = X @ F.T
        x = Wm @ Y
        d = Y - x
        P = d.T @ (Wc[:, None] * d) + Q
        X = sigmas(x, P, c)
        Z = X @ H.T
        zp = Wm @ Z
        dz = Z - zp
        S = dz.T @ (Wc[:, None] * dz) + R
        Pxz = (X - x).T @ (Wc[:, None] * dz)
        K = Pxz @ np.linalg.inv(S)
        x = x + K @ (zs[k] - zp)
        P = P - K @ S @ K.T
        out[k] = x
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "steps": steps, "x_post": out.tolist()}


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        job = json.load(f)
    print(json.dumps(run(job)))
