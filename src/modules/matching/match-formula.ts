import { BadUserInputError } from '../../common/errors';

/**
 * The matching formula, kept free of I/O so it can be checked by hand.
 *
 * A (park, firm) pair gets one value in [0, 1] per signal; the score is Σ wᵢ·vᵢ with the weights
 * normalised to sum 1, so the score is in [0, 1] and each reason's contribution is wᵢ·vᵢ. The
 * database computes the same values (see match.sql.ts) to rank all candidates; this module turns
 * the page's raw facts into the reasons a user reads.
 */
export enum MatchSignal {
  SECTOR_FIT = 'SECTOR_FIT',
  CHAIN_GAP = 'CHAIN_GAP',
  SCENARIO_DEMAND = 'SCENARIO_DEMAND',
  PLATFORM_TIES = 'PLATFORM_TIES',
  PROVEN_DELIVERY = 'PROVEN_DELIVERY',
  LARGE_MODEL = 'LARGE_MODEL',
  SAME_DISTRICT = 'SAME_DISTRICT',
  CHAIN_SEGMENT = 'CHAIN_SEGMENT',
}

/**
 * The signals in the order the formula sums them (and the order of the weight fields). A new
 * signal goes last: a 0 added at the end leaves every earlier sum, and so every existing score,
 * the same to the last bit.
 */
export const SIGNALS: readonly MatchSignal[] = [
  MatchSignal.SECTOR_FIT,
  MatchSignal.CHAIN_GAP,
  MatchSignal.SCENARIO_DEMAND,
  MatchSignal.PLATFORM_TIES,
  MatchSignal.PROVEN_DELIVERY,
  MatchSignal.LARGE_MODEL,
  MatchSignal.SAME_DISTRICT,
  MatchSignal.CHAIN_SEGMENT,
];

/** Field of the MatchWeights input for each signal. */
export const WEIGHT_FIELDS = {
  SECTOR_FIT: 'sectorFit',
  CHAIN_GAP: 'chainGap',
  SCENARIO_DEMAND: 'scenarioDemand',
  PLATFORM_TIES: 'platformTies',
  PROVEN_DELIVERY: 'provenDelivery',
  LARGE_MODEL: 'largeModel',
  SAME_DISTRICT: 'sameDistrict',
  CHAIN_SEGMENT: 'chainSegment',
} as const satisfies Record<MatchSignal, string>;

export type WeightField = (typeof WEIGHT_FIELDS)[MatchSignal];
export type WeightInput = Partial<Record<WeightField, number | null>>;
export type Weights = Record<MatchSignal, number>;

/**
 * Default weights of matching (they already sum to 1). Missing chain-map segments weigh 0 here:
 * matching predates the chain map and keeps its scores; a query can still weigh them in.
 */
export const DEFAULT_WEIGHTS: Readonly<Weights> = {
  SECTOR_FIT: 0.3,
  CHAIN_GAP: 0.2,
  SCENARIO_DEMAND: 0.15,
  PLATFORM_TIES: 0.1,
  PROVEN_DELIVERY: 0.1,
  LARGE_MODEL: 0.1,
  SAME_DISTRICT: 0.05,
  CHAIN_SEGMENT: 0,
};

/**
 * Weights of prospecting (以链招商, prospectsForPark), summing to 1. Filling the park's chain gaps
 * counts most, in two ways: a missing layer of a focus sector (CHAIN_GAP 0.3) and missing
 * segments of the chain map (CHAIN_SEGMENT 0.2: the segments `ChainGap.missingChainNodes` names).
 * Serving the park's focus sectors comes next (SECTOR_FIT 0.25), then its open demand (0.15),
 * proven delivery and large models (0.05 each). Ties to the park's platforms and district say
 * little about a firm from outside, so they weigh nothing. docs/zhaoshang.md states the same
 * figures, and test/e2e/location-prospects.e2e.test.ts writes them out again.
 *
 * A further signal joins by adding a MatchSignal (last in SIGNALS), its value in signalValues,
 * its CTE in match.sql.ts and a weight here, with 0 in DEFAULT_WEIGHTS so that matching stays
 * as it is; reasons and their sum need no other change.
 */
export const PROSPECT_WEIGHTS: Readonly<Weights> = {
  SECTOR_FIT: 0.25,
  CHAIN_GAP: 0.3,
  SCENARIO_DEMAND: 0.15,
  PLATFORM_TIES: 0,
  PROVEN_DELIVERY: 0.05,
  LARGE_MODEL: 0.05,
  SAME_DISTRICT: 0,
  CHAIN_SEGMENT: 0.2,
};

/** Open scenarios that saturate the demand signal; delivered scenarios that saturate proven delivery. */
export const DEMAND_SATURATION = 2;
export const DELIVERY_SATURATION = 2;
/**
 * Missing chain-map segments that saturate the segment signal: each one a firm works in earns
 * 1/2, so a firm covering two of the park's missing segments counts fully. Few firms span more
 * than two segments, and a higher bar would let the many gaps of a young park (dozens of
 * segments) shrink every firm's value to almost nothing.
 */
export const SEGMENT_SATURATION = 2;
/** Scenario stages that count as demand (still looking for providers) and as proof of delivery. */
export const DEMAND_STATUSES = ['OPEN_FOR_BIDS', 'PLANNED'] as const;
export const DELIVERED_STATUSES = ['DEPLOYED', 'SHOWCASE'] as const;
/** Large-model stages that count fully; others (in development) count half. */
export const RELEASED_MODEL_STATUSES = ['RELEASED', 'REGISTERED'] as const;
/** Value of a tie through a co-hosted platform, against 1 for hosting a platform in the park. */
export const COHOST_TIE = 0.5;
export const MODEL_IN_DEVELOPMENT = 0.5;

/**
 * Weights of a query: omitted fields keep their default, then all are divided by their sum.
 * A negative or non-finite weight, or weights summing to 0, is BAD_USER_INPUT.
 */
export function normaliseWeights(input: WeightInput | null | undefined): Weights {
  const raw = {} as Weights;
  for (const signal of SIGNALS) {
    const field = WEIGHT_FIELDS[signal];
    const given = input?.[field];
    const value = given === undefined || given === null ? DEFAULT_WEIGHTS[signal] : given;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new BadUserInputError(`Weight "weights.${field}" must be a finite number ≥ 0, got ${String(value)}.`, { argument: `weights.${field}` });
    }
    raw[signal] = value;
  }
  const sum = SIGNALS.reduce((s, k) => s + raw[k], 0);
  if (!(sum > 0) || !Number.isFinite(sum)) {
    throw new BadUserInputError('Weights must not all be 0: give at least one signal a positive weight.', { argument: 'weights' });
  }
  const out = {} as Weights;
  for (const signal of SIGNALS) out[signal] = raw[signal] / sum;
  return out;
}

/** The facts about one (park, firm) pair that the signals are computed from. */
export interface PairFacts {
  /** Number of the park's focus sectors. */
  focusCount: number;
  /** The park's focus sectors the firm serves (sector names). */
  sharedSectors: string[];
  /** Focus sectors the firm serves in which the park has no firm of the firm's layer (names). */
  gapSectors: string[];
  /** The firm's chain layer in Chinese (基础层, 技术层, 应用层). */
  layerZh: string;
  /** Names of the park's open or planned scenarios in the firm's sectors it does not already provide. */
  demandScenarios: string[];
  /** Platforms located in the park that the firm hosts. */
  hostedPlatforms: string[];
  /** Platforms the firm co-hosts with a firm of the park (anywhere). */
  cohostedPlatforms: string[];
  /** Deployed or showcase scenarios the firm provides in the park's focus sectors (anywhere). */
  deliveredScenarios: string[];
  /** Large models the firm develops serving a focus sector: released/registered, and in development. */
  releasedModels: string[];
  developingModels: string[];
  /** The park's district, and other parks of that district the firm is already in. */
  district: string;
  districtParks: string[];
  /**
   * Missing segments of the park's chain map the firm works in (linked to the segment or below
   * it), named as `ChainGap.missingChainNodes` names them, each “中文名（English name）”.
   */
  gapSegments: string[];
}

/** Value in [0, 1] of each signal for a pair. Mirrored in SQL by match.sql.ts. */
export function signalValues(f: PairFacts): Weights {
  return {
    SECTOR_FIT: f.focusCount > 0 ? f.sharedSectors.length / f.focusCount : 0,
    CHAIN_GAP: f.focusCount > 0 ? f.gapSectors.length / f.focusCount : 0,
    SCENARIO_DEMAND: Math.min(1, f.demandScenarios.length / DEMAND_SATURATION),
    PLATFORM_TIES: f.hostedPlatforms.length > 0 ? 1 : f.cohostedPlatforms.length > 0 ? COHOST_TIE : 0,
    PROVEN_DELIVERY: Math.min(1, f.deliveredScenarios.length / DELIVERY_SATURATION),
    LARGE_MODEL: f.releasedModels.length > 0 ? 1 : f.developingModels.length > 0 ? MODEL_IN_DEVELOPMENT : 0,
    SAME_DISTRICT: f.districtParks.length > 0 ? 1 : 0,
    CHAIN_SEGMENT: Math.min(1, f.gapSegments.length / SEGMENT_SATURATION),
  };
}

export interface Reason {
  kind: MatchSignal;
  detail: string;
  /** wᵢ·vᵢ */
  contribution: number;
  /** vᵢ */
  value: number;
  /** wᵢ (normalised) */
  weight: number;
}

export interface ScoredPair {
  score: number;
  reasons: Reason[];
}

const list = (names: string[], max = 3): string => (names.length > max ? `${names.slice(0, max).join(', ')} 等 ${names.length} 个` : names.join(', '));

/** The Chinese sentence that explains a signal's value for a pair. */
export function reasonDetail(kind: MatchSignal, f: PairFacts): string {
  switch (kind) {
    case MatchSignal.SECTOR_FIT:
      return `服务园区重点领域: ${list(f.sharedSectors, 8)}（${f.sharedSectors.length}/${f.focusCount}）`;
    case MatchSignal.CHAIN_GAP:
      return `补齐园区产业链缺口: ${f.gapSectors.map((s) => `${s}·${f.layerZh}`).join(', ')}`;
    case MatchSignal.SCENARIO_DEMAND:
      return `园区有 ${f.demandScenarios.length} 个待揭榜或规划中的场景在其领域: ${list(f.demandScenarios)}`;
    case MatchSignal.PLATFORM_TIES:
      return f.hostedPlatforms.length > 0 ? `依托园区内创新平台: ${list(f.hostedPlatforms)}` : `与园区企业共建创新平台: ${list(f.cohostedPlatforms)}`;
    case MatchSignal.PROVEN_DELIVERY:
      return `已在园区重点领域落地或示范 ${f.deliveredScenarios.length} 个场景: ${list(f.deliveredScenarios)}`;
    case MatchSignal.LARGE_MODEL:
      return f.releasedModels.length > 0
        ? `研发服务园区重点领域的大模型: ${list(f.releasedModels)}`
        : `在研服务园区重点领域的大模型: ${list(f.developingModels)}`;
    case MatchSignal.SAME_DISTRICT:
      return `已入驻同区（${f.district}）园区: ${list(f.districtParks)}`;
    case MatchSignal.CHAIN_SEGMENT:
      return `补齐园区缺失的产业链环节: ${list(f.gapSegments)}`;
  }
}

/**
 * Score and reasons of a pair: one reason per signal with a positive contribution, largest
 * first (ties in formula order). The contributions sum to the score.
 */
export function scorePair(facts: PairFacts, weights: Weights): ScoredPair {
  const values = signalValues(facts);
  let score = 0;
  const reasons: Reason[] = [];
  for (const kind of SIGNALS) {
    const contribution = weights[kind] * values[kind];
    score += contribution;
    if (contribution > 0) reasons.push({ kind, detail: reasonDetail(kind, facts), contribution, value: values[kind], weight: weights[kind] });
  }
  reasons.sort((a, b) => b.contribution - a.contribution || SIGNALS.indexOf(a.kind) - SIGNALS.indexOf(b.kind));
  return { score, reasons };
}
