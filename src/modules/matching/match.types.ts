import type { ProvenanceKind } from '../../common/provenance';
import { Field, Float, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { SectorCode } from '../sector/sector-code.enum';
import { DEFAULT_WEIGHTS, MatchSignal, PROSPECT_WEIGHTS, SEGMENT_SATURATION } from './match-formula';
import { connectionType } from '../../common/relay/connection.types';

registerEnumType(MatchSignal, {
  name: 'MatchReasonKind',
  description: '匹配依据 A signal of the firm ↔ park matching score.',
  valuesConfig: {
    SECTOR_FIT: { description: `领域契合 Share of the park’s focus sectors the firm serves (default weight ${DEFAULT_WEIGHTS.SECTOR_FIT}).` },
    CHAIN_GAP: {
      description: `补链 Share of the park’s focus sectors in which the firm’s chain layer is missing from the park (default weight ${DEFAULT_WEIGHTS.CHAIN_GAP}).`,
    },
    SCENARIO_DEMAND: {
      description: `场景需求 The park’s open-for-bids or planned scenarios in the firm’s sectors; 2 or more count fully (default weight ${DEFAULT_WEIGHTS.SCENARIO_DEMAND}).`,
    },
    PLATFORM_TIES: {
      description: `平台关联 The firm hosts a platform located in the park (1), or co-hosts a platform with a firm of the park (0.5) (default weight ${DEFAULT_WEIGHTS.PLATFORM_TIES}).`,
    },
    PROVEN_DELIVERY: {
      description: `落地能力 Deployed or showcase scenarios the firm provides in the park’s focus sectors, anywhere; 2 or more count fully (default weight ${DEFAULT_WEIGHTS.PROVEN_DELIVERY}).`,
    },
    LARGE_MODEL: {
      description: `大模型 The firm develops a large model serving a focus sector of the park: released or registered (1), in development (0.5) (default weight ${DEFAULT_WEIGHTS.LARGE_MODEL}).`,
    },
    SAME_DISTRICT: { description: `同区布局 The firm already sits in another park of the park’s district (default weight ${DEFAULT_WEIGHTS.SAME_DISTRICT}).` },
    CHAIN_SEGMENT: {
      description: `补环节 Segments of the chain map (产业链图谱) missing from the park (those ChainGap.missingChainNodes names) that the firm works in, itself or below the segment; each counts 1/${SEGMENT_SATURATION}, ${SEGMENT_SATURATION} or more fully (default weight ${DEFAULT_WEIGHTS.CHAIN_SEGMENT} in matching, ${PROSPECT_WEIGHTS.CHAIN_SEGMENT} in prospecting).`,
    },
  },
});

@InputType({
  description:
    '匹配权重 Weights of the matching signals. Omitted fields keep their default; all are then divided by their sum, so the score stays in [0, 1]. Each must be finite and ≥ 0, and at least one positive. Pass 0 to switch a signal off.',
})
export class MatchWeights {
  @Field(() => Float, { nullable: true, description: `领域契合 SECTOR_FIT (default ${DEFAULT_WEIGHTS.SECTOR_FIT}).` })
  sectorFit?: number | null;

  @Field(() => Float, { nullable: true, description: `补链 CHAIN_GAP (default ${DEFAULT_WEIGHTS.CHAIN_GAP}).` })
  chainGap?: number | null;

  @Field(() => Float, { nullable: true, description: `场景需求 SCENARIO_DEMAND (default ${DEFAULT_WEIGHTS.SCENARIO_DEMAND}).` })
  scenarioDemand?: number | null;

  @Field(() => Float, { nullable: true, description: `平台关联 PLATFORM_TIES (default ${DEFAULT_WEIGHTS.PLATFORM_TIES}).` })
  platformTies?: number | null;

  @Field(() => Float, { nullable: true, description: `落地能力 PROVEN_DELIVERY (default ${DEFAULT_WEIGHTS.PROVEN_DELIVERY}).` })
  provenDelivery?: number | null;

  @Field(() => Float, { nullable: true, description: `大模型 LARGE_MODEL (default ${DEFAULT_WEIGHTS.LARGE_MODEL}).` })
  largeModel?: number | null;

  @Field(() => Float, { nullable: true, description: `同区布局 SAME_DISTRICT (default ${DEFAULT_WEIGHTS.SAME_DISTRICT}).` })
  sameDistrict?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: `补环节 CHAIN_SEGMENT (default ${DEFAULT_WEIGHTS.CHAIN_SEGMENT}: matching leaves missing chain-map segments out unless asked).`,
  })
  chainSegment?: number | null;
}

@ObjectType({ description: '匹配理由 One signal behind a match score, with what it adds to the score.' })
export class MatchReason {
  @Field(() => MatchSignal, { description: 'Which signal.' })
  kind!: MatchSignal;

  @Field({ description: 'What the signal found, in Chinese (e.g. 服务园区重点领域: 智慧海洋, 工业制造（2/3）).' })
  detail!: string;

  @Field(() => Float, { description: 'Weight × value: what this reason adds to the score. The contributions of a match sum to its score.' })
  contribution!: number;

  @Field(() => Float, { description: 'Value of the signal for this pair, in [0, 1].' })
  value!: number;

  @Field(() => Float, { description: 'Weight of the signal after normalisation (the weights of a query sum to 1).' })
  weight!: number;
}

@ObjectType({ description: '招商匹配 A firm ranked for a park: score and reasons.' })
export class EnterpriseMatch {
  @Field(() => Float, { description: 'Match score in [0, 1]: the sum of the reasons’ contributions.' })
  score!: number;

  @Field(() => Enterprise, { description: 'The firm (not yet in the park).' })
  enterprise!: Enterprise;

  @Field(() => [MatchReason], { description: 'Signals with a positive contribution, largest first.' })
  reasons!: MatchReason[];
}

@ObjectType({ description: '落户匹配 A park ranked for a firm: score and reasons.' })
export class ParkMatch {
  @Field(() => Float, { description: 'Match score in [0, 1]: the sum of the reasons’ contributions.' })
  score!: number;

  @Field(() => Park, { description: 'The park (one the firm is not yet in).' })
  park!: Park;

  @Field(() => [MatchReason], { description: 'Signals with a positive contribution, largest first.' })
  reasons!: MatchReason[];
}

@ObjectType({
  description:
    '招商线索候选 A firm ranked for a park by prospecting (以链招商): how well it fills the park’s chain gaps and fits its focus sectors. The reasons’ contributions sum to the score.',
})
export class Prospect extends EnterpriseMatch {}

export const EnterpriseMatchConnection = connectionType<EnterpriseMatch>(() => EnterpriseMatch, 'EnterpriseMatch', 'firm ranked for a park (招商匹配)');
export const ParkMatchConnection = connectionType<ParkMatch>(() => ParkMatch, 'ParkMatch', 'park ranked for a firm (落户匹配)');
export const ProspectConnection = connectionType<Prospect>(() => Prospect, 'Prospect', 'prospect ranked for a park (以链招商)');

@ObjectType({ description: '产业链缺口 The chain layers a park lacks in one of its focus sectors, and firms that would fill them.' })
export class ChainGap {
  parkId!: number;

  sectorCode!: SectorCode;

  /** The provenance kinds the gap was computed for (null: every kind); its candidates use the same. */
  provenanceKinds!: readonly ProvenanceKind[] | null;

  @Field(() => [ChainLayer], {
    description: 'Layers (基础层, 技术层, 应用层) in which no firm of the park serves this sector; empty when the chain is complete.',
  })
  missingLayers!: ChainLayer[];
}
