// Monitors and learners held by a host through handles (the spcMonitor* and spcLearner* exports), as
// the virtual-sensing sessions are: the host keeps a number, the objects live in the core's memory.
import { SpcMonitor } from "./monitor";
import { SpcLearner } from "./learner";

const monitors = new Map<i32, SpcMonitor>();
const learners = new Map<i32, SpcLearner>();
let nextHandle: i32 = 1;

export function registerMonitor(m: SpcMonitor): i32 {
  const h = nextHandle++;
  monitors.set(h, m);
  return h;
}

export function getMonitor(h: i32): SpcMonitor | null {
  return monitors.has(h) ? monitors.get(h) : null;
}

export function freeMonitor(h: i32): void {
  if (monitors.has(h)) monitors.delete(h);
}

export function registerLearner(l: SpcLearner): i32 {
  const h = nextHandle++;
  learners.set(h, l);
  return h;
}

export function getLearner(h: i32): SpcLearner | null {
  return learners.has(h) ? learners.get(h) : null;
}

export function freeLearner(h: i32): void {
  if (learners.has(h)) learners.delete(h);
}
