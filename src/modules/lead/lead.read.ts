import type { Context } from '../../common/context';
import { hydrate } from '../../common/relay/hydrate';
import { runSql, sql } from '../../common/sql';
import { Lead, LeadNote, LeadStageChange } from './lead.entity';
import type { LeadStage } from './lead-stage.enum';
import { leadScopeOf, scopeCondition } from './lead.scope';

const INT4_MAX = 2147483647;

/**
 * One lead by its local id, or null when it does not exist or lies outside the caller's scope:
 * the same statement either way (the scope is a parameter), so the answers cannot be told apart.
 * Batched with every other lead fetched by id in the request.
 */
export function loadLeadInScope(ctx: Context, localId: string): Promise<Lead | null> {
  const id = /^\d{1,10}$/.test(localId) ? Number(localId) : 0;
  // An id that cannot exist still runs the lookup, with an id no row has.
  const key = id > 0 && id <= INT4_MAX ? id : 0;
  return ctx.loaders
    .get<number, Lead | null>('Lead:in-scope', async (ids) => {
      const scope = leadScopeOf(ctx.caller);
      const rows = await runSql(
        ctx.em,
        sql`select l.* from lead l where l.id = any(${`{${ids.join(',')}}`}::int[]) and ${scopeCondition(scope, sql`l.park_id`)}`,
      );
      const byId = new Map(rows.map((r) => [Number(r.id), hydrate(ctx.em, Lead, r)]));
      return ids.map((i) => byId.get(i) ?? null);
    })
    .load(key);
}

interface HistoryRow {
  lead_id: number;
  from_stage: LeadStage | null;
  to_stage: LeadStage;
  at: Date | string;
  actor_name: string;
  reason: string | null;
}

/** A lead's stage history, oldest first; one statement for every lead of the request. */
export function loadStageHistory(ctx: Context, leadId: number): Promise<LeadStageChange[]> {
  return ctx.loaders
    .get<number, LeadStageChange[]>('Lead:history', async (ids) => {
      const rows = await runSql<HistoryRow>(
        ctx.em,
        sql`select lead_id, from_stage, to_stage, at, actor_name, reason from lead_stage_change where lead_id = any(${`{${ids.join(',')}}`}::int[]) order by at, id`,
      );
      return ids.map((i) =>
        rows
          .filter((r) => Number(r.lead_id) === i)
          .map((r) =>
            Object.assign(new LeadStageChange(), { fromStage: r.from_stage, toStage: r.to_stage, at: new Date(r.at), by: r.actor_name, reason: r.reason }),
          ),
      );
    })
    .load(leadId);
}

/** A lead's notes, oldest first; one statement for every lead of the request. */
export function loadNotes(ctx: Context, leadId: number): Promise<LeadNote[]> {
  return ctx.loaders
    .get<number, LeadNote[]>('Lead:notes', async (ids) => {
      const rows = await runSql<{ lead_id: number; body: string; at: Date | string; actor_name: string }>(
        ctx.em,
        sql`select lead_id, body, at, actor_name from lead_note where lead_id = any(${`{${ids.join(',')}}`}::int[]) order by at, id`,
      );
      return ids.map((i) =>
        rows.filter((r) => Number(r.lead_id) === i).map((r) => Object.assign(new LeadNote(), { body: r.body, at: new Date(r.at), by: r.actor_name })),
      );
    })
    .load(leadId);
}
