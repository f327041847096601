// Response nodes: the node numbers a host uses to read a response (ABI.md, "Response nodes").
// Shaft nodes come first, 0 … nNodes − 1; then one node per pedestal, nNodes, nNodes + 1, …, in the
// order of the bearings (in the model's bearing list) that carry a pedestal. That is the numbering of
// ROSS (petrobras/ross, rotor_assembly.py): a bearing with `n_link` joins its shaft node to an extra
// node whose lateral DOFs follow all the shaft DOFs in node-number order (results.py reads node k's
// x, y at `nNodes·ndof + (k − nNodes)·ndof/2`), and ROSS's examples number those nodes from nNodes up
// in the order of their bearings. A pedestal's internal index p (its place in the pedestal list, which
// fixes its DOFs 4·nNodes + 2p, 4·nNodes + 2p + 1) can differ from its node number minus nNodes.
import { RotorModel } from "./model";

/** Shaft nodes plus pedestal nodes. */
export function responseNodeCount(model: RotorModel): i32 {
  return model.nNodes + model.pedestals.length;
}

/**
 * Internal pedestal index (place in the pedestal list) of each pedestal node, in node order:
 * out[j] is the pedestal of node nNodes + j.
 */
export function pedestalNodeOrder(model: RotorModel): StaticArray<i32> {
  const out = new StaticArray<i32>(model.pedestals.length);
  let j = 0;
  for (let b = 0; b < model.bearings.length; b++) {
    const p = unchecked(model.bearings[b]).pedestal;
    if (p >= 0) unchecked((out[j++] = p));
  }
  return out;
}

/**
 * x DOF of every response node (its y DOF is the next one), in node order: 4k for shaft node k, the
 * pedestal's x DOF for a pedestal node.
 */
export function responseDofs(model: RotorModel): StaticArray<i32> {
  const nn = model.nNodes;
  const order = pedestalNodeOrder(model);
  const out = new StaticArray<i32>(nn + order.length);
  for (let i = 0; i < nn; i++) unchecked((out[i] = 4 * i));
  for (let j = 0; j < order.length; j++) unchecked((out[nn + j] = model.pedestalDof(unchecked(order[j]))));
  return out;
}
