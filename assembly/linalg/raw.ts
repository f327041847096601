// Hot inner loops on raw addresses. Loops that index a managed StaticArray make the incremental
// runtime spill the reference to its shadow stack on every access (3 extra stores per element in
// asc 0.28 output); these kernels take plain addresses, so their loops compile to loads, stores
// and arithmetic only. The summation order is that of the plain loops they replace.

/** Address of element 0 of a StaticArray<f64>. */
@inline
export function addr(a: StaticArray<f64>): usize {
  return changetype<usize>(a);
}

/** x[d + j] -= s * x[src + j] for j in [0, len) (both in the array at base). */
export function subScaled(base: usize, d: i32, src: i32, s: f64, len: i32): void {
  let pd = base + (<usize>d << 3);
  let ps = base + (<usize>src << 3);
  const end = pd + (<usize>len << 3);
  while (pd < end) {
    store<f64>(pd, load<f64>(pd) - s * load<f64>(ps));
    pd += 8;
    ps += 8;
  }
}

/** Plane rotation of two rows: (a, b) <- (c a + s b, -s a + c b)... in the form used by tql2:
 *  row1 <- s * row0 + c * row1, row0 <- c * row0 - s * row1 (old values). */
export function rotRowsQL(base: usize, r0: i32, r1: i32, c: f64, s: f64, len: i32): void {
  let p0 = base + (<usize>r0 << 3);
  let p1 = base + (<usize>r1 << 3);
  const end = p0 + (<usize>len << 3);
  while (p0 < end) {
    const a = load<f64>(p1), b = load<f64>(p0);
    store<f64>(p1, s * b + c * a);
    store<f64>(p0, c * b - s * a);
    p0 += 8;
    p1 += 8;
  }
}

/** x[d + j] -= s * y[src + j] for j in [0, len), x and y in different arrays. */
export function subScaledOther(xBase: usize, d: i32, yBase: usize, src: i32, s: f64, len: i32): void {
  let pd = xBase + (<usize>d << 3);
  let ps = yBase + (<usize>src << 3);
  const end = pd + (<usize>len << 3);
  while (pd < end) {
    store<f64>(pd, load<f64>(pd) - s * load<f64>(ps));
    pd += 8;
    ps += 8;
  }
}
