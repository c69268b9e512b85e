import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../common/context';
import { listSourceOf } from '../../common/entity-type';
import { BadUserInputError } from '../../common/errors';
import { parseIntegerId } from '../../common/global-id';
import type { Connection } from '../../common/relay/connection.types';
import { listEntities } from '../../common/relay/entity-list';
import type { PaginationArgs } from '../../common/relay/pagination';
import { runSql, sql } from '../../common/sql';
import type { SectorCode } from '../sector/sector-code.enum';
import { leadType } from './lead.descriptor';
import { Lead } from './lead.entity';
import { LeadStage, PIPELINE } from './lead-stage.enum';
import { leadScopeOf, scopeCondition, scopeParkIds } from './lead.scope';
import { FunnelStage, LeadFunnel } from './lead.types';

/** What a lead list is narrowed to. `scope` is the caller's parks (null: all) and always applies. */
export interface LeadListFilter {
  scope: readonly number[] | null;
  parkId?: number | null;
  stages?: readonly LeadStage[] | null;
  /** Only open leads (not closed, not lost, not in production) untouched for this many days. */
  staleDays?: number | null;
}

function applyLeadFilter(qb: Knex.QueryBuilder, knex: Knex, filter: LeadListFilter): void {
  if (filter.scope) qb.whereIn('l.park_id', [...filter.scope]);
  if (filter.parkId != null) qb.where('l.park_id', filter.parkId);
  if (filter.stages?.length) qb.whereIn('l.stage', [...filter.stages]);
  if (filter.staleDays != null) {
    qb.whereNull('l.closed_at')
      .whereNotIn('l.stage', [LeadStage.LOST, LeadStage.IN_PRODUCTION])
      .where('l.last_activity_at', '<', knex.raw('now() - make_interval(days => ?)', [filter.staleDays]));
  }
}

const leadSource = listSourceOf<Lead, LeadListFilter>(leadType, applyLeadFilter);

/** An optional park argument: its database id (malformed → BAD_USER_INPUT). */
export function parkArgument(id: string | null | undefined, argument = 'parkId'): number | null {
  return id == null ? null : parseIntegerId(id, 'Park', argument);
}

/** The leads the caller may see, optionally of one park and some stages, in creation order. */
export function listLeads(
  ctx: Context,
  where: { parkId?: string | null; stages?: LeadStage[] | null; staleDays?: number | null },
  args: PaginationArgs,
  info: GraphQLResolveInfo,
): Promise<Connection<Lead>> {
  const filter: LeadListFilter = {
    scope: scopeParkIds(leadScopeOf(ctx.caller)),
    parkId: parkArgument(where.parkId),
    stages: where.stages ?? null,
    staleDays: where.staleDays ?? null,
  };
  return listEntities(ctx, leadSource, { filter, args, info });
}

/** `staleLeads(days)`: open leads with no activity for `days` days (1-3650). */
export function listStaleLeads(ctx: Context, days: number, parkId: string | null, args: PaginationArgs, info: GraphQLResolveInfo): Promise<Connection<Lead>> {
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new BadUserInputError('Argument "days" must be a whole number of days from 1 to 3650.', { argument: 'days' });
  return listLeads(ctx, { parkId, staleDays: days }, args, info);
}

interface FunnelRow {
  stage: LeadStage;
  current: string | number;
  reached: string | number;
  investment: string | number | null;
  median_days: string | number | null;
}

/**
 * The funnel of one park's leads (those created between `from` and `to`, of firms in `sector`):
 * per stage, how many leads are there now and their expected investment, how many ever reached
 * it, the conversion to the next stage (reached next / reached this), and the median days a lead
 * spent in it. One statement; leads outside the caller's scope count as absent, so a park the
 * caller may not see answers like a park without leads.
 */
export async function leadFunnel(
  ctx: Context,
  args: { parkId: string; sector?: SectorCode | null; from?: string | null; to?: string | null },
): Promise<LeadFunnel> {
  const parkId = parseIntegerId(args.parkId, 'Park', 'parkId');
  if (args.from && args.to && args.from > args.to) throw new BadUserInputError('Argument "from" must not be after "to".', { argument: 'from' });
  const scope = leadScopeOf(ctx.caller);
  const stages = [...PIPELINE, LeadStage.LOST];
  const rows = await runSql<FunnelRow>(
    ctx.em,
    sql`with l as (
          select l.* from lead l
           where l.park_id = ${parkId} and ${scopeCondition(scope, sql`l.park_id`)}
             and (${args.from ?? null}::date is null or l.created_at >= ${args.from ?? null}::date)
             and (${args.to ?? null}::date is null or l.created_at < ${args.to ?? null}::date + 1)
             and (${args.sector ?? null}::text is null or exists (
               select 1 from enterprise_sector es where es.enterprise_id = l.enterprise_id and es.sector_code = ${args.sector ?? null}::text))),
        h as (
          select c.lead_id, c.to_stage, c.at,
                 coalesce(lead(c.at) over (partition by c.lead_id order by c.at, c.id), l.closed_at, now()) as left_at
            from lead_stage_change c join l on l.id = c.lead_id),
        reached as (
          select lead_id, max(array_position(${`{${PIPELINE.join(',')}}`}::text[], to_stage)) as idx from h group by lead_id)
        select s.stage,
               (select count(*) from l where l.stage = s.stage) as current,
               case when s.stage = 'LOST' then (select count(*) from l where l.stage = 'LOST')
                    else (select count(*) from reached r where r.idx >= s.ord) end as reached,
               (select sum(l.expected_investment) from l where l.stage = s.stage) as investment,
               case when s.stage = 'LOST' then null
                    else (select percentile_cont(0.5) within group (order by extract(epoch from (h.left_at - h.at)) / 86400.0) from h where h.to_stage = s.stage) end as median_days
          from unnest(${`{${stages.join(',')}}`}::text[]) with ordinality as s(stage, ord)
         order by s.ord`,
  );
  const funnel: FunnelStage[] = rows.map((r, i) => {
    const next = rows[i + 1];
    const reached = Number(r.reached);
    const onPipeline = r.stage !== LeadStage.LOST && r.stage !== LeadStage.IN_PRODUCTION;
    return Object.assign(new FunnelStage(), {
      stage: r.stage,
      count: Number(r.current),
      reached,
      expectedInvestment: r.investment == null ? 0 : Number(r.investment),
      conversionToNext: onPipeline && reached > 0 ? Number(next.reached) / reached : null,
      medianDays: r.median_days == null ? null : Math.round(Number(r.median_days) * 10) / 10,
    });
  });
  return Object.assign(new LeadFunnel(), {
    stages: funnel,
    total: funnel.reduce((n, s) => n + s.count, 0),
    expectedInvestment: funnel.filter((s) => s.stage !== LeadStage.LOST).reduce((n, s) => n + s.expectedInvestment, 0),
  });
}
