// FNV-1a, 64 bit (Fowler, Noll, Vo; IETF draft-eastlake-fnv), over the IEEE-754 bit patterns of f64
// results. NaNs are canonicalised to 0x7ff8000000000000 first: engines disagree on NaN payloads
// (V8 and wasmtime give 0xfff8..., wabt 0x7ff8...), and a self-check must hash only what is meaningful.

const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

export class Hasher {
  h: u64 = FNV_OFFSET;

  u64(v: u64): void {
    let h = this.h;
    for (let i = 0; i < 8; i++) {
      h ^= (v >> (<u64>(i * 8))) & 0xff;
      h *= FNV_PRIME;
    }
    this.h = h;
  }

  f64(x: f64): void {
    this.u64(x != x ? <u64>0x7ff8000000000000 : reinterpret<u64>(x));
  }

  i32(v: i32): void {
    this.u64(<u64>(<u32>v));
  }

  array(a: StaticArray<f64>, n: i32 = -1): void {
    const m = n < 0 ? a.length : n;
    for (let i = 0; i < m; i++) this.f64(unchecked(a[i]));
  }

  digest(): i64 {
    return <i64>this.h;
  }
}
