"""Baselines for bench/rotor.js, measured in the same run on the same machine.

Reads the rotor matrices the core assembled (raw little-endian f64: n, M, K, C, G, row-major) and
times (a) the same damped eigenproblem solved densely by LAPACK (scipy.linalg.eig of the 2n x 2n
first-order state matrix, dgeev), (b) ARPACK shift-invert for the lowest 12 modes (what ROSS does),
and (c) the same Newmark average-acceleration time response with a dense LU (scipy lu_factor/lu_solve).
Prints one JSON object.
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.linalg as sl
import scipy.sparse.linalg as ssl


def load(path):
    raw = np.fromfile(path, dtype="<f8")
    n = int(raw[0])
    mats = raw[1:].reshape(4, n, n)
    return n, mats[0], mats[1], mats[2], mats[3]


def timed(fn, min_total=1.0, max_reps=50):
    times = []
    t_all = time.perf_counter()
    while len(times) < max_reps and (len(times) < 3 or time.perf_counter() - t_all < min_total):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), len(times), result


def state_matrix(n, M, K, C, G, speed):
    Minv = sl.inv(M)
    A = np.zeros((2 * n, 2 * n))
    A[:n, n:] = np.eye(n)
    A[n:, :n] = -Minv @ K
    A[n:, n:] = -Minv @ (C + speed * G)
    return A


def lowest(w, k):
    """The reporting rules of DESIGN.md: Im > 0, no rigid-body (|λ| < 0.1) or overdamped (ζ >= 0.9) roots."""
    w = w[w.imag > 0]
    w = w[np.abs(w) > 0.1]
    w = w[-w.real / np.abs(w) < 0.9]
    return np.sort(np.abs(w.imag))[:k]


def modal(path, speed, k):
    n, M, K, C, G = load(path)
    A = state_matrix(n, M, K, C, G, speed)
    t_dense, reps_dense, w = timed(lambda: sl.eig(A, right=True))
    wd_dense = lowest(w[0], k)
    t_form, _, _ = timed(lambda: state_matrix(n, M, K, C, G, speed))
    t_arpack, reps_arpack, w2 = timed(lambda: ssl.eigs(A, k=2 * k + 4, sigma=0, which="LM"))
    return {
        "n": n,
        "lapack_eig_s": t_dense,
        "lapack_reps": reps_dense,
        "form_state_s": t_form,
        "arpack_shift_invert_s": t_arpack,
        "arpack_reps": reps_arpack,
        "wd": wd_dense.tolist(),
    }


def newmark(path, speed, t_end, dt, node, me):
    n, M, K, C, G = load(path)
    D = C + speed * G
    beta, gamma = 0.25, 0.5
    a0 = 1 / (beta * dt * dt)
    a1 = gamma / (beta * dt)
    Keff = K + a0 * M + a1 * D
    lu = sl.lu_factor(Keff)
    steps = int(round(t_end / dt))

    def run():
        q = np.zeros(n)
        v = np.zeros(n)
        a = np.zeros(n)
        f = np.zeros(n)
        out = np.empty((steps + 1, n))
        out[0] = q
        for i in range(1, steps + 1):
            t = i * dt
            f[4 * node] = me * speed * speed * np.cos(speed * t)
            f[4 * node + 1] = me * speed * speed * np.sin(speed * t)
            rhs = f + M @ (a0 * q + (1 / (beta * dt)) * v + (1 / (2 * beta) - 1) * a) + D @ (
                a1 * q + (gamma / beta - 1) * v + dt * (gamma / (2 * beta) - 1) * a)
            qn = sl.lu_solve(lu, rhs)
            an = a0 * (qn - q) - (1 / (beta * dt)) * v - (1 / (2 * beta) - 1) * a
            v = v + dt * ((1 - gamma) * a + gamma * an)
            q, a = qn, an
            out[i] = q
        return out

    t, reps, _ = timed(run, min_total=0.0, max_reps=1)
    return {"n": n, "steps": steps, "scipy_newmark_s": t, "steps_per_s": steps / t}


if __name__ == "__main__":
    job = json.loads(sys.argv[1])
    info = {"numpy": np.__version__, "scipy": scipy.__version__}
    if job["kind"] == "modal":
        res = modal(job["file"], job["speed"], job["modes"])
    else:
        res = newmark(job["file"], job["speed"], job["tEnd"], job["dt"], job["node"], job["me"])
    res.update(info)
    print(json.dumps(res))
