// Dense products on raw addresses for the ELM: every product the ELM needs (X W, HᵀH, HᵀT, H β,
// P Hᵀ, ...) is written as C = A Bᵀ with A (m × K) and B (n × K) row-major, so both operands are read
// along contiguous rows. Register tiles of 4 × 4 outputs with the K loop split into cache panels
// (Goto & van de Geijn 2008, ACM TOMS 34(3), "Anatomy of high-performance matrix multiplication").
// Summation order is fixed: C[i][j] = ((0 + a_0 b_0) + a_1 b_1) + ... in k order, whatever the tile
// or panel, so results do not depend on the blocking and are the same bits on every engine.

/** Columns of K per cache panel: 4 + 4 rows of 256 f64 = 16 KiB, inside any L1 data cache. */
const KC: i32 = 256;

/** C (m × n) = A Bᵀ, A m × K, B n × K, all row-major and contiguous. With `sym` (A and B the same
 *  matrix) only tiles on and above the diagonal are computed and the rest is mirrored. */
export function abt(pa: usize, pb: usize, pc: usize, m: i32, n: i32, K: i32, sym: bool): void {
  memory.fill(pc, 0, <usize>m * <usize>n * 8);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kl = K - k0 < KC ? K - k0 : KC;
    for (let i = 0; i < m; i += 4) {
      const ib = m - i < 4 ? m - i : 4;
      for (let j = sym ? i : 0; j < n; j += 4) {
        const jb = n - j < 4 ? n - j : 4;
        if (ib == 4 && jb == 4) tile44(pa, pb, pc, i, j, n, K, k0, kl);
        else tileEdge(pa, pb, pc, i, j, ib, jb, n, K, k0, kl);
      }
    }
  }
  if (sym) {
    for (let i = 1; i < m; i++) {
      for (let j = 0; j < i; j++) {
        store<f64>(pc + ((<usize>i * <usize>n + <usize>j) << 3), load<f64>(pc + ((<usize>j * <usize>n + <usize>i) << 3)));
      }
    }
  }
}

/** 16 accumulators over one panel; the loads of A and B rows are shared by 4 products each. */
function tile44(pa: usize, pb: usize, pc: usize, i: i32, j: i32, n: i32, K: i32, k0: i32, kl: i32): void {
  const rs = <usize>K << 3;
  let a0 = pa + ((<usize>i * <usize>K + <usize>k0) << 3);
  let b0 = pb + ((<usize>j * <usize>K + <usize>k0) << 3);
  const a1 = rs, a2 = rs * 2, a3 = rs * 3;
  const c0 = pc + ((<usize>i * <usize>n + <usize>j) << 3);
  const cs = <usize>n << 3;
  let c00 = load<f64>(c0), c01 = load<f64>(c0, 8), c02 = load<f64>(c0, 16), c03 = load<f64>(c0, 24);
  let c10 = load<f64>(c0 + cs), c11 = load<f64>(c0 + cs, 8), c12 = load<f64>(c0 + cs, 16), c13 = load<f64>(c0 + cs, 24);
  let c20 = load<f64>(c0 + 2 * cs), c21 = load<f64>(c0 + 2 * cs, 8), c22 = load<f64>(c0 + 2 * cs, 16), c23 = load<f64>(c0 + 2 * cs, 24);
  let c30 = load<f64>(c0 + 3 * cs), c31 = load<f64>(c0 + 3 * cs, 8), c32 = load<f64>(c0 + 3 * cs, 16), c33 = load<f64>(c0 + 3 * cs, 24);
  const end = a0 + (<usize>kl << 3);
  while (a0 < end) {
    const x0 = load<f64>(a0), x1 = load<f64>(a0 + a1), x2 = load<f64>(a0 + a2), x3 = load<f64>(a0 + a3);
    let y = load<f64>(b0);
    c00 += x0 * y; c10 += x1 * y; c20 += x2 * y; c30 += x3 * y;
    y = load<f64>(b0 + a1);
    c01 += x0 * y; c11 += x1 * y; c21 += x2 * y; c31 += x3 * y;
    y = load<f64>(b0 + a2);
    c02 += x0 * y; c12 += x1 * y; c22 += x2 * y; c32 += x3 * y;
    y = load<f64>(b0 + a3);
    c03 += x0 * y; c13 += x1 * y; c23 += x2 * y; c33 += x3 * y;
    a0 += 8;
    b0 += 8;
  }
  store<f64>(c0, c00); store<f64>(c0, c01, 8); store<f64>(c0, c02, 16); store<f64>(c0, c03, 24);
  store<f64>(c0 + cs, c10); store<f64>(c0 + cs, c11, 8); store<f64>(c0 + cs, c12, 16); store<f64>(c0 + cs, c13, 24);
  store<f64>(c0 + 2 * cs, c20); store<f64>(c0 + 2 * cs, c21, 8); store<f64>(c0 + 2 * cs, c22, 16); store<f64>(c0 + 2 * cs, c23, 24);
  store<f64>(c0 + 3 * cs, c30); store<f64>(c0 + 3 * cs, c31, 8); store<f64>(c0 + 3 * cs, c32, 16); store<f64>(c0 + 3 * cs, c33, 24);
}

/** Partial tiles at the bottom and right edges: one dot product at a time, same k order. */
function tileEdge(pa: usize, pb: usize, pc: usize, i: i32, j: i32, ib: i32, jb: i32, n: i32, K: i32, k0: i32, kl: i32): void {
  for (let r = 0; r < ib; r++) {
    for (let c = 0; c < jb; c++) {
      const pcc = pc + ((<usize>(i + r) * <usize>n + <usize>(j + c)) << 3);
      let s = load<f64>(pcc);
      let x = pa + ((<usize>(i + r) * <usize>K + <usize>k0) << 3);
      let y = pb + ((<usize>(j + c) * <usize>K + <usize>k0) << 3);
      const end = x + (<usize>kl << 3);
      while (x < end) {
        s += load<f64>(x) * load<f64>(y);
        x += 8;
        y += 8;
      }
      store<f64>(pcc, s);
    }
  }
}

/** dst (c × r) = srcᵀ for a row-major r × c src. */
export function transposeRaw(src: usize, dst: usize, r: i32, c: i32): void {
  for (let i = 0; i < r; i++) {
    const ps = src + ((<usize>i * <usize>c) << 3);
    for (let j = 0; j < c; j++) store<f64>(dst + ((<usize>j * <usize>r + <usize>i) << 3), load<f64>(ps + (<usize>j << 3)));
  }
}

/** New StaticArray holding the transpose of a row-major r × c array. */
export function transposed(src: StaticArray<f64>, r: i32, c: i32): StaticArray<f64> {
  const t = new StaticArray<f64>(r * c);
  transposeRaw(changetype<usize>(src), changetype<usize>(t), r, c);
  return t;
}

/** C = A Bᵀ as a new StaticArray (see abt). */
export function mulABt(A: StaticArray<f64>, B: StaticArray<f64>, m: i32, n: i32, K: i32, sym: bool = false): StaticArray<f64> {
  const C = new StaticArray<f64>(m * n);
  abt(changetype<usize>(A), changetype<usize>(B), changetype<usize>(C), m, n, K, sym);
  return C;
}
