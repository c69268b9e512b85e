/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on
 * every machine and Node version, which is what makes the synthetic data set reproducible.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** Draws items with given weights in O(log n) per draw. */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('WeightedTable needs one weight per item');
    let sum = 0;
    for (const w of weights) this.cumulative.push((sum += w));
    this.total = sum;
  }

  draw(random: Random): T {
    const x = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }

  /** `count` distinct items (fewer when the table is smaller), drawn by weight. */
  drawDistinct(random: Random, count: number): T[] {
    const chosen = new Set<T>();
    const want = Math.min(count, this.items.length);
    for (let guard = 0; chosen.size < want && guard < want * 50; guard++) chosen.add(this.draw(random));
    return [...chosen];
  }
}

/**
 * A bijection of [0, size) onto itself (multiplication by a number coprime to `size`, plus an
 * offset): index i gets a distinct, scattered value, so generated names never repeat.
 */
export function scatter(index: number, size: number, offset: number): number {
  const multiplier = coprimeMultiplier(size);
  return Number((BigInt(index) * BigInt(multiplier) + BigInt(offset)) % BigInt(size));
}

function coprimeMultiplier(size: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let m = 7919;
  while (gcd(m, size) !== 1) m += 2;
  return m;
}
