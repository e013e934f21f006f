// Turns for work a request cannot take from a cache (a search nobody asked for before). Node's
// event loop is not fair to busy keep-alive connections: with 50 clients each waiting for a few
// milliseconds of rendering, some wait seconds while others are served again and again
// (bench/README.md, "Uncached searches take turns"). Here each piece of such work waits for its
// turn: one turn per pass of the event loop, so everything that arrived in between, a cached page
// above all, is read and answered before the next search starts; and clients take turns by
// address, so one address's burst waits behind its own searches, not in front of everyone else's.

export class Turns {
  /** per address, the turns waiting; the Map's order is the rotation (an address served goes to the back) */
  private readonly waiting = new Map<string, (() => void)[]>();
  private scheduled = false;
  private count = 0;

  /** Resolves when it is this address's turn; the caller then does its work at once. */
  take(address: string): Promise<void> {
    return new Promise((resolve) => {
      const line = this.waiting.get(address);
      if (line) line.push(resolve);
      else this.waiting.set(address, [resolve]);
      this.count++;
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.next);
      }
    });
  }

  /** How many wait for a turn. */
  get length(): number {
    return this.count;
  }

  private readonly next = (): void => {
    const first = this.waiting.entries().next();
    if (first.done) {
      this.scheduled = false;
      return;
    }
    const [address, line] = first.value;
    const go = line.shift()!;
    this.count--;
    this.waiting.delete(address);
    if (line.length > 0) this.waiting.set(address, line);
    // The next turn comes after the event loop has polled for what arrived meanwhile.
    if (this.waiting.size > 0) setImmediate(this.next);
    else this.scheduled = false;
    go();
  };
}

const passes = new Turns();

/**
 * Resolves on a pass of the event loop of its own, one waiter per pass in order. For work that
 * many requests reach at once: answers from the search thread arrive together, and rendering
 * them all in one go would hold every other request (a cached page above all) until the last.
 */
export const nextPass = (): Promise<void> => passes.take('');
