// Default sensor and estimate places of a virtual-sensing study, read off the decoded model (ABI.md,
// "Virtual sensing"): accelerometers on the bearings (as on the reference rig), estimates at the disks
// and at the shaft node(s) nearest the middle of the bearing span, where a flexible rotor's first
// bending mode peaks.
import { RotorModel } from "../rotor/model";
import { DofList } from "./request";

/** Sorted distinct values of a[0 .. n). */
function sortedDistinct(a: StaticArray<i32>, n: i32): StaticArray<i32> {
  const t = new StaticArray<i32>(n);
  for (let i = 0; i < n; i++) unchecked((t[i] = a[i]));
  // insertion sort: lists are short
  for (let i = 1; i < n; i++) {
    const v = unchecked(t[i]);
    let j = i - 1;
    while (j >= 0 && unchecked(t[j]) > v) {
      unchecked((t[j + 1] = t[j]));
      j--;
    }
    unchecked((t[j + 1] = v));
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (m == 0 || unchecked(t[m - 1]) != unchecked(t[i])) unchecked((t[m++] = t[i]));
  const out = new StaticArray<i32>(m);
  for (let i = 0; i < m; i++) unchecked((out[i] = t[i]));
  return out;
}

/** x and y of each node, in node order, leaving out the places in `exclude` (may be null). */
function bothDirections(model: RotorModel, nodes: StaticArray<i32>, exclude: DofList | null, exclude2: DofList | null): DofList {
  let c = 0;
  for (let i = 0; i < nodes.length; i++) {
    for (let d = 0; d < 2; d++) {
      const n = unchecked(nodes[i]);
      if ((exclude === null || !exclude.has(n, d)) && (exclude2 === null || !exclude2.has(n, d))) c++;
    }
  }
  const nn = new StaticArray<i32>(c), dd = new StaticArray<i32>(c);
  c = 0;
  for (let i = 0; i < nodes.length; i++) {
    for (let d = 0; d < 2; d++) {
      const n = unchecked(nodes[i]);
      if ((exclude === null || !exclude.has(n, d)) && (exclude2 === null || !exclude2.has(n, d))) {
        unchecked((nn[c] = n));
        unchecked((dd[c] = d));
        c++;
      }
    }
  }
  return DofList.of(model, nn, dd);
}

/** x and y at every bearing's shaft node (ascending, each node once). */
export function bearingPlaces(model: RotorModel): DofList {
  const nb = model.bearings.length;
  const nodes = new StaticArray<i32>(nb);
  for (let b = 0; b < nb; b++) unchecked((nodes[b] = model.bearings[b].node));
  return bothDirections(model, sortedDistinct(nodes, nb), null, null);
}

/** x and y of every shaft node. */
export function shaftPlaces(model: RotorModel): DofList {
  const nn = model.nNodes;
  const nodes = new StaticArray<i32>(nn);
  for (let i = 0; i < nn; i++) unchecked((nodes[i] = i));
  return bothDirections(model, nodes, null, null);
}

/**
 * The shaft node(s) nearest the middle of the span between the outermost bearings (of the whole
 * shaft if there is no bearing): z_0 = 0, z_{i+1} = z_i + L_i, mid = (z_first + z_last)/2; every node
 * with |z − mid| ≤ min|z − mid| + 1e-9·z_end (two nodes when equidistant within rounding).
 */
export function midSpanNodes(model: RotorModel): StaticArray<i32> {
  const nn = model.nNodes;
  const z = new StaticArray<f64>(nn);
  for (let i = 1; i < nn; i++) unchecked((z[i] = z[i - 1] + model.elements[i - 1].L));
  let lo = 0, hi = nn - 1;
  if (model.bearings.length > 0) {
    lo = nn;
    hi = -1;
    for (let b = 0; b < model.bearings.length; b++) {
      const n = model.bearings[b].node;
      if (n < lo) lo = n;
      if (n > hi) hi = n;
    }
  }
  const mid = (unchecked(z[lo]) + unchecked(z[hi])) / 2.0;
  let best = Infinity;
  for (let i = 0; i < nn; i++) best = Math.min(best, Math.abs(unchecked(z[i]) - mid));
  const zEnd = unchecked(z[nn - 1]);
  const tol = best + 1e-9 * (zEnd != 0.0 ? zEnd : 1.0);
  let c = 0;
  for (let i = 0; i < nn; i++) if (Math.abs(unchecked(z[i]) - mid) <= tol) c++;
  const out = new StaticArray<i32>(c);
  c = 0;
  for (let i = 0; i < nn; i++) if (Math.abs(unchecked(z[i]) - mid) <= tol) unchecked((out[c++] = i));
  return out;
}

/** x and y of the disk nodes and the mid-span node(s), ascending, except the places in the exclusions. */
export function defaultEstimates(model: RotorModel, exclude: DofList | null, exclude2: DofList | null): DofList {
  const mid = midSpanNodes(model);
  const nd = model.disks.length;
  const all = new StaticArray<i32>(nd + mid.length);
  for (let d = 0; d < nd; d++) unchecked((all[d] = model.disks[d].node));
  for (let i = 0; i < mid.length; i++) unchecked((all[nd + i] = mid[i]));
  return bothDirections(model, sortedDistinct(all, all.length), exclude, exclude2);
}

/** The places of `list` not in `exclude` (order kept). */
export function without(model: RotorModel, list: DofList, exclude: DofList): DofList {
  let c = 0;
  for (let i = 0; i < list.length; i++) if (!exclude.has(list.node[i], list.dir[i])) c++;
  const nn = new StaticArray<i32>(c), dd = new StaticArray<i32>(c);
  c = 0;
  for (let i = 0; i < list.length; i++) {
    if (!exclude.has(list.node[i], list.dir[i])) {
      unchecked((nn[c] = list.node[i]));
      unchecked((dd[c] = list.dir[i]));
      c++;
    }
  }
  return DofList.of(model, nn, dd);
}
