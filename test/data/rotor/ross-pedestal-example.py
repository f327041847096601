"""Writes ross-pedestal-example.json: ROSS's example rotor on bearings that sit on moving pedestals,
with ROSS's modal, unbalance and time results (the reference of the pedestal node numbering).

Run with ROSS 2.3.0 (petrobras/ross @ 631a249a) importable, from this folder:
    python3 ross-pedestal-example.py > ross-pedestal-example.json
How it was run for the committed file (no PyPI here): ROSS's source tree on PYTHONPATH; numpy 2.4.6,
scipy 1.17.1, pandas, pint, toml, numba, prettytable, control, xlrd and tenacity from pip; plotly
5.4.1 unpacked from Debian's python3-plotly ahead of pip's plotly 7 (ross/plotly_theme.py names
plotly-5 trace types), with numpy.bool8 aliased to numpy.bool_ for that plotly; stand-ins for two
packages that could not be installed and are not on any path computed here: methodtools (only its
lru_cache, which memoises Rotor.run_modal and _run_freq_response: an identity decorator gives the same
numbers) and ccp (gas properties of labyrinth seals, not used). None of these touch the numbers.

The model: rotor_example() of ROSS (6 Timoshenko elements of 0.25 m, od 0.05 m, steel; disks at
nodes 2 and 4) with damped bearings, bearing 1 cross-coupled, each bearing linked (n_link) to a
support node that is a point mass on a spring-damper to the ground. ROSS numbers the support nodes
7 and 8 (bearing 0's, bearing 1's: the order of the bearings) after the shaft's nodes 0..6. In the
twin rotor format the two pedestals are listed in the REVERSE order (pedestals[0] under bearings[1])
so that a reading that confused a pedestal's place in pedestals[] with its node number would fail:
node 7 is still the pedestal under bearings[0].
"""
import json
import subprocess
import sys

import numpy as np
import ross as rs

steel = rs.materials.steel
shaft = [
    rs.ShaftElement(0.25, 0.0, 0.05, material=steel, shear_effects=True, rotary_inertia=True, gyroscopic=True)
    for _ in range(6)
]
disks = [
    rs.DiskElement.from_geometry(n=2, material=steel, width=0.07, i_d=0.05, o_d=0.28),
    rs.DiskElement.from_geometry(n=4, material=steel, width=0.07, i_d=0.05, o_d=0.28),
]
BEARINGS = [  # (node, n_link, coefficients)
    (0, 7, dict(kxx=1e6, kyy=8e5, kxy=0.0, kyx=0.0, cxx=500.0, cyy=400.0, cxy=0.0, cyx=0.0)),
    (6, 8, dict(kxx=1.2e6, kyy=9e5, kxy=5e4, kyx=-5e4, cxx=600.0, cyy=500.0, cxy=0.0, cyx=0.0)),
]
SUPPORTS = [  # (node, mass, coefficients to the ground)
    (7, 20.0, dict(kxx=5e6, kyy=4e6, cxx=2000.0, cyy=1500.0)),
    (8, 12.0, dict(kxx=3e6, kyy=6e6, cxx=1000.0, cyy=2500.0)),
]
bearings = [rs.BearingElement(n, n_link=link, **c) for n, link, c in BEARINGS]
bearings += [rs.BearingElement(n, tag=f"Support{i}", **c) for i, (n, _, c) in enumerate(SUPPORTS)]
masses = [rs.PointMass(n, m=m) for n, m, _ in SUPPORTS]
rotor = rs.Rotor(shaft, disks, bearings, masses)
NN = len(rotor.nodes)  # 7 shaft nodes
NDOF = rotor.number_dof  # 6 per shaft node in ROSS 2.x (x, y, z, alpha, beta, theta)
assert rotor.link_nodes == [7, 8]
assert masses[0].dof_global_index["x_7"] == NDOF * NN and masses[1].dof_global_index["x_8"] == NDOF * NN + 3


def lateral_fraction(v):
    """Share of |v|^2 in the lateral DOFs (shaft x, y, alpha, beta; support x, y) of a displacement vector."""
    lat = np.zeros(rotor.ndof, dtype=bool)
    for i in range(NN):
        lat[NDOF * i + np.array([0, 1, 3, 4])] = True
    for k in range(len(masses)):
        lat[NDOF * NN + 3 * k + np.array([0, 1])] = True
    e = np.abs(v[: rotor.ndof]) ** 2
    return e[lat].sum() / e.sum()


def lateral_modes(speed, count):
    """ROSS's roots with Im > 0 whose shapes are lateral (ROSS also has axial and torsional DOFs, which
    decouple exactly), kept by the twin's reporting rules (|lambda| >= 0.1 rad/s, zeta < 0.9), by wd."""
    m = rotor.run_modal(speed, num_modes=2 * rotor.ndof, sparse=False)
    rows = []
    for j in range(len(m.wn)):
        if not m.wd[j] > 0 or m.wn[j] < 0.1 or m.damping_ratio[j] >= 0.9:
            continue
        f = lateral_fraction(m.evectors[:, j])
        assert f > 1 - 1e-9 or f < 1e-9, f
        if f > 0.5:
            rows.append((m.wd[j], m.wn[j], m.log_dec[j]))
    rows.sort()
    rows = rows[:count]
    return {"speed": float(speed), "wn": [r[1] for r in rows], "wd": [r[0] for r in rows], "logdec": [r[2] for r in rows]}


modal = [lateral_modes(s, 10) for s in (0.0, 150.0, 400.0)]

UNB = {"node": 2, "magnitude_kg_m": 1e-3, "phase_rad": 0.3}
freqs = np.arange(0.0, 1000.0 + 1e-9, 20.0)
resp = rotor.run_unbalance_response(UNB["node"], UNB["magnitude_kg_m"], UNB["phase_rad"], freqs)
PROBES = [(2, "x", 0.0), (2, "y", np.pi / 2), (7, "x", 0.0), (7, "y", np.pi / 2), (8, "x", 0.0), (8, "y", np.pi / 2), (8, 0.7, 0.7)]
probe_objs = [rs.Probe(n, a, tag=f"p{i}") for i, (n, _, a) in enumerate(PROBES)]
mag = resp.data_magnitude(probe=probe_objs, probe_units="rad", amplitude_units="m")
pha = resp.data_phase(probe=probe_objs, probe_units="rad", phase_units="rad")


def twin_phase(lag):
    """ROSS 2.3 reports the phase lag 2*pi - mod(angle(Q), 2*pi) (results.py, Orbit.calculate_amplitude);
    the twin format holds angle(Q) in (-pi, pi]: the lag negated and wrapped."""
    return float(np.angle(np.exp(-1j * lag)))


probes = [
    {"node": n, "dir": d, "amplitude": [float(v) for v in mag[f"p{i}"]], "phase": [twin_phase(v) for v in pha[f"p{i}"]]}
    for i, (n, d, _) in enumerate(PROBES)
]

# Time response: ROSS's default integrator (scipy.signal.lsim of the state-space model, the unbalance
# force of unbalance_force_over_time sampled every DT and interpolated linearly), from rest.
SPEED, DT, T_END, EVERY = 500.0, 1e-4, 1.0, 10
t = np.arange(0, round(T_END / DT) + 1) * DT
F = rotor.unbalance_force_over_time([UNB["node"]], [UNB["magnitude_kg_m"]], [UNB["phase_rad"]], SPEED, t)
tr = rotor.run_time_response(SPEED, F.T, t)
series = {}
for node in (2, 7, 8):
    base = NDOF * node if node < NN else NDOF * NN + 3 * (node - NN)
    series[f"x_{node}"] = [float(v) for v in tr.yout[::EVERY, base]]
    series[f"y_{node}"] = [float(v) for v in tr.yout[::EVERY, base + 1]]

ross_dir = rs.__file__.rsplit("/ross/", 1)[0]
try:
    commit = subprocess.run(["git", "-C", ross_dir, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
except OSError:
    commit = ""
commit = commit or "631a249adbae414d5f5f986479b58f1a4c47935e"

case = {
    "description": (
        "ROSS's example rotor (rotor_example(): 6 Timoshenko elements, 2 disks) on damped bearings that sit on "
        "moving pedestals: in ROSS each bearing has n_link to a support node (7 for bearings[0] at node 0, 8 for "
        "bearings[1] at node 6: ROSS numbers link nodes after the shaft nodes, here in bearing order), a PointMass "
        "on a BearingElement to the ground. In this format the pedestals are listed in the reverse order on "
        "purpose: node 7 is pedestals[1] (under bearings[0]), node 8 is pedestals[0]. Expected results by ROSS "
        f"{rs.__version__}: lateral modes (ROSS's axial and torsional roots left out), the unbalance response at "
        "shaft node 2 and at both pedestal nodes (data_magnitude/data_phase with rs.Probe; ROSS's phase lag stored "
        "as the twin's phase, arg Q = -lag), and the time "
        "response (run_time_response: scipy lsim) at 500 rad/s from rest."
    ),
    "source": f"petrobras/ross @ {commit[:8]}; test/data/rotor/ross-pedestal-example.py (this folder) computed every number by running ROSS",
    "tolerance": {"frequencies_rel": 1e-4, "logdec_abs": 1e-4, "unbalance_amplitude_rel": 1e-3},
    "model": {
        "name": "ross-pedestal-example",
        "shaft": [{"L": 0.25, "od": 0.05, "id": 0.0, "material": {"E": steel.E, "G": steel.G_s, "rho": steel.rho}} for _ in range(6)],
        "disks": [{"node": int(d.n), "m": float(d.m), "Id": float(d.Id), "Ip": float(d.Ip)} for d in disks],
        "bearings": [{"node": n, **c} for n, _, c in BEARINGS],
        "pedestals": [
            {"bearing": 1, "m": SUPPORTS[1][1], "kxx": SUPPORTS[1][2]["kxx"], "kyy": SUPPORTS[1][2]["kyy"], "cxx": SUPPORTS[1][2]["cxx"], "cyy": SUPPORTS[1][2]["cyy"]},
            {"bearing": 0, "m": SUPPORTS[0][1], "kxx": SUPPORTS[0][2]["kxx"], "kyy": SUPPORTS[0][2]["kyy"], "cxx": SUPPORTS[0][2]["cxx"], "cyy": SUPPORTS[0][2]["cyy"]},
        ],
        "options": {"shear": True, "rotaryInertia": True, "gyroscopic": True},
    },
    "expected": {
        "modal": modal,
        "unbalance": {"unbalance": UNB, "frequencies": [float(f) for f in freqs], "probes": probes},
    },
    "time_response": {
        "description": (
            "ROSS run_time_response (scipy.signal.lsim, input interpolated linearly between samples) from rest at "
            f"speed {SPEED} rad/s with the unbalance of expected.unbalance, dt {DT} s; displacements (m) every "
            f"{EVERY}th step, t = k * {EVERY * DT} s. Columns named as `twin rotor time` names them."
        ),
        "speed": SPEED,
        "dt": DT,
        "t_end": T_END,
        "every": EVERY,
        "series": series,
    },
}
json.dump(case, sys.stdout, indent=1)
sys.stdout.write("\n")
