// A stream of live frames as a bad network delivers it, for the source tests (UDP, MQTT): a seeded
// pseudo-random choice per sequence number drops a frame, holds it back behind the next one (late),
// sends it twice, or adds a garbage payload; what was done is returned so the test can check that the
// source counted exactly that.

/** Per frame, u uniform in [0, 1): u < drop drops it, u < late holds it back, u > dup sends it twice, garbage < u <= dup adds garbage. */
export interface Impairments {
  drop: number;
  late: number;
  garbage: number;
  dup: number;
}

export interface ImpairedStream {
  payloads: Uint8Array[];
  dropped: Set<number>;
  late: Set<number>;
  dups: number;
  garbage: number;
}

/** Frames 0 … count−1 (`frame(seq)`) with the impairments drawn from `r`. */
export function impairedStream(r: () => number, count: number, frame: (seq: number) => Uint8Array, p: Impairments): ImpairedStream {
  const s: ImpairedStream = { payloads: [], dropped: new Set(), late: new Set(), dups: 0, garbage: 0 };
  let held: number | undefined;
  for (let seq = 0; seq < count; seq++) {
    const u = r();
    if (u < p.drop && held === undefined && seq > 0) {
      s.dropped.add(seq);
      continue;
    }
    if (u < p.late && held === undefined && seq > 0 && seq < count - 1) {
      held = seq; // sent after the next frame: arrives late
      continue;
    }
    s.payloads.push(frame(seq));
    if (held !== undefined) {
      s.payloads.push(frame(held));
      s.late.add(held);
      held = undefined;
    }
    if (u > p.dup) {
      s.payloads.push(frame(seq));
      s.dups++;
    }
    if (u > p.garbage && u <= p.dup) {
      s.payloads.push(Uint8Array.from({ length: 1 + Math.floor(r() * 300) }, () => Math.floor(r() * 256)));
      s.garbage++;
    }
  }
  return s;
}
