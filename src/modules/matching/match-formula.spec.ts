import { DEFAULT_WEIGHTS, MatchSignal, normaliseWeights, PairFacts, PROSPECT_WEIGHTS, scorePair, signalValues, SIGNALS } from './match-formula';

const none: PairFacts = {
  focusCount: 3,
  sharedSectors: [],
  gapSectors: [],
  layerZh: '应用层',
  demandScenarios: [],
  hostedPlatforms: [],
  cohostedPlatforms: [],
  deliveredScenarios: [],
  releasedModels: [],
  developingModels: [],
  district: '崂山区',
  districtParks: [],
  gapSegments: [],
};

describe('normaliseWeights', () => {
  it('defaults sum to 1 and are returned unchanged', () => {
    const w = normaliseWeights(null);
    expect(SIGNALS.reduce((s, k) => s + w[k], 0)).toBeCloseTo(1, 12);
    expect(w.SECTOR_FIT).toBeCloseTo(0.3, 12);
    expect(w.SAME_DISTRICT).toBeCloseTo(0.05, 12);
  });

  it('keeps defaults for omitted fields, then divides by the sum', () => {
    // 2 + 0.2 + 0.15 + 0.1 + 0.1 + 0.1 + 0.05 = 2.7
    const w = normaliseWeights({ sectorFit: 2 });
    expect(w.SECTOR_FIT).toBeCloseTo(2 / 2.7, 12);
    expect(w.CHAIN_GAP).toBeCloseTo(0.2 / 2.7, 12);
  });

  it('zero switches a signal off', () => {
    const w = normaliseWeights({ sectorFit: 0, chainGap: 0, scenarioDemand: 0, platformTies: 0, provenDelivery: 0, largeModel: 1, sameDistrict: 0 });
    expect(w.LARGE_MODEL).toBe(1);
    expect(w.SECTOR_FIT).toBe(0);
  });

  it.each([[{ chainGap: -0.1 }], [{ chainGap: Number.NaN }], [{ largeModel: Number.POSITIVE_INFINITY }]])('rejects %p', (input) => {
    expect(() => normaliseWeights(input)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  it('rejects all-zero weights', () => {
    const zero = { sectorFit: 0, chainGap: 0, scenarioDemand: 0, platformTies: 0, provenDelivery: 0, largeModel: 0, sameDistrict: 0 };
    expect(() => normaliseWeights(zero)).toThrow(/must not all be 0/);
  });
});

describe('signalValues', () => {
  it('computes each signal by hand', () => {
    const v = signalValues({
      ...none,
      sharedSectors: ['智慧海洋', '工业制造'],
      gapSectors: ['智慧海洋'],
      demandScenarios: ['a', 'b', 'c'],
      cohostedPlatforms: ['p'],
      deliveredScenarios: ['x'],
      developingModels: ['m'],
      districtParks: ['q'],
      gapSegments: ['智能芯片（AI chips）'],
    });
    expect(v).toEqual({
      SECTOR_FIT: 2 / 3,
      CHAIN_GAP: 1 / 3,
      SCENARIO_DEMAND: 1, // 3 open scenarios saturate at 2
      PLATFORM_TIES: 0.5, // co-host only
      PROVEN_DELIVERY: 0.5, // 1 of 2
      LARGE_MODEL: 0.5, // in development only
      SAME_DISTRICT: 1,
      CHAIN_SEGMENT: 0.5, // 1 missing segment of 2
    });
  });

  it('missing segments count 1/2 each and saturate at 2', () => {
    expect(signalValues(none).CHAIN_SEGMENT).toBe(0);
    expect(signalValues({ ...none, gapSegments: ['a', 'b'] }).CHAIN_SEGMENT).toBe(1);
    expect(signalValues({ ...none, gapSegments: ['a', 'b', 'c'] }).CHAIN_SEGMENT).toBe(1);
  });

  it('hosting in the park and a released model count fully; a park without focus sectors fits nothing', () => {
    const v = signalValues({ ...none, focusCount: 0, hostedPlatforms: ['p'], cohostedPlatforms: ['p2'], releasedModels: ['m'], developingModels: ['n'] });
    expect(v.PLATFORM_TIES).toBe(1);
    expect(v.LARGE_MODEL).toBe(1);
    expect(v.SECTOR_FIT).toBe(0);
    expect(v.CHAIN_GAP).toBe(0);
  });
});

describe('scorePair', () => {
  it('adds weight × value per signal with the default weights (hand-computed)', () => {
    // fit 1/3·0.3 = 0.1; gap 1/3·0.2 = 0.0667; demand ½·0.15 = 0.075; ties 1·0.1; delivered 1·0.1
    const facts = {
      ...none,
      sharedSectors: ['智慧海洋'],
      gapSectors: ['智慧海洋'],
      demandScenarios: ['s'],
      hostedPlatforms: ['海洋大模型实验室'],
      deliveredScenarios: ['a', 'b'],
    };
    const { score, reasons } = scorePair(facts, normaliseWeights(null));
    expect(score).toBeCloseTo(0.1 + 0.2 / 3 + 0.075 + 0.1 + 0.1, 12);
    expect(reasons.map((r) => r.kind)).toEqual([
      MatchSignal.PLATFORM_TIES,
      MatchSignal.PROVEN_DELIVERY,
      MatchSignal.SECTOR_FIT,
      MatchSignal.SCENARIO_DEMAND,
      MatchSignal.CHAIN_GAP,
    ]);
    expect(reasons.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(score, 12);
    for (const r of reasons) expect(r.contribution).toBeCloseTo(r.weight * r.value, 15);
  });

  it('reports no reason for a zero signal, and writes the details in Chinese', () => {
    const facts = { ...none, sharedSectors: ['智慧海洋', '工业制造'], gapSectors: ['工业制造'], layerZh: '基础层' };
    const { reasons } = scorePair(facts, normaliseWeights(null));
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatchObject({ kind: 'SECTOR_FIT', detail: '服务园区重点领域: 智慧海洋, 工业制造（2/3）' });
    expect(reasons[0].contribution).toBeCloseTo(0.2, 12);
    expect(reasons[1]).toMatchObject({ kind: 'CHAIN_GAP', detail: '补齐园区产业链缺口: 工业制造·基础层' });
  });

  it('custom weights change which pair wins', () => {
    const fitter = { ...none, sharedSectors: ['a', 'b', 'c'] }; // fit 1
    const modeller = { ...none, sharedSectors: ['a'], releasedModels: ['m'] }; // fit 1/3, model 1
    const byDefault = normaliseWeights(null);
    expect(scorePair(fitter, byDefault).score).toBeCloseTo(0.3, 12);
    expect(scorePair(modeller, byDefault).score).toBeCloseTo(0.2, 12);
    const modelHeavy = normaliseWeights({ largeModel: 1 });
    expect(scorePair(modeller, modelHeavy).score).toBeGreaterThan(scorePair(fitter, modelHeavy).score);
  });

  it('the score stays in [0, 1] with every signal at its maximum', () => {
    const all = {
      ...none,
      sharedSectors: ['a', 'b', 'c'],
      gapSectors: ['a', 'b', 'c'],
      demandScenarios: ['1', '2'],
      hostedPlatforms: ['p'],
      deliveredScenarios: ['1', '2'],
      releasedModels: ['m'],
      districtParks: ['q'],
    };
    expect(scorePair(all, normaliseWeights(null)).score).toBeCloseTo(1, 12);
    expect(scorePair(all, normaliseWeights({ sectorFit: 7, sameDistrict: 3 })).score).toBeCloseTo(1, 12);
    expect(Object.values(DEFAULT_WEIGHTS).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });

  it('shortens long name lists', () => {
    const { reasons } = scorePair({ ...none, demandScenarios: ['a', 'b', 'c', 'd'] }, normaliseWeights(null));
    expect(reasons[0].detail).toBe('园区有 4 个待揭榜或规划中的场景在其领域: a, b, c 等 4 个');
  });
});

describe('PROSPECT_WEIGHTS', () => {
  it('sum to 1 and put chain gaps (layers, then segments) first, so prospect scores stay in [0, 1] and reasons sum to them', () => {
    expect(SIGNALS.reduce((s, k) => s + PROSPECT_WEIGHTS[k], 0)).toBeCloseTo(1, 15);
    expect(Math.max(...SIGNALS.map((k) => PROSPECT_WEIGHTS[k]))).toBe(PROSPECT_WEIGHTS.CHAIN_GAP);
    expect(PROSPECT_WEIGHTS.CHAIN_GAP + PROSPECT_WEIGHTS.CHAIN_SEGMENT).toBeGreaterThan(PROSPECT_WEIGHTS.SECTOR_FIT);
    const scored = scorePair({ ...none, sharedSectors: ['工业制造', '智慧海洋'], gapSectors: ['工业制造'], districtParks: ['某园区'] }, PROSPECT_WEIGHTS);
    expect(scored.reasons.map((r) => r.kind)).toEqual([MatchSignal.SECTOR_FIT, MatchSignal.CHAIN_GAP]);
    expect(scored.score).toBeCloseTo(0.3 / 3 + (0.25 * 2) / 3, 15);
    expect(scored.reasons.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(scored.score, 15);
  });

  it('a firm working in missing segments of the map earns 0.1 per segment (up to 2), with a reason naming them', () => {
    // fit 1/3 · 0.25; segments min(1, 3/2) · 0.2 = 0.2
    const facts = {
      ...none,
      sharedSectors: ['医养健康'],
      gapSegments: ['智能芯片（AI chips）', '计算机视觉（Computer vision）', '大模型（Large models）', '智能终端（Smart terminals）'],
    };
    const scored = scorePair(facts, PROSPECT_WEIGHTS);
    expect(scored.reasons.map((r) => r.kind)).toEqual([MatchSignal.CHAIN_SEGMENT, MatchSignal.SECTOR_FIT]);
    expect(scored.reasons[0]).toMatchObject({
      detail: '补齐园区缺失的产业链环节: 智能芯片（AI chips）, 计算机视觉（Computer vision）, 大模型（Large models） 等 4 个',
      value: 1,
      weight: 0.2,
    });
    expect(scored.score).toBeCloseTo(0.25 / 3 + 0.2, 15);
    expect(scored.reasons.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(scored.score, 15);
    const one = scorePair({ ...none, gapSegments: ['边缘计算（Edge computing）'] }, PROSPECT_WEIGHTS);
    expect(one.score).toBeCloseTo(0.1, 15);
    expect(one.reasons).toEqual([
      expect.objectContaining({ kind: 'CHAIN_SEGMENT', detail: '补齐园区缺失的产业链环节: 边缘计算（Edge computing）', contribution: 0.1 }),
    ]);
  });

  it('matching leaves the segment signal out by default, and a query can weigh it in', () => {
    const facts = { ...none, sharedSectors: ['a'], gapSegments: ['x', 'y'] };
    const byDefault = scorePair(facts, normaliseWeights(null));
    expect(byDefault.reasons.map((r) => r.kind)).toEqual([MatchSignal.SECTOR_FIT]);
    expect(byDefault.score).toBe(scorePair({ ...facts, gapSegments: [] }, normaliseWeights(null)).score);
    const weighed = normaliseWeights({ chainSegment: 0.5 }); // 1 + 0.5 = 1.5
    expect(weighed.CHAIN_SEGMENT).toBeCloseTo(0.5 / 1.5, 15);
    expect(scorePair(facts, weighed).reasons[0]).toMatchObject({ kind: 'CHAIN_SEGMENT', value: 1 });
  });
});
