/**
 * Group commit: callers that arrive while earlier batches are still in the database are written
 * together, in ONE statement (one round trip, one transaction, one WAL flush) when the previous batch
 * returns. With nothing in flight an item goes out at once (on the next turn of the event loop, so
 * callers parsed in the same turn share it): a quiet server adds no latency; a flooded one writes
 * dozens of rows per commit instead of one.
 *
 * Each caller gets its own result. When a batch fails, its items are split in halves and retried
 * (down to single items), so a single bad item fails only its own caller and the others are still written.
 */
export interface GroupCommitOptions<T, R> {
  /** Writes every item in one statement; returns one result per item, in order. */
  many: (items: T[]) => Promise<R[]>;
  /** Writes one item alone (the fallback after a failed batch, with its own retries). */
  one: (item: T) => Promise<R>;
  /** Batches in the database at once (each holds a pool connection). */
  maxInFlight: number;
  /** Items in one statement at most. */
  maxBatch: number;
  /**
   * Whether a batch's error may come from one of its items (bad data, a constraint): then it is split
   * to find that item. Otherwise (the database is down) every caller gets the error at once.
   */
  itemError?: (err: unknown) => boolean;
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly opts: GroupCommitOptions<T, R>) {}

  /** Queues one item; resolves with its own result once its batch has committed. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.scheduled || this.inFlight >= this.opts.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.opts.maxInFlight && this.queue.length > 0) {
        const batch = this.queue.splice(0, this.opts.maxBatch);
        this.inFlight++;
        void this.write(batch).finally(() => {
          this.inFlight--;
          this.kick();
        });
      }
    });
  }

  private async write(batch: Pending<T, R>[]): Promise<void> {
    if (batch.length === 1) {
      const [p] = batch as [Pending<T, R>];
      await this.opts.one(p.item).then(p.resolve, p.reject);
      return;
    }
    let results: R[];
    try {
      results = await this.opts.many(batch.map((p) => p.item));
    } catch (err) {
      if (this.opts.itemError && !this.opts.itemError(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      // The statement is atomic: nothing of the batch was written. Each half is tried again, down to
      // single items, so a bad item fails alone while the others are still written together.
      const half = Math.ceil(batch.length / 2);
      await Promise.all([this.write(batch.slice(0, half)), this.write(batch.slice(half))]);
      return;
    }
    for (const [i, p] of batch.entries()) p.resolve(results[i] as R);
  }
}
