import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { SectorCode } from '../../modules/sector/sector-code.enum';
import { generateSynthetic, SyntheticReference, syntheticCounts } from './generate';

const REAL_PARKS = [1, 2, 3, 4, 5, 6].map((id) => ({ id, focusSectors: [] }));
/** A small chain map: two segments per layer, one of them an ocean application segment. */
const REFERENCE: SyntheticReference = {
  chainNodes: [
    { id: 10, layer: ChainLayer.FOUNDATION, sectorCode: null },
    { id: 11, layer: ChainLayer.FOUNDATION, sectorCode: null },
    { id: 20, layer: ChainLayer.TECHNOLOGY, sectorCode: null },
    { id: 21, layer: ChainLayer.TECHNOLOGY, sectorCode: null },
    { id: 30, layer: ChainLayer.APPLICATION, sectorCode: null },
    { id: 31, layer: ChainLayer.APPLICATION, sectorCode: SectorCode.SMART_OCEAN },
  ],
  computeCenters: [3, 4],
};

describe('generateSynthetic', () => {
  it('is deterministic for a seed and changes with it', () => {
    const a = generateSynthetic({ enterprises: 500, seed: 7 }, REAL_PARKS);
    const b = generateSynthetic({ enterprises: 500, seed: 7 }, REAL_PARKS);
    const c = generateSynthetic({ enterprises: 500, seed: 8 }, REAL_PARKS);
    expect(b).toEqual(a);
    expect(c.enterprises.map((e) => e.nameZh)).not.toEqual(a.enterprises.map((e) => e.nameZh));
    expect(generateSynthetic({ enterprises: 500, seed: 7 }, REAL_PARKS, REFERENCE)).toEqual(
      generateSynthetic({ enterprises: 500, seed: 7 }, REAL_PARKS, REFERENCE),
    );
  });

  it('adds the firm facts after the other records, so those stay as they were', () => {
    const without = generateSynthetic({ enterprises: 500, seed: 7 }, REAL_PARKS);
    const withFacts = generateSynthetic({ enterprises: 500, seed: 7 }, REAL_PARKS, REFERENCE);
    for (const key of ['parks', 'enterprises', 'platforms', 'scenarios', 'largeModels'] as const) expect(withFacts[key]).toEqual(without[key]);
    expect(without.chainLinks.every((l) => l.length === 0)).toBe(true);
    expect(without.voucherGrants.every((g) => g.computeCenter === null)).toBe(true);
  });

  it('links every firm to one or two chain nodes of its layer, ocean application firms to ocean segments first', () => {
    const data = generateSynthetic({ enterprises: 5000, seed: 3 }, REAL_PARKS, REFERENCE);
    const layerOf = new Map(REFERENCE.chainNodes.map((n) => [n.id, n.layer]));
    data.enterprises.forEach((firm, i) => {
      const links = data.chainLinks[i];
      expect(links.length).toBeGreaterThanOrEqual(1);
      expect(links.length).toBeLessThanOrEqual(2);
      expect(new Set(links).size).toBe(links.length);
      for (const node of links) expect(layerOf.get(node)).toBe(firm.layer);
      if (firm.layer === ChainLayer.APPLICATION && firm.sectors[0] === SectorCode.SMART_OCEAN) expect(links[0]).toBe(31);
    });
  });

  it('makes firm facts in proportion: designations once per kind and level, figures for two years, vouchers within budget', () => {
    const data = generateSynthetic({ enterprises: 20000, seed: 42 }, REAL_PARKS, REFERENCE);
    expect(data.institutions).toHaveLength(20);
    expect(data.nationalTasks).toHaveLength(10);
    expect(data.dataProducts).toHaveLength(200);
    expect(data.voucherPrograms.map((p) => p.year)).toEqual([2024, 2025, 2026]);
    expect(data.voucherGrants).toHaveLength(800);
    // About 8% of firms hold a recognition and 10% report figures (three metrics, two years).
    const designated = new Set(data.designations.map((d) => d.enterprise)).size;
    expect(designated / 20000).toBeGreaterThan(0.06);
    expect(designated / 20000).toBeLessThan(0.1);
    const held = data.designations.map((d) => `${d.enterprise}:${d.kind}:${d.level}`);
    expect(new Set(held).size).toBe(held.length);
    const figures = data.figures.map((f) => `${f.enterprise}:${f.year}:${f.metric}`);
    expect(new Set(figures).size).toBe(figures.length);
    expect(data.figures.length / 6 / 20000).toBeGreaterThan(0.08);
    expect(data.figures.every((f) => f.value >= 0 && Number.isFinite(f.value))).toBe(true);
    for (const [k, program] of data.voucherPrograms.entries()) {
      const granted = data.voucherGrants.filter((g) => g.program === k).reduce((sum, g) => sum + g.amountYuan, 0);
      expect(granted).toBeLessThanOrEqual(program.totalBudgetYuan);
    }
    for (const g of data.voucherGrants) {
      expect(g.amountYuan).toBeGreaterThan(0);
      expect(g.grantedOn.slice(0, 4)).toBe(String(data.voucherPrograms[g.program].year));
      expect([null, 3, 4]).toContain(g.computeCenter);
    }
    for (const task of data.nationalTasks) expect(task.enterpriseWinners.length).toBeGreaterThanOrEqual(1);
    for (const list of [data.institutions, data.nationalTasks, data.dataProducts, data.voucherPrograms]) {
      const names = list.map((r) => r.nameZh);
      expect(new Set(names).size).toBe(names.length);
      expect(names.every((n) => n.endsWith('（合成）'))).toBe(true);
    }
    // Invented issuers and exchanges only: no real ministry or exchange is named.
    expect(new Set([...data.nationalTasks.map((t) => t.issuerZh), ...data.voucherPrograms.map((p) => p.issuerZh)])).toEqual(new Set(['合成发布部门（合成）']));
    expect(new Set(data.dataProducts.map((d) => d.exchange))).toEqual(new Set([null, '合成数据交易所（合成）']));
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
