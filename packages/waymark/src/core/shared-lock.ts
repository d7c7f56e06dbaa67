// A readers-writer lock for async code: any number of shared holders at once, or one exclusive holder. Waiters are
// served in arrival order, so a waiting exclusive holder is not starved by a stream of shared ones.

type Waiter = { exclusive: boolean; grant: () => void };

export class SharedLock {
  private sharedHolders = 0;
  private exclusiveHeld = false;
  private readonly waiting: Waiter[] = [];

  /** Waits for a shared hold; call the returned function (once) to release it. */
  shared(): Promise<() => void> {
    return this.wait(false);
  }

  /** Waits until nobody else holds the lock; call the returned function (once) to release it. */
  exclusive(): Promise<() => void> {
    return this.wait(true);
  }

  private wait(exclusive: boolean): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push({ exclusive, grant: () => resolve(this.releaser(exclusive)) });
      this.pump();
    });
  }

  private releaser(exclusive: boolean): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (exclusive) this.exclusiveHeld = false;
      else this.sharedHolders -= 1;
      this.pump();
    };
  }

  private pump(): void {
    for (;;) {
      const next = this.waiting[0];
      if (!next || this.exclusiveHeld) return;
      if (next.exclusive) {
        if (this.sharedHolders > 0) return;
        this.exclusiveHeld = true;
      } else {
        this.sharedHolders += 1;
      }
      this.waiting.shift();
      next.grant();
    }
  }
}
