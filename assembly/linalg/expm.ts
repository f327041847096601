// Matrix exponential by scaling and squaring with Padé approximants of degree 3, 5, 7, 9 or 13
// (Higham 2005, "The scaling and squaring method for the matrix exponential revisited", SIAM J.
// Matrix Anal. Appl. 26(4):1179-1193, Algorithm 2.3; θ_m and Padé coefficients b_j from its
// Table 2.3 and eq. (2.2)). The degree is chosen from ||A||_1 so that the backward error is below
// the unit roundoff 2^-53.
import { Mat } from "./matrix";
import { LU } from "./lu";
import { setError, ERR_NAN_INPUT } from "../errors";

const THETA3: f64 = 1.495585217958292e-2;
const THETA5: f64 = 2.539398330063230e-1;
const THETA7: f64 = 9.504178996162932e-1;
const THETA9: f64 = 2.097847961257068e0;
const THETA13: f64 = 5.371920351148152e0;

const B3: StaticArray<f64> = [120.0, 60.0, 12.0, 1.0];
const B5: StaticArray<f64> = [30240.0, 15120.0, 3360.0, 420.0, 30.0, 1.0];
const B7: StaticArray<f64> = [17297280.0, 8648640.0, 1995840.0, 277200.0, 25200.0, 1512.0, 56.0, 1.0];
const B9: StaticArray<f64> = [
  17643225600.0, 8821612800.0, 2075673600.0, 302702400.0, 30270240.0, 2162160.0, 110880.0, 3960.0, 90.0, 1.0,
];
const B13: StaticArray<f64> = [
  64764752532480000.0, 32382376266240000.0, 7771770303897600.0, 1187353796428800.0, 129060195264000.0,
  10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0, 40840800.0, 960960.0, 16380.0, 182.0, 1.0,
];

/** max_j sum_i |A[i][j]| */
export function norm1(A: Mat): f64 {
  const r = A.rows, c = A.cols, a = A.data;
  const colSum = new StaticArray<f64>(c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) unchecked((colSum[j] = colSum[j] + Math.abs(a[i * c + j])));
  let m = 0.0;
  for (let j = 0; j < c; j++) m = Math.max(m, unchecked(colSum[j]));
  return m;
}

/** out += s * X (in place on out). */
@inline
function axpy(out: Mat, s: f64, X: Mat): void {
  const n = out.rows * out.cols, o = out.data, x = X.data;
  for (let k = 0; k < n; k++) unchecked((o[k] = o[k] + s * x[k]));
}

@inline
function addIdentity(out: Mat, s: f64): void {
  const n = out.rows;
  for (let i = 0; i < n; i++) unchecked((out.data[i * n + i] = out.data[i * n + i] + s));
}

/** r_m(A) = (V - U)^-1 (V + U); null if V - U is singular (only possible for non-finite input). */
function padeSolve(U: Mat, V: Mat): Mat | null {
  const P = V.addScaled(U, 1.0);
  const Q = V.addScaled(U, -1.0);
  const lu = LU.factor(Q);
  if (lu === null) return null;
  return lu.solveMat(P);
}

/** U and V of the diagonal Padé approximant of degree m (3, 5, 7, 9), Higham 2005 eq. (2.2). */
function padeLow(A: Mat, b: StaticArray<f64>, m: i32): Mat | null {
  const n = A.rows;
  const A2 = A.mul(A);
  // powers A^2, A^4, ... as needed
  const Uin = new Mat(n, n);
  const V = new Mat(n, n);
  addIdentity(Uin, unchecked(b[1]));
  addIdentity(V, unchecked(b[0]));
  let P = A2;
  for (let j = 2; j <= m - 1; j += 2) {
    axpy(Uin, unchecked(b[j + 1]), P);
    axpy(V, unchecked(b[j]), P);
    if (j + 2 <= m - 1) P = P.mul(A2);
  }
  return padeSolve(A.mul(Uin), V);
}

/** Degree-13 approximant with 6 multiplications (Higham 2005, eq. (2.3)/Alg. 2.3 lines 14-16). */
function pade13(A: Mat): Mat | null {
  const n = A.rows;
  const b = B13;
  const A2 = A.mul(A);
  const A4 = A2.mul(A2);
  const A6 = A4.mul(A2);
  const t = new Mat(n, n);
  axpy(t, unchecked(b[13]), A6);
  axpy(t, unchecked(b[11]), A4);
  axpy(t, unchecked(b[9]), A2);
  const Uin = A6.mul(t);
  axpy(Uin, unchecked(b[7]), A6);
  axpy(Uin, unchecked(b[5]), A4);
  axpy(Uin, unchecked(b[3]), A2);
  addIdentity(Uin, unchecked(b[1]));
  const U = A.mul(Uin);
  const t2 = new Mat(n, n);
  axpy(t2, unchecked(b[12]), A6);
  axpy(t2, unchecked(b[10]), A4);
  axpy(t2, unchecked(b[8]), A2);
  const V = A6.mul(t2);
  axpy(V, unchecked(b[6]), A6);
  axpy(V, unchecked(b[4]), A4);
  axpy(V, unchecked(b[2]), A2);
  addIdentity(V, unchecked(b[0]));
  return padeSolve(U, V);
}

/**
 * exp(A) for a square A. For non-finite input, sets ERR_NAN_INPUT and returns a matrix of NaN
 * (callers check hasError()); for finite input the Padé denominator is nonsingular by construction.
 */
export function expm(A: Mat): Mat {
  assert(A.rows == A.cols);
  const n = A.rows;
  const nrm = norm1(A);
  if (!isFinite(nrm)) {
    setError(ERR_NAN_INPUT, 0);
    const bad = new Mat(n, n);
    for (let k = 0; k < n * n; k++) unchecked((bad.data[k] = NaN));
    return bad;
  }
  let R: Mat | null;
  if (nrm <= THETA3) R = padeLow(A, B3, 3);
  else if (nrm <= THETA5) R = padeLow(A, B5, 5);
  else if (nrm <= THETA7) R = padeLow(A, B7, 7);
  else if (nrm <= THETA9) R = padeLow(A, B9, 9);
  else {
    // s = ceil(log2(||A||_1 / θ13)), A / 2^s (exact scaling by a power of 2)
    let s = <i32>Math.ceil(Math.log2(nrm / THETA13));
    if (s < 0) s = 0;
    const As = A.scale(Math.pow(2.0, <f64>-s));
    R = pade13(As);
    if (R !== null) for (let k = 0; k < s; k++) R = changetype<Mat>(R).mul(changetype<Mat>(R));
  }
  if (R === null) {
    setError(ERR_NAN_INPUT, 0);
    const bad = new Mat(n, n);
    for (let k = 0; k < n * n; k++) unchecked((bad.data[k] = NaN));
    return bad;
  }
  return changetype<Mat>(R);
}
