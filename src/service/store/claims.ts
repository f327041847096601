// Whether the holder of a SQLite claim row is still alive. A row written on this host by a process that
// is gone (kill -9, power loss) is stale and may be taken over; liveness is process.kill(pid, 0)
// (POSIX kill(2): signal 0 only checks the pid). Stores in this process are known by their owner token.
import { hostname } from "node:os";

const liveOwners = new Set<string>();

export const HOST = hostname();

export function ownerStarted(owner: string): void {
  liveOwners.add(owner);
}

export function ownerEnded(owner: string): void {
  liveOwners.delete(owner);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface ClaimRow {
  owner: string;
  pid: number;
  host: string;
}

/** Why `row` still holds its twin against `owner`, or undefined when it may be taken over. */
export function heldAgainst(row: ClaimRow, owner: string): string | undefined {
  if (row.owner === owner) return undefined;
  const who = `pid ${row.pid} on ${row.host}`;
  // another host's pid cannot be checked from here
  if (row.host !== HOST) return `held by ${who}`;
  if (row.pid === process.pid) return liveOwners.has(row.owner) ? `held by another store in this process (${who})` : undefined;
  return pidAlive(row.pid) ? `held by ${who}, which is running` : undefined;
}
