// A fixed-size ring of (t, value) samples per signal: memory stays flat however long the stream runs.
export class Ring {
  /** @param {number} capacity */
  constructor(capacity) {
    this.cap = Math.max(16, Math.ceil(capacity));
    this.t = new Float64Array(this.cap);
    this.v = new Float64Array(this.cap);
    this.start = 0;
    this.size = 0;
  }
  push(t, v) {
    const i = (this.start + this.size) % this.cap;
    this.t[i] = t;
    this.v[i] = v;
    if (this.size < this.cap) this.size++;
    else this.start = (this.start + 1) % this.cap;
  }
  /** k-th oldest sample's index in the arrays */
  at(k) {
    return (this.start + k) % this.cap;
  }
  lastT() {
    return this.size === 0 ? NaN : this.t[this.at(this.size - 1)];
  }
  /** position (0..size) of the first sample with t >= t0: binary search, times are non-decreasing */
  lowerBound(t0) {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.t[this.at(mid)] < t0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  clear() {
    this.start = 0;
    this.size = 0;
  }
}

/**
 * Fill xs/ys (reused arrays) with the samples in [t0, t1], decimated to at most 2 points per pixel
 * column (the min and the max of the column, in time order: peaks stay visible).
 * @param {Ring} r @param {number} t0 @param {number} t1 @param {number} columns
 * @param {number[]} xs @param {(number | null)[]} ys
 * @returns {number} points written
 */
export function decimate(r, t0, t1, columns, xs, ys) {
  const from = r.lowerBound(t0);
  const n = r.size - from;
  let out = 0;
  if (n <= 2 * columns) {
    for (let k = from; k < r.size; k++) {
      const i = r.at(k);
      xs[out] = r.t[i];
      ys[out] = r.v[i];
      out++;
    }
  } else {
    const width = (t1 - t0) / columns;
    let k = from;
    while (k < r.size) {
      const col = Math.floor((r.t[r.at(k)] - t0) / width);
      const colEnd = t0 + (col + 1) * width;
      let minV = Infinity, maxV = -Infinity, minT = 0, maxT = 0;
      while (k < r.size) {
        const i = r.at(k);
        if (r.t[i] >= colEnd && minV !== Infinity) break;
        const v = r.v[i];
        if (v < minV) { minV = v; minT = r.t[i]; }
        if (v > maxV) { maxV = v; maxT = r.t[i]; }
        k++;
      }
      if (minV === Infinity) continue; // a column of non-numbers
      if (minT <= maxT) {
        xs[out] = minT; ys[out] = minV; out++;
        if (maxT !== minT) { xs[out] = maxT; ys[out] = maxV; out++; }
      } else {
        xs[out] = maxT; ys[out] = maxV; out++;
        xs[out] = minT; ys[out] = minV; out++;
      }
    }
  }
  xs.length = out;
  ys.length = out;
  return out;
}
