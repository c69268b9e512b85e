import { ProvenanceKind } from '../../common/provenance';
import { ParkFilter } from '../park/park.inputs';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { EnterpriseFilter } from '../enterprise/enterprise.inputs';
import { EnterpriseConnection } from '../enterprise/enterprise.types';
import { Park } from '../park/park.entity';
import { parkById } from '../park/park.service';
import { Sector } from '../sector/sector.entity';
import { sectorByCode } from '../sector/sector.service';
import {
  chainGaps,
  enterpriseMatchesForPark,
  gapCandidates,
  missingChainNodes,
  matchEnterprisesForPark,
  matchParksForEnterprise,
  parkMatchesForEnterprise,
  prospectsForPark,
} from './match.service';
import {
  ChainGap,
  EnterpriseMatch,
  EnterpriseMatchConnection,
  MatchWeights,
  ParkMatch,
  ParkMatchConnection,
  Prospect,
  ProspectConnection,
} from './match.types';
import { CandidateScope } from '../../common/vocabulary/presence.enum';
import type { Connection } from '../../common/relay/connection.types';
import { SectorCode } from '../sector/sector-code.enum';
import { ChainNode } from '../chain-node/chain-node.entity';

@ArgsType()
class GapCandidatesArgs {
  @Field(() => Int, { nullable: true, description: 'Return the first N firms (1-100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return firms after this cursor (an endCursor).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Return the last N firms (1-100), with or without `before`.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return firms before this cursor (a startCursor).' })
  before?: string | null;
}

@ArgsType()
class RankedPageArgs {
  @Field(() => Int, { nullable: true, description: 'Return the first N items (1-100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (an endCursor of the same list).' })
  after?: string | null;
}

const CANDIDATES_MATCH =
  '候选范围 Which firms to rank: ALL (default), OUTSIDE (headquartered outside Qingdao: presence OUTSIDE or BOTH) or LOCAL (present in Qingdao: LOCAL or BOTH).';

@Resolver()
export class MatchResolver {
  @Query(() => [EnterpriseMatch], {
    deprecationReason: 'Use enterpriseMatchesForPark: the same ranking as a Relay connection (first/after, totalCount).',
    description:
      '招商匹配 Firms not yet in the park, ranked by match score (ties by ID), each with the reasons behind its score. See MatchReasonKind for the signals.',
  })
  matchEnterprisesForPark(
    @Arg('parkId', () => ID, { description: 'The park to find firms for.' }) parkId: string,
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many firms (1-100).' }) first: number,
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Only firms meeting these conditions.' }) filter: EnterpriseFilter | null,
    @Arg('weights', () => MatchWeights, { nullable: true, description: 'Weights of the signals; defaults when omitted.' }) weights: MatchWeights | null,
    @Arg('candidates', () => CandidateScope, { defaultValue: CandidateScope.ALL, description: CANDIDATES_MATCH }) candidates: CandidateScope,
    @Ctx() ctx: Context,
  ): Promise<EnterpriseMatch[]> {
    return matchEnterprisesForPark(ctx, parkId, first, { filter, scope: candidates }, weights);
  }

  @Query(() => EnterpriseMatchConnection, {
    description:
      '招商匹配 Firms not yet in the park, ranked by match score (ties by ID), each with the reasons behind its score, as a Relay connection. See MatchReasonKind for the signals.',
  })
  enterpriseMatchesForPark(
    @Arg('parkId', () => ID, { description: 'The park to find firms for.' }) parkId: string,
    @Args() page: RankedPageArgs,
    @Arg('candidates', () => CandidateScope, { defaultValue: CandidateScope.ALL, description: CANDIDATES_MATCH }) candidates: CandidateScope,
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Only firms meeting these conditions.' }) filter: EnterpriseFilter | null,
    @Arg('weights', () => MatchWeights, { nullable: true, description: 'Weights of the signals; defaults when omitted.' }) weights: MatchWeights | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<EnterpriseMatch>> {
    return enterpriseMatchesForPark(ctx, parkId, page, { filter, scope: candidates }, weights);
  }

  @Query(() => ProspectConnection, {
    description:
      '以链招商 Firms to bring to the park, by default from outside Qingdao: ranked by how well they fill the park’s chain gaps, a missing layer of a focus sector (CHAIN_GAP, weight 0.3) or missing segments of the chain map (CHAIN_SEGMENT 0.2), and fit its focus sectors (SECTOR_FIT 0.25), then its open scenario demand (0.15), proven delivery (0.05) and large models (0.05); each with reasons whose contributions sum to the score. Ties by ID. See docs/zhaoshang.md.',
  })
  prospectsForPark(
    @Arg('parkId', () => ID, { description: 'The park to prospect for.' }) parkId: string,
    @Arg('sectors', () => [SectorCode], {
      nullable: true,
      description: 'Only firms serving at least one of these sectors (e.g. the sector a promotion drive targets). Default: every sector.',
    })
    sectors: SectorCode[] | null,
    @Args() page: RankedPageArgs,
    @Arg('candidates', () => CandidateScope, {
      defaultValue: CandidateScope.OUTSIDE,
      description: '候选范围 Which firms to rank: OUTSIDE (default: headquartered outside Qingdao, presence OUTSIDE or BOTH), LOCAL or ALL.',
    })
    candidates: CandidateScope,
    @Arg('chainNodes', () => [ID], {
      nullable: true,
      description:
        '产业链环节 Only firms linked to any of these chain-map nodes (ChainNode IDs) or to a node below one of them, e.g. a segment ChainGap.missingChainNodes names: start from the gap, find who fills it. Default: any node.',
    })
    chainNodes: string[] | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Prospect>> {
    return prospectsForPark(ctx, parkId, page, {
      scope: candidates,
      sectors,
      filter: chainNodes ? Object.assign(new EnterpriseFilter(), { chainNodes }) : null,
    });
  }

  @Query(() => ParkMatchConnection, {
    description: '落户匹配 Parks the firm is not yet in, ranked by the same match score seen from the firm (ties by ID), as a Relay connection.',
  })
  parkMatchesForEnterprise(
    @Arg('enterpriseId', () => ID, { description: 'The firm to find parks for.' }) enterpriseId: string,
    @Args() page: RankedPageArgs,
    @Arg('weights', () => MatchWeights, { nullable: true, description: 'Weights of the signals; defaults when omitted.' }) weights: MatchWeights | null,
    @Arg('filter', () => ParkFilter, { nullable: true, description: 'Only parks meeting these conditions.' }) filter: ParkFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<ParkMatch>> {
    return parkMatchesForEnterprise(ctx, enterpriseId, page, weights, filter);
  }

  @Query(() => [ParkMatch], {
    deprecationReason: 'Use parkMatchesForEnterprise: the same ranking as a Relay connection (first/after, totalCount).',
    description: '落户匹配 Parks the firm is not yet in, ranked by the same match score seen from the firm (ties by ID).',
  })
  matchParksForEnterprise(
    @Arg('enterpriseId', () => ID, { description: 'The firm to find parks for.' }) enterpriseId: string,
    @Arg('first', () => Int, { defaultValue: 6, description: 'How many parks (1-100).' }) first: number,
    @Arg('weights', () => MatchWeights, { nullable: true, description: 'Weights of the signals; defaults when omitted.' }) weights: MatchWeights | null,
    @Arg('filter', () => ParkFilter, { nullable: true, description: 'Only parks meeting these conditions.' }) filter: ParkFilter | null,
    @Ctx() ctx: Context,
  ): Promise<ParkMatch[]> {
    return matchParksForEnterprise(ctx, enterpriseId, first, weights, filter);
  }

  @Query(() => [ChainGap], {
    description: '产业链缺口 For each focus sector of the park, in the plan’s order: the chain layers it lacks and firms that would fill them.',
  })
  chainGaps(
    @Arg('parkId', () => ID, { description: 'The park.' }) parkId: string,
    @Arg('provenanceKinds', () => [ProvenanceKind], {
      nullable: true,
      description:
        '数据来源 Count only firms of these provenance kinds as the park’s own and as candidates (e.g. [PUBLIC_SOURCE] shows the chain as the cited records alone show it). Default: every kind.',
    })
    provenanceKinds: ProvenanceKind[] | null,
    @Ctx() ctx: Context,
  ): Promise<ChainGap[]> {
    return chainGaps(ctx, parkId, provenanceKinds);
  }
}

@Resolver(() => ChainGap)
export class ChainGapResolver {
  @FieldResolver(() => Park, { description: 'The park.' })
  async park(@Root() gap: ChainGap, @Ctx() ctx: Context): Promise<Park> {
    return (await parkById(ctx, gap.parkId))!;
  }

  @FieldResolver(() => Sector, { description: 'The focus sector (重点领域).' })
  async sector(@Root() gap: ChainGap, @Ctx() ctx: Context): Promise<Sector> {
    return (await sectorByCode(ctx, gap.sectorCode))!;
  }

  @FieldResolver(() => [ChainNode], {
    description:
      '缺失环节 Segments of the chain map (产业链图谱) for this sector that no firm of the park covers, in map order: the sector’s own application segments and the segments every sector shares (chips, sensors, software, data services, …). A firm covers a node when it is linked to it or below it and serves the sector (or the node is the sector’s own). A wholly missing segment is named once, without its sub-segments. Retired nodes are left out.',
  })
  missingChainNodes(@Root() gap: ChainGap, @Ctx() ctx: Context): Promise<ChainNode[]> {
    return missingChainNodes(ctx, gap);
  }

  @FieldResolver(() => EnterpriseConnection, {
    description:
      '补链候选 Firms not in the park, in Qingdao or outside it (see Enterprise.presence), serving this sector in a missing layer, ranked by the default match score for the park, ties by ID. Empty when no layer is missing. For firms from outside only, ranked for 招商, see Query.prospectsForPark.',
  })
  candidates(@Root() gap: ChainGap, @Args() args: GapCandidatesArgs, @Ctx() ctx: Context) {
    return gapCandidates(ctx, gap, args);
  }
}
