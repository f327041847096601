# Plain numpy baseline for bench/runner.js: the per-sample work of the hybrid runner's pipeline written
# as one would in Python — the same anti-alias decimation (Blackman-windowed sinc, the taps given by
# the job, every D-th output centred on the input sample) and the same UKF as the core's virtual
# sensor (Merwe points alpha = 1, beta = 0, kappa = 0 from the upper Cholesky factor, FilterPy's
# conventions as bench/ukf_numpy.py, with the harmonic input u_k = [cos W t_k, sin W t_k]:
# x- = F x + B u, z = H x + D u), then the estimates out x. Reads a job (JSON), prints
# {"seconds", "samples", "estimates" (the last 8 rows)} as JSON.
import json
import sys
import time

import numpy as np


def design_taps(D, h):
    # the core's design (assembly/runner/decimate.ts): Blackman-windowed sinc at 1/(2D), sum 1
    M = 2 * h * D
    j = np.arange(M + 1)
    u = j - h * D
    fc = 0.5 / D
    sinc = np.sinc(2 * fc * u)
    w = 0.42 - 0.5 * np.cos(2 * np.pi * j / M) + 0.08 * np.cos(4 * np.pi * j / M)
    g = 2 * fc * sinc * w
    return g / g.sum()


def run(job):
    D = int(job["D"]); h = int(job["h"])
    taps = design_taps(D, h)
    C = int(job["C"]); chans = job["chans"]; gains = np.array(job["gains"])
    X = np.array(job["samples"]).reshape(-1, C)
    t0_index = int(job["t0"])
    F = np.array(job["F"]); B = np.array(job["B"]); H = np.array(job["H"]); Dm = np.array(job["Dm"])
    OUT = np.array(job["out"]); Q = np.array(job["Q"]); R = np.diag(job["R"]); P = np.diag(job["P0"])
    fs_out = float(job["fs_out"]); W = float(job["omega"])
    n = F.shape[0]
    lam = 1.0 * (n + 0.0) - n
    c = n + lam
    Wm = np.full(2 * n + 1, 0.5 / c); Wc = Wm.copy()
    Wm[0] = lam / c; Wc[0] = lam / c + 1 - 1.0 + 0.0
    t_start = time.perf_counter()
    Z = X[:, chans] * gains
    N = taps.size
    # decimated sample j (absolute) is centred on input index jD, needs inputs jD - hD .. jD + hD
    first_abs = t0_index + N - 1 - h * D
    j0 = -(-first_abs // D)
    last_abs = t0_index + Z.shape[0] - 1 - h * D
    js = np.arange(j0, last_abs // D + 1)
    dec = np.empty((js.size, Z.shape[1]))
    for k, j in enumerate(js):
        s = j * D + h * D - t0_index  # newest input sample of the window
        seg = Z[s - N + 1 : s + 1][::-1]
        dec[k] = taps @ seg
    x = np.zeros(n)
    est = np.empty((js.size, OUT.shape[0]))
    for k, j in enumerate(js):
        th = W * (j / fs_out)
        u = np.array([np.cos(th), np.sin(th)])
        U = np.linalg.cholesky(c * P).T
        S = np.vstack([x, x + U, x - U])
        Y = S @ F.T + B @ u
        x = Wm @ Y
        d = Y - x
        P = d.T @ (Wc[:, None] * d) + Q
        U = np.linalg.cholesky(c * P).T
        S = np.vstack([x, x + U, x - U])
        Zs = S @ H.T + Dm @ u
        zp = Wm @ Zs
        dz = Zs - zp
        Sm = dz.T @ (Wc[:, None] * dz) + R
        Pxz = (S - x).T @ (Wc[:, None] * dz)
        K = Pxz @ np.linalg.inv(Sm)
        x = x + K @ (dec[k] - zp)
        P = P - K @ Sm @ K.T
        P = 0.5 * (P + P.T)
        est[k] = OUT @ x
    seconds = time.perf_counter() - t_start
    return {"seconds": seconds, "samples": int(X.shape[0]), "last_js": [int(j) for j in js[-8:]], "estimates": est[-8:].tolist()}


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        job = json.load(f)
    print(json.dumps(run(job)))
