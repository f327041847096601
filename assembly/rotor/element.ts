// Timoshenko shaft finite element with 4 DOF per node, local order [x0, y0, α0, β0, x1, y1, α1, β1]
// (α rotation about x, β rotation about y; α = -dy/dz, β = dx/dz along the axis z).
//
// Uniform element: Nelson & McVaugh 1976, ASME J. Eng. Ind. 98(2):593; Nelson 1980, J. Mech. Des.
// 102:793 (Timoshenko beam, shear through Φ = 12EI/(κGAL²)); Friswell, Penny, Garvey & Lees 2010,
// "Dynamics of Rotating Machines", §5.4 (translational/rotary mass, stiffness, gyroscopic matrices).
// Tapered (conical) element: Genta & Gugliotta 1988, "A conical element for finite element rotor
// dynamics", J. Sound Vib. 120(1):175-182 -- area and second moment vary exactly as polynomials in
// ξ = z/L, A = A_l(1 + a1 ξ + b1 ξ²), I = I_l(1 + a2 ξ + b2 ξ² + γ ξ³ + δ ξ⁴), and the element
// integrals are closed-form polynomials in these coefficients. This is the formulation of ROSS
// (petrobras/ross, ross/shaft_element.py), including its sign conventions, its Φ from the mid-length
// section and its Cowper coefficient from the mean diameters, so results agree with ROSS.
import { ShaftElement } from "./model";

/** 8x8 row-major element matrices. */
export class ElementMatrices {
  M: StaticArray<f64> = new StaticArray<f64>(64);
  K: StaticArray<f64> = new StaticArray<f64>(64);
  G: StaticArray<f64> = new StaticArray<f64>(64);
}

/** Cowper 1966 (J. Appl. Mech. 33:335) shear coefficient of a hollow circle, r = id/od. */
export function cowperKappa(nu: f64, r: f64): f64 {
  const r2 = r * r;
  const r12 = (1.0 + r2) * (1.0 + r2);
  return (6.0 * r12 * (1.0 + nu)) / (r12 * (7.0 + 6.0 * nu) + r2 * (20.0 + 12.0 * nu));
}

/** Geometric coefficients of the conical element (Genta & Gugliotta 1988). */
export class Section {
  Al: f64 = 0;
  Il: f64 = 0;
  a1: f64 = 0;
  b1: f64 = 0;
  a2: f64 = 0;
  b2: f64 = 0;
  gama: f64 = 0;
  delta: f64 = 0;
  /** area and second moment at mid-length */
  Amid: f64 = 0;
  Imid: f64 = 0;
  /** shear parameter Φ (0 without shear) */
  phi: f64 = 0;
}

export function section(el: ShaftElement): Section {
  const s = new Section();
  const roj = el.odl / 2, rij = el.idl / 2, rok = el.odr / 2, rik = el.idr / 2;
  s.Al = (Math.PI * (el.odl * el.odl - el.idl * el.idl)) / 4;
  s.Il = (Math.PI * (el.odl ** 4 - el.idl ** 4)) / 64;
  const dro = rok - roj, dri = rik - rij;
  s.a1 = (2 * Math.PI * (roj * dro - rij * dri)) / s.Al;
  s.b1 = (Math.PI * (dro * dro - dri * dri)) / s.Al;
  s.a2 = (Math.PI * (roj ** 3 * dro - rij ** 3 * dri)) / s.Il;
  s.b2 = (3 * Math.PI * (roj * roj * dro * dro - rij * rij * dri * dri)) / (2 * s.Il);
  s.gama = (Math.PI * (roj * dro ** 3 - rij * dri ** 3)) / s.Il;
  s.delta = (Math.PI * (dro ** 4 - dri ** 4)) / (4 * s.Il);
  s.Amid = s.Al * (1 + s.a1 * 0.5 + s.b1 * 0.25);
  s.Imid = s.Il * (1 + s.a2 * 0.5 + s.b2 * 0.25 + s.gama * 0.125 + s.delta * 0.0625);
  if (el.shear) {
    const nu = el.E / (2 * el.G) - 1;
    const r = (el.idl + el.idr) / (el.odl + el.odr);
    const kappa = cowperKappa(nu, r);
    s.phi = (12 * el.E * s.Imid) / (el.G * kappa * s.Amid * el.L * el.L);
  }
  return s;
}

// Sign pattern of the y-α plane relative to the x-β plane: (y, α) = S (x, β) with S = diag(1, -1)
// per node, because α = -dy/dz while β = dx/dz.
const XB: StaticArray<i32> = [0, 3, 4, 7];
const YA: StaticArray<i32> = [1, 2, 5, 6];
const SGN: StaticArray<f64> = [1.0, -1.0, 1.0, -1.0];

/** Adds s * P (4x4 planar matrix in the x-β plane, order [u0, θ0, u1, θ1]) to both planes of A. */
function scatterPlanar(A: StaticArray<f64>, P: StaticArray<f64>, s: f64): void {
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const v = s * unchecked(P[i * 4 + j]);
      const xb = unchecked(XB[i]) * 8 + unchecked(XB[j]);
      const ya = unchecked(YA[i]) * 8 + unchecked(YA[j]);
      unchecked((A[xb] = A[xb] + v));
      unchecked((A[ya] = A[ya] + v * SGN[i] * SGN[j]));
    }
  }
}

function planar(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64): StaticArray<f64> {
  // symmetric 4x4 from its upper triangle, row by row
  const P = new StaticArray<f64>(16);
  P[0] = a; P[1] = b; P[2] = c; P[3] = d;
  P[5] = e; P[6] = f; P[7] = g;
  P[10] = h; P[11] = i;
  P[15] = j;
  P[4] = b; P[8] = c; P[12] = d; P[9] = f; P[13] = g; P[14] = i;
  return P;
}

/** Element M (translational + rotary), K and G (at unit speed), each switchable by the element's options. */
export function shaftElementMatrices(el: ShaftElement): ElementMatrices {
  const out = new ElementMatrices();
  const s = section(el);
  const L = el.L, L2 = L * L, phi = s.phi, p2 = phi * phi;
  const a1 = s.a1, b1 = s.b1, a2 = s.a2, b2 = s.b2, ga = s.gama, de = s.delta;
  const q = (1 + phi) * (1 + phi);

  // translational mass (Genta & Gugliotta 1988; Friswell et al. 2010 eq. 5.87 for a1 = b1 = 0)
  const m1 = 468 + 882 * phi + 420 * p2 + a1 * (108 + 210 * phi + 105 * p2) + b1 * (38 + 78 * phi + 42 * p2);
  const m2 = 66 + 115.5 * phi + 52.5 * p2 + a1 * (21 + 40.5 * phi + 21 * p2) + b1 * (8.5 + 18 * phi + 10.5 * p2);
  const m3 = 162 + 378 * phi + 210 * p2 + a1 * (81 + 189 * phi + 105 * p2) + b1 * (46 + 111 * phi + 63 * p2);
  const m4 = 39 + 94.5 * phi + 52.5 * p2 + a1 * (18 + 40.5 * phi + 21 * p2) + b1 * (9.5 + 21 * phi + 10.5 * p2);
  const m5 = 12 + 21 * phi + 10.5 * p2 + a1 * (4.5 + 9 * phi + 5.25 * p2) + b1 * (2 + 4.5 * phi + 3 * p2);
  const m6 = 39 + 94.5 * phi + 52.5 * p2 + a1 * (21 + 54 * phi + 31.5 * p2) + b1 * (12.5 + 34.5 * phi + 21 * p2);
  const m7 = 9 + 21 * phi + 10.5 * p2 + a1 * (4.5 + 10.5 * phi + 5.25 * p2) + b1 * (2.5 + 6 * phi + 3 * p2);
  const m8 = 468 + 882 * phi + 420 * p2 + a1 * (360 + 672 * phi + 315 * p2) + b1 * (290 + 540 * phi + 252 * p2);
  const m9 = 66 + 115.5 * phi + 52.5 * p2 + a1 * (45 + 75 * phi + 31.5 * p2) + b1 * (32.5 + 52.5 * phi + 21 * p2);
  const m10 = 12 + 21 * phi + 10.5 * p2 + a1 * (7.5 + 12 * phi + 5.25 * p2) + b1 * (5 + 7.5 * phi + 3 * p2);
  scatterPlanar(
    out.M,
    planar(m1, L * m2, m3, -L * m4, L2 * m5, L * m6, -L2 * m7, m8, -L * m9, L2 * m10),
    (el.rho * s.Al * L) / (1260 * q),
  );

  // rotary inertia and gyroscopic coefficients share the same integrals (Nelson 1980; Friswell §5.4)
  const r1 = 252 + 126 * a2 + 72 * b2 + 45 * ga + 30 * de;
  const r2 = 21 - 105 * phi + a2 * (21 - 42 * phi) + b2 * (15 - 21 * phi) + ga * (10.5 - 12 * phi) + de * (7.5 - 7.5 * phi);
  const r3 = 21 - 105 * phi - 63 * a2 * phi - b2 * (6 + 42 * phi) - ga * (7.5 + 30 * phi) - de * (7.5 + 22.5 * phi);
  const r4 =
    28 + 35 * phi + 70 * p2 + a2 * (7 - 7 * phi + 17.5 * p2) + b2 * (4 - 7 * phi + 7 * p2) +
    ga * (2.75 - 5 * phi + 3.5 * p2) + de * (2 - 3.5 * phi + 2 * p2);
  const r5 =
    7 + 35 * phi - 35 * p2 + a2 * (3.5 + 17.5 * phi - 17.5 * p2) + b2 * (3 + 10.5 * phi - 10.5 * p2) +
    ga * (2.75 + 7 * phi - 7 * p2) + de * (2.5 + 5 * phi - 5 * p2);
  const r6 =
    28 + 35 * phi + 70 * p2 + a2 * (21 + 42 * phi + 52.5 * p2) + b2 * (18 + 42 * phi + 42 * p2) +
    ga * (16.25 + 40 * phi + 35 * p2) + de * (15 + 37.5 * phi + 30 * p2);
  const rs = (el.rho * s.Il) / (210 * L * q);
  if (el.rotaryInertia) {
    scatterPlanar(out.M, planar(r1, L * r2, -r1, L * r3, L2 * r4, -L * r2, -L2 * r5, r1, -L * r3, L2 * r6), rs);
  }

  // stiffness: bending part K1 plus shear part 105 Φ K2
  const k1 = 1260 + 630 * a2 + 504 * b2 + 441 * ga + 396 * de;
  const kp = phi * (105 * a2 + 105 * b2 + 94.5 * ga + 84 * de);
  const k2 = 630 + 210 * a2 + 147 * b2 + 126 * ga + 114 * de - kp;
  const k3 = 630 + 420 * a2 + 357 * b2 + 315 * ga + 282 * de + kp;
  const k4 =
    420 + 210 * phi + 105 * p2 + a2 * (105 + 52.5 * p2) + b2 * (56 - 35 * phi + 35 * p2) +
    ga * (42 - 42 * phi + 26.25 * p2) + de * (36 - 42 * phi + 21 * p2);
  const k5 =
    210 - 210 * phi - 105 * p2 + a2 * (105 - 105 * phi - 52.5 * p2) + b2 * (91 - 70 * phi - 35 * p2) +
    ga * (84 - 52.5 * phi - 26.25 * p2) + de * (78 - 42 * phi - 21 * p2);
  const k6 =
    420 + 210 * phi + 105 * p2 + a2 * (315 + 210 * phi + 52.5 * p2) + b2 * (266 + 175 * phi + 35 * p2) +
    ga * (231 + 147 * phi + 26.25 * p2) + de * (204 + 126 * phi + 21 * p2);
  const ks = (el.E * s.Il) / (105 * L * L2 * q);
  scatterPlanar(out.K, planar(k1, L * k2, -k1, L * k3, L2 * k4, -L * k2, L2 * k5, k1, -L * k3, L2 * k6), ks);
  if (phi != 0.0) {
    const k7 = 12 + 6 * a1 + 4 * b1, k8 = 6 + 3 * a1 + 2 * b1, k9 = 3 + 1.5 * a1 + b1;
    scatterPlanar(out.K, planar(k7, L * k8, -k7, L * k8, L2 * k9, -L * k8, L2 * k9, k7, -L * k8, L2 * k9), ks * 105 * phi);
  }

  // gyroscopic (skew-symmetric, couples the two planes), per unit spin speed
  if (el.gyroscopic) {
    const G = out.G;
    const gs = 2 * rs;
    const g1 = gs * r1, g2 = gs * L * r2, g3 = gs * L * r3, g4 = gs * L2 * r4, g5 = gs * L2 * r5, g6 = gs * L2 * r6;
    // upper triangle (i < j); G[j][i] = -G[i][j]
    skew(G, 0, 1, g1); skew(G, 0, 2, -g2); skew(G, 0, 5, -g1); skew(G, 0, 6, -g3);
    skew(G, 1, 3, -g2); skew(G, 1, 4, g1); skew(G, 1, 7, -g3);
    skew(G, 2, 3, g4); skew(G, 2, 4, -g2); skew(G, 2, 7, -g5);
    skew(G, 3, 5, -g2); skew(G, 3, 6, g5);
    skew(G, 4, 5, g1); skew(G, 4, 6, g3);
    skew(G, 5, 7, g3);
    skew(G, 6, 7, g6);
  }
  return out;
}

@inline function skew(G: StaticArray<f64>, i: i32, j: i32, v: f64): void {
  unchecked((G[i * 8 + j] = v));
  unchecked((G[j * 8 + i] = -v));
}
