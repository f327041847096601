# numpy baseline of bench/elm.js: the same ELM (H = sigmoid(X W + b), beta = (HᵀH + I/C)⁻¹ HᵀT by
# Cholesky) on the same data, timed in the same run. Input: a JSON job on argv[1] naming a raw f64 file
# [n, d, L, m, C, X (n·d), T (n·m), W (d·L), b (L), Xwin (d)]. Output: JSON timings and beta.
import json, sys, time
import numpy as np

job = json.loads(sys.argv[1])
raw = np.fromfile(job["file"], dtype="<f8")
n, d, L, m = (int(v) for v in raw[:4])
C = raw[4]
o = 5
X = raw[o:o + n * d].reshape(n, d); o += n * d
T = raw[o:o + n * m].reshape(n, m); o += n * m
W = raw[o:o + d * L].reshape(d, L); o += d * L
b = raw[o:o + L]; o += L
xw = raw[o:o + d].reshape(1, d)


def fit():
    H = 1.0 / (1.0 + np.exp(-(X @ W + b)))
    G = H.T @ H
    G[np.diag_indices(L)] += 1.0 / C
    c = np.linalg.cholesky(G)
    y = np.linalg.solve(c, H.T @ T)  # general solve on the factor, as scipy is not assumed
    return np.linalg.solve(c.T, y)


def timed(fn, reps):
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        r = fn()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return ts[len(ts) // 2], r


fit_s, beta = timed(fit, job.get("reps", 5))
win_s, _ = timed(lambda: (1.0 / (1.0 + np.exp(-(xw @ W + b)))) @ beta, 200)
print(json.dumps({"fit_s": fit_s, "window_s": win_s, "beta": beta.ravel().tolist(), "numpy": np.__version__}))
