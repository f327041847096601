// Group commit: appends that arrive while a transaction is committing, or in the same event-loop turn,
// are committed together in the next transaction, so one fsync serves many callers. Each caller's
// promise settles with its own transaction: resolved once that transaction committed, rejected (with
// nothing of it stored) when it failed.
import type { ChangeRecord, NewChange } from "../types.js";

/** Commits the batches in ONE transaction and returns each batch's records, in batch order. */
export type CommitBatches = (batches: NewChange[][]) => Promise<ChangeRecord[][]>;

interface Waiting {
  changes: NewChange[];
  resolve(records: ChangeRecord[]): void;
  reject(err: unknown): void;
}

export class GroupCommit {
  private queue: Waiting[] = [];
  private scheduled = false;
  private running: Promise<void> | undefined;

  constructor(private readonly commit: CommitBatches) {}

  append(changes: NewChange[]): Promise<ChangeRecord[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ changes, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when every append made so far has settled. */
  async drain(): Promise<void> {
    while (this.running !== undefined || this.scheduled || this.queue.length > 0) {
      if (this.running !== undefined) await this.running;
      else await new Promise<void>((r) => setImmediate(r));
    }
  }

  private schedule(): void {
    // while a commit runs, the queue fills and is taken when it ends (see run)
    if (this.scheduled || this.running !== undefined) return;
    this.scheduled = true;
    // setImmediate, after the I/O callbacks of this turn: every append of the turn joins the batch
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.run().finally(() => {
        this.running = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async run(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    try {
      const records = await this.commit(batch.map((w) => w.changes));
      batch.forEach((w, i) => w.resolve(records[i]));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}
