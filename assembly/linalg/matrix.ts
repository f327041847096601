// Dense matrices on flat f64 storage, row-major: element (i, j) of an r x c matrix is data[i*c + j].
// Everything in the core works on these two types so the ABI can pass them as plain f64 buffers.

export class Mat {
  rows: i32;
  cols: i32;
  data: StaticArray<f64>;

  constructor(rows: i32, cols: i32) {
    this.rows = rows;
    this.cols = cols;
    this.data = new StaticArray<f64>(rows * cols);
  }

  static identity(n: i32): Mat {
    const m = new Mat(n, n);
    for (let i = 0; i < n; i++) unchecked((m.data[i * n + i] = 1.0));
    return m;
  }

  /** Copy of an r x c matrix stored row-major at data[offset ...]. */
  static fromArray(rows: i32, cols: i32, src: StaticArray<f64>, offset: i32 = 0): Mat {
    const m = new Mat(rows, cols);
    const n = rows * cols;
    for (let k = 0; k < n; k++) unchecked((m.data[k] = src[offset + k]));
    return m;
  }

  @inline get(i: i32, j: i32): f64 {
    return unchecked(this.data[i * this.cols + j]);
  }

  @inline set(i: i32, j: i32, v: f64): void {
    unchecked((this.data[i * this.cols + j] = v));
  }

  @inline addAt(i: i32, j: i32, v: f64): void {
    const k = i * this.cols + j;
    unchecked((this.data[k] = this.data[k] + v));
  }

  clone(): Mat {
    const m = new Mat(this.rows, this.cols);
    memory.copy(changetype<usize>(m.data), changetype<usize>(this.data), <usize>this.rows * <usize>this.cols * 8);
    return m;
  }

  transpose(): Mat {
    const t = new Mat(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) t.set(j, i, this.get(i, j));
    return t;
  }

  /** this * b (naive i-k-j order: deterministic summation order, cache friendly). */
  mul(b: Mat): Mat {
    assert(this.cols == b.rows);
    const r = this.rows, c = b.cols, n = this.cols;
    const out = new Mat(r, c);
    const a = this.data, bd = b.data, o = out.data;
    for (let i = 0; i < r; i++) {
      for (let k = 0; k < n; k++) {
        const aik = unchecked(a[i * n + k]);
        if (aik == 0.0) continue;
        const bo = k * c, oo = i * c;
        for (let j = 0; j < c; j++) unchecked((o[oo + j] = o[oo + j] + aik * bd[bo + j]));
      }
    }
    return out;
  }

  /** y = this * x */
  mulVec(x: StaticArray<f64>, y: StaticArray<f64>): void {
    const r = this.rows, c = this.cols, a = this.data;
    for (let i = 0; i < r; i++) {
      let s = 0.0;
      const o = i * c;
      for (let j = 0; j < c; j++) s += unchecked(a[o + j] * x[j]);
      unchecked((y[i] = s));
    }
  }

  /** this + s*b, new matrix */
  addScaled(b: Mat, s: f64): Mat {
    const m = this.clone();
    const n = this.rows * this.cols;
    for (let k = 0; k < n; k++) unchecked((m.data[k] = m.data[k] + s * b.data[k]));
    return m;
  }

  scale(s: f64): Mat {
    const m = this.clone();
    const n = this.rows * this.cols;
    for (let k = 0; k < n; k++) unchecked((m.data[k] = m.data[k] * s));
    return m;
  }
}

/** Complex dense matrix: separate real and imaginary row-major planes. */
export class CMat {
  rows: i32;
  cols: i32;
  re: StaticArray<f64>;
  im: StaticArray<f64>;

  constructor(rows: i32, cols: i32) {
    this.rows = rows;
    this.cols = cols;
    this.re = new StaticArray<f64>(rows * cols);
    this.im = new StaticArray<f64>(rows * cols);
  }

  @inline getRe(i: i32, j: i32): f64 { return unchecked(this.re[i * this.cols + j]); }
  @inline getIm(i: i32, j: i32): f64 { return unchecked(this.im[i * this.cols + j]); }
  @inline set(i: i32, j: i32, re: f64, im: f64): void {
    const k = i * this.cols + j;
    unchecked((this.re[k] = re));
    unchecked((this.im[k] = im));
  }

  clone(): CMat {
    const m = new CMat(this.rows, this.cols);
    const bytes = <usize>this.rows * <usize>this.cols * 8;
    memory.copy(changetype<usize>(m.re), changetype<usize>(this.re), bytes);
    memory.copy(changetype<usize>(m.im), changetype<usize>(this.im), bytes);
    return m;
  }

  /** re + i*im from two real matrices of the same shape */
  static fromParts(re: Mat, im: Mat): CMat {
    const m = new CMat(re.rows, re.cols);
    const n = re.rows * re.cols;
    for (let k = 0; k < n; k++) {
      unchecked((m.re[k] = re.data[k]));
      unchecked((m.im[k] = im.data[k]));
    }
    return m;
  }
}
