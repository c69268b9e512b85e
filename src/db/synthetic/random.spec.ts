import { Random, scatter, WeightedTable } from './random';

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws by weight', () => {
    const table = new WeightedTable(['rare', 'common'], [1, 9]);
    const random = new Random(1);
    let common = 0;
    for (let i = 0; i < 10000; i++) if (table.draw(random) === 'common') common++;
    expect(common).toBeGreaterThan(8700);
    expect(common).toBeLessThan(9300);
  });

  it('scatter is a bijection', () => {
    const size = 64000;
    const seen = new Set<number>();
    for (let i = 0; i < size; i++) seen.add(scatter(i, size, 12345));
    expect(seen.size).toBe(size);
  });
});
