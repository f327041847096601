#!/usr/bin/env python3
"""Reference cases for `twin elm fit`: real hpelm runs with several neuron blocks.

Writes test/data/elm/hpelm_*.json: each case is one hpelm training run (hpelm.ELM, add_neurons in
the order listed, train, predict) in the block form of the ELM case format (docs/elm.md):
`neurons` = the add_neurons(number, func, W, B) calls in order, with W and B exactly as hpelm
stores them (W: inputs x number, for rbf_* the centres as columns; B: biases, for rbf_* the
widths), `norm` = hpelm's ELM(norm=...) argument (null: hpelm's default 50*eps), and `expected`
= hpelm's own output weights (ELM.nnet.B), test outputs (ELM.predict) and the first five rows of
its hidden layer (ELM.project).

Alongside, a 40-digit reference (mpmath) of the same solution from hpelm's float64 H and T,
beta = (H^T H + norm I)^-1 H^T T, to show how far hpelm's own float64 result is from exact.

Run (hpelm is not installed, it is imported from a source tree of github.com/akusok/hpelm;
Debian packages python3-numpy python3-scipy python3-tables python3-fasteners python3-six
python3-mpmath):

    git -C HPELM_REPO archive HEAD hpelm | tar x -C /tmp/hpelm-src
    /usr/bin/python3 test/data/elm/hpelm_generate.py --hpelm /tmp/hpelm-src \
        --hpelm-commit $(git -C HPELM_REPO rev-parse HEAD) --out test/data/elm
"""
import argparse
import contextlib
import hashlib
import io
import json
import os
import platform
import subprocess
import sys

import numpy as np


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def rows(a):
    return [[float(x) for x in r] for r in np.asarray(a, dtype=np.float64)]


def rel_fro(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


def reference_40_digits(H, T, norm, Htest):
    """beta = (H^T H + norm I)^-1 H^T T in 40 significant digits from the float64 H and T."""
    import mpmath as mp
    mp.mp.dps = 40
    n, L = H.shape
    m = T.shape[1]
    Hm = [[mp.mpf(float(x)) for x in r] for r in H]
    Tm = [[mp.mpf(float(x)) for x in r] for r in T]
    G = mp.matrix(L, L)
    for i in range(L):
        for j in range(i, L):
            s = mp.mpf(0)
            for k in range(n):
                s += Hm[k][i] * Hm[k][j]
            G[i, j] = s
            G[j, i] = s
        G[i, i] += mp.mpf(norm)
    HT = mp.matrix(L, m)
    for i in range(L):
        for j in range(m):
            s = mp.mpf(0)
            for k in range(n):
                s += Hm[k][i] * Tm[k][j]
            HT[i, j] = s
    beta = mp.lu_solve(G, HT) if m == 1 else None
    if beta is None:
        cols = [mp.lu_solve(G, HT[:, j]) for j in range(m)]
        beta = mp.matrix(L, m)
        for j in range(m):
            for i in range(L):
                beta[i, j] = cols[j][i]
    B = np.array([[float(beta[i, j]) for j in range(m)] for i in range(L)])
    Y = np.array([[float(mp.fsum(mp.mpf(float(Htest[r, i])) * beta[i, j] for i in range(L))) for j in range(m)]
                  for r in range(Htest.shape[0])])
    return B, Y


CASES = [
    {
        "name": "hpelm_01_regression_blocks",
        "description": "Regression y1 = sin(pi x1) + 0.5 x2^2 - x3, y2 = x1 x2 + cos(x3), noise 0.05; "
                       "blocks lin 3, sigm 20, tanh 10, rbf_l2 15 drawn by hpelm's own initialiser; norm 1e-4",
        "seed": 101, "d": 3, "n_train": 200, "n_test": 40, "outputs": 2, "kind": "regression",
        "norm": 1e-4,
        "neurons": [("lin", 3), ("sigm", 20), ("tanh", 10), ("rbf_l2", 15)],
    },
    {
        "name": "hpelm_02_classification_rbf",
        "description": "3-class classification (one-hot targets, hpelm train(..., 'c')) of Gaussian clusters in 4-D; "
                       "blocks rbf_l1 12, sigm 15, rbf_linf 10, tanh 8 drawn by hpelm; norm 1e-2",
        "seed": 202, "d": 4, "n_train": 240, "n_test": 45, "outputs": 3, "kind": "classification",
        "norm": 1e-2,
        "neurons": [("rbf_l1", 12), ("sigm", 15), ("rbf_linf", 10), ("tanh", 8)],
    },
    {
        "name": "hpelm_03_all_types_default_norm",
        "description": "Regression y = x1 - 2 x2 x3 + exp(-x4^2), noise 0.02, all six neuron types "
                       "(tanh 6, rbf_linf 5, lin 4, sigm 10, rbf_l1 5, rbf_l2 6) drawn by hpelm; "
                       "norm not given: hpelm's default 50*eps",
        "seed": 303, "d": 4, "n_train": 300, "n_test": 50, "outputs": 1, "kind": "regression",
        "norm": None,
        "neurons": [("tanh", 6), ("rbf_linf", 5), ("lin", 4), ("sigm", 10), ("rbf_l1", 5), ("rbf_l2", 6)],
    },
    {
        "name": "hpelm_04_merged_blocks",
        "description": "Regression y = |x1| + x2 - x3^3, noise 0.05; add_neurons called twice for sigm and for rbf_l2 "
                       "(sigm 8, rbf_l2 6, sigm 7, lin 2, rbf_l2 4): hpelm joins a repeated function to its "
                       "first block, so the hidden layer is sigm 15, rbf_l2 10, lin 2; norm 1e-3",
        "seed": 404, "d": 3, "n_train": 150, "n_test": 30, "outputs": 1, "kind": "regression",
        "norm": 1e-3,
        "neurons": [("sigm", 8), ("rbf_l2", 6), ("sigm", 7), ("lin", 2), ("rbf_l2", 4)],
    },
]


def make_data(c, rs):
    d, n, nt = c["d"], c["n_train"], c["n_test"]
    if c["kind"] == "classification":
        k = c["outputs"]
        centres = rs.randn(k, d) * 1.2
        labels = np.arange(n + nt) % k
        X = centres[labels] + 0.8 * rs.randn(n + nt, d)
        T = np.zeros((n + nt, k))
        T[np.arange(n + nt), labels] = 1.0
        return X[:n], T[:n], X[n:], T[n:]
    X = rs.uniform(-1.0, 1.0, size=(n + nt, d))
    x = [X[:, j] for j in range(d)]
    if c["name"].startswith("hpelm_01"):
        Y = np.stack([np.sin(np.pi * x[0]) + 0.5 * x[1] ** 2 - x[2], x[0] * x[1] + np.cos(x[2])], axis=1)
        Y += 0.05 * rs.randn(*Y.shape)
    elif c["name"].startswith("hpelm_03"):
        Y = (x[0] - 2 * x[1] * x[2] + np.exp(-x[3] ** 2))[:, None] + 0.02 * rs.randn(n + nt, 1)
    else:
        Y = (np.abs(x[0]) + x[1] - x[2] ** 3)[:, None] + 0.05 * rs.randn(n + nt, 1)
    return X[:n], Y[:n], X[n:], Y[n:]


def run_case(c, hpelm, source):
    rs = np.random.RandomState(c["seed"])
    Xtr, Ttr, Xte, _ = make_data(c, rs)
    # hpelm draws W and B with numpy's global generator (ELM.add_neurons, W is None / B is None)
    np.random.seed(c["seed"] + 1)
    elm = hpelm.ELM(c["d"], c["outputs"], norm=c["norm"])
    calls = ["ELM(%d, %d%s)" % (c["d"], c["outputs"], "" if c["norm"] is None else ", norm=%r" % c["norm"])]
    neurons = []
    for func, number in c["neurons"]:
        before = [(f, W.copy(), B.copy()) for _, f, W, B in elm.nnet.neurons]
        elm.add_neurons(number, func)
        calls.append("add_neurons(%d, %r)" % (number, func))
        # what this call added: the new block, or the columns appended to the existing block of func
        after = {f: (W, B) for _, f, W, B in elm.nnet.neurons}
        W, B = after[func]
        old = [x for x in before if x[0] == func]
        k0 = old[0][1].shape[1] if old else 0
        if old:
            assert np.array_equal(W[:, :k0], old[0][1]) and np.array_equal(B[:k0], old[0][2])
        neurons.append({"func": func, "number": int(W.shape[1] - k0), "W": rows(W[:, k0:]), "B": [float(x) for x in B[k0:]]})
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if c["kind"] == "classification":
            elm.train(Xtr, Ttr, "c")
            calls.append("train(X_train, T_train, 'c')")
        else:
            elm.train(Xtr, Ttr)
            calls.append("train(X_train, T_train)")
    assert "not full rank" not in out.getvalue(), "hpelm fell back to lstsq: " + out.getvalue()
    calls.append("predict(X_test)")
    beta = np.asarray(elm.nnet.B, dtype=np.float64)
    Yte = elm.predict(Xte)
    Htr = elm.project(Xtr)
    Hte = elm.project(Xte)
    norm_used = float(elm.nnet.norm)
    L = int(elm.nnet.L)
    assert Htr.shape[1] == L == sum(n["number"] for n in neurons)
    # cond of the matrix hpelm factorises: H^T H + norm I
    G = Htr.T @ Htr + norm_used * np.eye(L)
    cond = float(np.linalg.cond(G))
    ref_beta, ref_Y = reference_40_digits(Htr, Ttr, norm_used, Hte)
    doc = {
        "name": c["name"],
        "description": c["description"],
        "source": dict(source, calls=calls,
                       random="numpy.random.RandomState(%d) for the data; numpy.random.seed(%d) before the "
                              "add_neurons calls, which draw W and B with hpelm's default initialiser"
                              % (c["seed"], c["seed"] + 1),
                       hpelm_blocks=[[int(n), f] for n, f, _, _ in elm.nnet.neurons],
                       hpelm_norm_used=norm_used),
        "spec": {
            "hidden_layer": "H = [g_1(X, W_1, B_1) | g_2(X, W_2, B_2) | ...], one block per function in order of first "
                            "add_neurons call (a repeated function joins its first block: hpelm SLFN.add_neurons)",
            "functions": {
                "lin": "X W + B",
                "sigm": "1 / (1 + exp(X W + B))  (hpelm's sign: the standard sigmoid of -(X W + B))",
                "tanh": "tanh(X W + B)",
                "rbf_l1": "exp(-cdist(X, W^T, 'cityblock')**2 / B)",
                "rbf_l2": "exp(-cdist(X, W^T, 'euclidean')**2 / B)",
                "rbf_linf": "exp(-cdist(X, W^T, 'chebyshev')**2 / B)",
            },
            "solution": "beta = (H^T H + norm I)^-1 H^T T (hpelm SLFNPython: HH starts as norm I, += H^T H by dsyrk, "
                        "solved by LAPACK dposv); norm null means hpelm's default 50 * eps(float64)",
            "reference_values": "expected = hpelm's own float64 results; reference_40digit = the same solution in "
                                "40-digit arithmetic (mpmath) from hpelm's float64 H and T, rounded to float64",
            "tolerance": "||beta - expected.beta||_F / ||expected.beta||_F <= 1e-9, same for Y_test",
        },
        "d": c["d"],
        "L": L,
        "neurons": neurons,
        "norm": c["norm"],
        "X_train": rows(Xtr),
        "T_train": rows(Ttr),
        "X_test": rows(Xte),
        "expected": {
            "beta": rows(beta),
            "Y_test": rows(Yte),
            "H_train_first5rows": rows(Htr[:5]),
        },
        "reference_40digit": {"beta": rows(ref_beta), "Y_test": rows(ref_Y)},
        "diagnostics": {
            "cond_HtH_plus_norm_I": cond,
            "hpelm_rel_err_beta_vs_40digit": rel_fro(beta, ref_beta),
            "hpelm_rel_err_Ytest_vs_40digit": rel_fro(Yte, ref_Y),
        },
    }
    return doc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hpelm", required=True, help="directory holding hpelm's source package (hpelm/)")
    ap.add_argument("--hpelm-commit", required=True, help="the git commit of that source")
    ap.add_argument("--out", required=True, help="output directory")
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.hpelm))
    import warnings
    warnings.simplefilter("ignore", SyntaxWarning)
    import hpelm
    import scipy
    import mpmath
    root = os.path.dirname(os.path.abspath(hpelm.__file__))
    assert root == os.path.join(os.path.abspath(a.hpelm), "hpelm"), root
    files = ["elm.py", "nnets/slfn.py", "nnets/slfn_python.py"]
    here = os.path.abspath(__file__)
    # the BLAS/LAPACK numpy and scipy load (Debian's alternatives), with its package version
    blas = "unknown"
    link = "/etc/alternatives/libblas.so.3-%s-linux-gnu" % platform.machine()
    if os.path.exists(link):
        blas = os.path.realpath(link)
        try:
            owner = subprocess.run(["dpkg", "-S", blas], capture_output=True, text=True).stdout.split(":")[0]
            version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", owner], capture_output=True, text=True).stdout
            blas += " (Debian %s %s)" % (owner, version)
        except OSError:
            pass
    source = {
        "reference": "hpelm (https://github.com/akusok/hpelm, BSD 3-clause), run from source",
        "hpelm_commit": a.hpelm_commit,
        "hpelm_files_sha256": {"hpelm/" + f: sha256(os.path.join(root, f)) for f in files},
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "mpmath": mpmath.__version__,
        "blas_lapack": blas,
        "platform": platform.platform(),
        "script": "test/data/elm/hpelm_generate.py",
        "script_sha256": sha256(here),
    }
    for c in CASES:
        doc = run_case(c, hpelm, source)
        path = os.path.join(a.out, c["name"] + ".json")
        with open(path, "w") as f:
            json.dump(doc, f, indent=None, separators=(", ", ": "))
            f.write("\n")
        dg = doc["diagnostics"]
        print("%s: L = %d, cond %.3g, hpelm vs 40 digits: beta %.2e, Y_test %.2e, %d bytes"
              % (c["name"], doc["L"], dg["cond_HtH_plus_norm_I"], dg["hpelm_rel_err_beta_vs_40digit"],
                 dg["hpelm_rel_err_Ytest_vs_40digit"], os.path.getsize(path)))


if __name__ == "__main__":
    main()
