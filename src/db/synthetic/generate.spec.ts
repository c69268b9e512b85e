import { generateSynthetic, syntheticCounts } from './generate';

const REAL_PARKS = [1, 2, 3, 4, 5, 6].map((id) => ({ id, focusSectors: [] }));

describe('generateSynthetic', () => {
  it('is deterministic for a seed and changes with it', () => {
    const a = generateSynthetic({ enterprises: 500, seed: 7 }, REAL_PARKS);
    const b = generateSynthetic({ enterprises: 500, seed: 7 }, REAL_PARKS);
    const c = generateSynthetic({ enterprises: 500, seed: 8 }, REAL_PARKS);
    expect(b).toEqual(a);
    expect(c.enterprises.map((e) => e.nameZh)).not.toEqual(a.enterprises.map((e) => e.nameZh));
  });

  it('makes the documented proportions, unique marked names, 1-3 sectors and 1-2 parks per firm', () => {
    const data = generateSynthetic({ enterprises: 20000, seed: 42 }, REAL_PARKS);
    expect(data.parks).toHaveLength(200 - 6);
    expect(data.platforms).toHaveLength(400);
    expect(data.scenarios).toHaveLength(1000);
    expect(data.largeModels).toHaveLength(40);
    for (const list of [data.parks, data.enterprises, data.platforms, data.scenarios, data.largeModels]) {
      const names = list.map((r) => r.nameZh);
      expect(new Set(names).size).toBe(names.length);
      expect(names.every((n) => n.endsWith('（合成）'))).toBe(true);
    }
    for (const firm of data.enterprises) {
      expect(firm.sectors.length).toBeGreaterThanOrEqual(1);
      expect(firm.sectors.length).toBeLessThanOrEqual(3);
      expect(new Set(firm.sectors).size).toBe(firm.sectors.length);
      expect(firm.parks.length).toBeGreaterThanOrEqual(1);
      expect(firm.parks.length).toBeLessThanOrEqual(2);
    }
    // The real parks are among the most popular, and every layer is present.
    const inReal = data.enterprises.filter((e) => e.parks.some((p) => 'existing' in p)).length;
    expect(inReal / data.enterprises.length).toBeGreaterThan(0.02);
    expect(new Set(data.enterprises.map((e) => e.layer)).size).toBe(3);
  });

  it('parks: at least the six real ones, one per hundred firms beyond', () => {
    expect(syntheticCounts(500, 6).parks).toBe(0);
    expect(syntheticCounts(100000, 6).parks).toBe(994);
    expect(() => generateSynthetic({ enterprises: 0, seed: 1 }, REAL_PARKS)).toThrow(RangeError);
  });
});
