// A partial sort for the top of a ranking: offered many scored items one at a time, it keeps
// the best `limit` of them in a heap whose root is the worst kept, so a pass over n items costs
// O(n log limit) and allocates nothing once full. Order: higher score first, then lower id.

/** `at`: the kept items' indices (heap order, not sorted); `scores`: their scores; `ids(index)`: the id that breaks ties. */
export class Best {
  readonly at: number[] = [];
  readonly scores: number[] = [];
  private readonly limit: number;
  private readonly ids: (i: number) => number;
  constructor(limit: number, ids: (i: number) => number) {
    this.limit = limit;
    this.ids = ids;
  }

  /** a ranks below b: lower score, or the same score and a higher id */
  private below(a: number, b: number): boolean {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa < sb || (sa === sb && this.ids(this.at[a]!) > this.ids(this.at[b]!));
  }

  private swap(a: number, b: number): void {
    const at = this.at[a]!;
    const score = this.scores[a]!;
    this.at[a] = this.at[b]!;
    this.scores[a] = this.scores[b]!;
    this.at[b] = at;
    this.scores[b] = score;
  }

  offer(index: number, score: number): void {
    const n = this.at.length;
    if (n < this.limit) {
      this.at.push(index);
      this.scores.push(score);
      for (let i = n; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!this.below(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const worst = this.scores[0]!;
    if (score < worst || (score === worst && this.ids(index) > this.ids(this.at[0]!))) return;
    this.at[0] = index;
    this.scores[0] = score;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.below(l, m)) m = l;
      if (r < n && this.below(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
}
