import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Actor, FieldChanges } from '../../common/editing/audit';
import { writeAudit } from '../../common/editing/audit';
import { UserErrorCode, UserErrors, type UserError } from '../../common/editing/user-error';
import { abortIfErrors, actorOf, runWrite } from '../../common/editing/write-transaction';
import type { Context } from '../../common/context';
import { decodeGlobalId, toGlobalId } from '../../common/global-id';
import { hydrate } from '../../common/relay/hydrate';
import { runSql, sql, SqlFragment } from '../../common/sql';
import { unstorableCharacter } from '../../common/text';
import { tableOf } from '../../common/entity-type';
import { Presence } from '../../common/vocabulary/presence.enum';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Lead } from './lead.entity';
import { LeadStage, PIPELINE, STAGE_ZH, stageMoveProblem } from './lead-stage.enum';
import { leadScopeOf, scopeCondition } from './lead.scope';
import type { AddLeadNoteInput, CloseLeadInput, CreateLeadInput, MoveLeadStageInput, UpdateLeadInput } from './lead.inputs';

type Row = Record<string, unknown> & { id: number; park_id: number; enterprise_id: number; stage: LeadStage; version: number };

/** The same words for a lead that does not exist and one outside the caller's parks. */
const NO_LEAD = 'No lead has this ID (or it belongs to a park your key does not cover).';
const NO_PARK = 'No park has this ID among the parks your key covers.';
const MAX_TEXT = 4000;

/** Lead fields an update may set: GraphQL name → column. */
const COLUMNS = {
  ownerName: 'owner_name',
  expectedInvestment: 'expected_investment',
  expectedJobs: 'expected_jobs',
  nextAction: 'next_action',
  nextActionDate: 'next_action_date',
  stage: 'stage',
  lostReason: 'lost_reason',
  lostFromStage: 'lost_from_stage',
  closedAt: 'closed_at',
} as const;
type Patch = Partial<Record<keyof typeof COLUMNS, unknown>>;

export interface LeadResult {
  lead: Lead | null;
  userErrors: UserError[];
}

function checkText(errors: UserErrors, field: string, value: string | null | undefined, required = false): string | null {
  const text = value?.trim() ?? '';
  if (!text) {
    if (required) errors.add(['input', field], 'Must not be empty.');
    return null;
  }
  if (text.length > MAX_TEXT) errors.add(['input', field], `At most ${MAX_TEXT} characters.`);
  const problem = unstorableCharacter(text);
  if (problem) errors.add(['input', field], `May not contain ${problem}.`);
  return text;
}

function checkFigures(errors: UserErrors, input: { expectedInvestment?: number | null; expectedJobs?: number | null }): void {
  if (input.expectedInvestment != null && (!Number.isFinite(input.expectedInvestment) || input.expectedInvestment < 0 || input.expectedInvestment > 1e9)) {
    errors.add(['input', 'expectedInvestment'], 'Expected investment is in 万元, from 0 to 1,000,000,000.');
  }
  if (input.expectedJobs != null && (input.expectedJobs < 0 || input.expectedJobs > 10_000_000)) {
    errors.add(['input', 'expectedJobs'], 'Expected jobs must be from 0 to 10,000,000.');
  }
}

/** A global ID's integer local id for `type`: null (with a user error) when it is not one. */
function idOf(errors: UserErrors, field: string, id: string, type: string): number | null {
  const decoded = decodeGlobalId(id);
  if (!decoded || decoded.type !== type) {
    errors.add(['input', field], `Expected the ID of a ${type}.`);
    return null;
  }
  const n = Number(decoded.localId);
  return /^\d{1,10}$/.test(decoded.localId) && n > 0 && n <= 2147483647 ? n : 0;
}

/** One entry of a lead's stage history. */
interface StageStep {
  leadId: number;
  from: LeadStage | null;
  to: LeadStage;
  reason: string | null;
}

async function stageChange(tx: SqlEntityManager, actor: Actor, { leadId, from, to, reason }: StageStep): Promise<void> {
  await runSql(
    tx,
    sql`insert into lead_stage_change (lead_id, from_stage, to_stage, actor_key_id, actor_name, reason) values (${leadId}, ${from}, ${to}, ${actor.keyId}, ${actor.name}, ${reason})`,
  );
}

/**
 * When a lead reaches LANDED (落地), its firm joins the park, in the lead's transaction. The link
 * is public directory data, audited as any link is (it names the firm and the park, never the lead).
 *
 * A firm headquartered outside Qingdao (presence OUTSIDE) that lands in a park now has a presence
 * here too: BOTH, with its version bumped and an audit entry, in the same transaction. Its
 * headquarters stay where they are.
 */
async function joinPark(tx: SqlEntityManager, actor: Actor, enterpriseId: number, parkId: number): Promise<void> {
  const inserted = await runSql(
    tx,
    sql`insert into enterprise_park (enterprise_id, park_id) values (${enterpriseId}, ${parkId}) on conflict do nothing returning 1 as x`,
  );
  const firm = toGlobalId('Enterprise', enterpriseId);
  const park = toGlobalId('Park', parkId);
  if (inserted.length) {
    await writeAudit(tx, actor, [
      { action: 'LINK', recordType: 'Enterprise', recordId: firm, changes: { parks: { before: null, after: park } } },
      { action: 'LINK', recordType: 'Park', recordId: park, changes: { enterprises: { before: null, after: firm } } },
    ]);
  }
  const arrived = await runSql(
    tx,
    sql`update ${sql.ident(tableOf(Enterprise))} set presence = ${Presence.BOTH}, version = version + 1, updated_at = now()
          where id = ${enterpriseId} and presence = ${Presence.OUTSIDE} returning id`,
  );
  if (arrived.length) {
    await writeAudit(tx, actor, [
      { action: 'UPDATE', recordType: 'Enterprise', recordId: firm, changes: { presence: { before: Presence.OUTSIDE, after: Presence.BOTH } } },
    ]);
  }
}

/** `createLead`: a firm for a park, at LEAD, in one transaction with its first history entry and note. */
export async function createLead(ctx: Context, input: CreateLeadInput): Promise<LeadResult> {
  const actor = actorOf(ctx);
  const scope = leadScopeOf(ctx.caller);
  const { result, userErrors } = await runWrite(ctx, async (tx, errors) => {
    const enterpriseId = idOf(errors, 'enterpriseId', input.enterpriseId, 'Enterprise');
    const parkId = idOf(errors, 'parkId', input.parkId, 'Park');
    const owner = checkText(errors, 'ownerName', input.ownerName);
    const nextAction = checkText(errors, 'nextAction', input.nextAction);
    const note = checkText(errors, 'note', input.note);
    checkFigures(errors, input);
    if (parkId !== null) {
      const park = await runSql(tx, sql`select 1 as x from park p where p.id = ${parkId} and ${scopeCondition(scope, sql`p.id`)}`);
      if (!park.length) errors.add(['input', 'parkId'], NO_PARK, UserErrorCode.NOT_FOUND);
    }
    if (enterpriseId !== null) {
      const firm = await runSql(tx, sql`select 1 as x from enterprise where id = ${enterpriseId}`);
      if (!firm.length) errors.add(['input', 'enterpriseId'], 'No firm has this ID.', UserErrorCode.NOT_FOUND);
    }
    abortIfErrors(errors);
    const open = await runSql<{ id: number }>(
      tx,
      sql`select id from lead where enterprise_id = ${enterpriseId} and park_id = ${parkId} and closed_at is null and stage <> 'LOST'`,
    );
    if (open.length) {
      errors.add(['input', 'enterpriseId'], 'This park already has an open lead for this firm.', UserErrorCode.DUPLICATE, {
        existingId: toGlobalId('Lead', open[0].id),
      });
      abortIfErrors(errors);
    }
    const [row] = await runSql<Row>(
      tx,
      sql`insert into lead (enterprise_id, park_id, stage, owner_name, expected_investment, expected_jobs, next_action, next_action_date,
            provenance_kind, provenance_source, provenance_note)
          values (${enterpriseId}, ${parkId}, 'LEAD', ${owner}, ${input.expectedInvestment ?? null}, ${input.expectedJobs ?? null}, ${nextAction},
            ${input.nextActionDate ?? null}, 'USER_ENTERED', ${`招商线索，由 ${actor.name} 录入 Lead entered by ${actor.name}`}, null)
          returning *`,
    );
    await stageChange(tx, actor, { leadId: row.id, from: null, to: LeadStage.LEAD, reason: null });
    if (note) await runSql(tx, sql`insert into lead_note (lead_id, body, actor_key_id, actor_name) values (${row.id}, ${note}, ${actor.keyId}, ${actor.name})`);
    const changes: FieldChanges = {
      enterprise: { before: null, after: input.enterpriseId },
      park: { before: null, after: input.parkId },
      stage: { before: null, after: LeadStage.LEAD },
    };
    for (const [field, value] of Object.entries({
      ownerName: owner,
      expectedInvestment: input.expectedInvestment,
      expectedJobs: input.expectedJobs,
      nextAction,
      nextActionDate: input.nextActionDate,
      note,
    })) {
      if (value != null) changes[field] = { before: null, after: value };
    }
    await writeAudit(tx, actor, [{ action: 'CREATE', recordType: 'Lead', recordId: toGlobalId('Lead', row.id), changes }]);
    return hydrate(tx, Lead, row);
  });
  return { lead: result, userErrors };
}

/**
 * Changes one lead: locks it (within the caller's scope), checks its version, lets `decide` work
 * out the patch (adding user errors to refuse), writes patch, version + 1 and the audit entry, in
 * one transaction. Two writers from the same version: the second waits for the first's lock,
 * then finds the new version and gets CONFLICT.
 */
async function changeLead(
  ctx: Context,
  input: { id: string; expectedVersion: number },
  decide: (row: Row, errors: UserErrors, tx: SqlEntityManager, actor: Actor, audit: FieldChanges) => Promise<Patch>,
): Promise<LeadResult> {
  const actor = actorOf(ctx);
  const scope = leadScopeOf(ctx.caller);
  const { result, userErrors } = await runWrite(ctx, async (tx, errors) => {
    const id = idOf(errors, 'id', input.id, 'Lead');
    abortIfErrors(errors);
    const [row] = await runSql<Row>(tx, sql`select * from lead l where l.id = ${id} and ${scopeCondition(scope, sql`l.park_id`)} for update`);
    if (!row) errors.add(['input', 'id'], NO_LEAD, UserErrorCode.NOT_FOUND);
    abortIfErrors(errors);
    if (row.version !== input.expectedVersion) {
      errors.add(['input', 'expectedVersion'], `The lead changed since you read it: it is at version ${row.version}.`, UserErrorCode.CONFLICT, {
        currentVersion: row.version,
      });
    }
    abortIfErrors(errors);
    const changes: FieldChanges = {};
    const patch = await decide(row, errors, tx, actor, changes);
    abortIfErrors(errors);
    const sets: SqlFragment[] = Object.entries(patch).map(([field, value]) => sql`${sql.ident(COLUMNS[field as keyof Patch])} = ${value}`);
    if (patch.stage !== undefined) sets.push(sql`stage_entered_at = now()`);
    const [updated] = await runSql<Row>(
      tx,
      sql`update lead set ${sql.join([...sets, sql`version = version + 1`, sql`updated_at = now()`, sql`last_activity_at = now()`], ', ')}
           where id = ${row.id} returning *`,
    );
    for (const field of Object.keys(patch) as Array<keyof Patch>) {
      const column = COLUMNS[field];
      if (field === 'closedAt') changes[field] = { before: row[column] ?? null, after: patch.closedAt === null ? null : updated[column] };
      else if (String(row[column] ?? '') !== String(updated[column] ?? '')) changes[field] = { before: row[column] ?? null, after: updated[column] ?? null };
    }
    await writeAudit(tx, actor, [{ action: 'UPDATE', recordType: 'Lead', recordId: toGlobalId('Lead', row.id), changes }]);
    return hydrate(tx, Lead, updated);
  });
  return { lead: result, userErrors };
}

const isClosed = (row: Row) => row.closed_at != null;

/** `moveLeadStage`: forward, or to LOST with a reason; reaching LANDED (or beyond) makes the firm join the park. */
export function moveLeadStage(ctx: Context, input: MoveLeadStageInput): Promise<LeadResult> {
  return changeLead(ctx, input, async (row, errors, tx, actor) => {
    const reason = checkText(errors, 'reason', input.reason, input.stage === LeadStage.LOST);
    if (isClosed(row)) {
      errors.add(['input', 'id'], 'The lead is closed; reopen it (reopenLead) before moving it.');
      return {};
    }
    const problem = stageMoveProblem(row.stage, input.stage);
    if (problem) {
      errors.add(['input', 'stage'], problem);
      return {};
    }
    await stageChange(tx, actor, { leadId: row.id, from: row.stage, to: input.stage, reason });
    if (input.stage === LeadStage.LOST) return { stage: LeadStage.LOST, lostFromStage: row.stage, lostReason: reason, closedAt: sql`now()` };
    if (PIPELINE.indexOf(input.stage) >= PIPELINE.indexOf(LeadStage.LANDED) && PIPELINE.indexOf(row.stage) < PIPELINE.indexOf(LeadStage.LANDED)) {
      await joinPark(tx, actor, row.enterprise_id, row.park_id);
    }
    return { stage: input.stage };
  });
}

/** `updateLead` / `assignLead`: owner, figures and next action; only the fields given change. */
export function updateLead(ctx: Context, input: Partial<UpdateLeadInput> & { id: string; expectedVersion: number }): Promise<LeadResult> {
  return changeLead(ctx, input, async (_row, errors) => {
    const patch: Patch = {};
    if (input.ownerName !== undefined) patch.ownerName = checkText(errors, 'ownerName', input.ownerName);
    if (input.nextAction !== undefined) patch.nextAction = checkText(errors, 'nextAction', input.nextAction);
    if (input.nextActionDate !== undefined) patch.nextActionDate = input.nextActionDate;
    if (input.expectedInvestment !== undefined) patch.expectedInvestment = input.expectedInvestment;
    if (input.expectedJobs !== undefined) patch.expectedJobs = input.expectedJobs;
    checkFigures(errors, input);
    if (Object.keys(patch).length === 0) errors.add(['input'], 'Give at least one field to change.');
    return patch;
  });
}

/** `addLeadNote`: appends a note; it counts as activity and bumps the version. */
export function addLeadNote(ctx: Context, input: AddLeadNoteInput): Promise<LeadResult> {
  return changeLead(ctx, input, async (row, errors, tx, actor, audit) => {
    const body = checkText(errors, 'body', input.body, true);
    if (body) audit.notes = { before: null, after: body };
    if (body) await runSql(tx, sql`insert into lead_note (lead_id, body, actor_key_id, actor_name) values (${row.id}, ${body}, ${actor.keyId}, ${actor.name})`);
    return {};
  });
}

/**
 * `closeLead`: before LANDED, closing means the lead is lost (reason required); a landed or
 * producing lead is closed as won and keeps its stage. Either way the follow-up ends.
 */
export function closeLead(ctx: Context, input: CloseLeadInput): Promise<LeadResult> {
  return changeLead(ctx, input, async (row, errors, tx, actor) => {
    if (isClosed(row)) {
      errors.add(['input', 'id'], 'The lead is already closed.');
      return {};
    }
    const won = PIPELINE.indexOf(row.stage) >= PIPELINE.indexOf(LeadStage.LANDED);
    const reason = checkText(errors, 'reason', input.reason, !won);
    if (!errors.empty) return {};
    if (won) {
      if (reason)
        await runSql(tx, sql`insert into lead_note (lead_id, body, actor_key_id, actor_name) values (${row.id}, ${reason}, ${actor.keyId}, ${actor.name})`);
      return { closedAt: sql`now()` };
    }
    await stageChange(tx, actor, { leadId: row.id, from: row.stage, to: LeadStage.LOST, reason });
    return { stage: LeadStage.LOST, lostFromStage: row.stage, lostReason: reason, closedAt: sql`now()` };
  });
}

/** `reopenLead`: a lost lead returns to the stage it was lost from; a closed one is open again. */
export function reopenLead(ctx: Context, input: CloseLeadInput): Promise<LeadResult> {
  return changeLead(ctx, input, async (row, errors, tx, actor) => {
    const reason = checkText(errors, 'reason', input.reason);
    if (!isClosed(row) && row.stage !== LeadStage.LOST) {
      errors.add(['input', 'id'], 'The lead is open; only a closed or lost lead can be reopened.');
      return {};
    }
    if (row.stage !== LeadStage.LOST) return { closedAt: null };
    const back = (row.lost_from_stage as LeadStage | null) ?? LeadStage.LEAD;
    const clash = await runSql(
      tx,
      sql`select 1 as x from lead where enterprise_id = ${row.enterprise_id} and park_id = ${row.park_id} and id <> ${row.id} and closed_at is null and stage <> 'LOST'`,
    );
    if (clash.length) {
      errors.add(
        ['input', 'id'],
        `Another open lead of this park already follows this firm; it cannot be reopened at ${STAGE_ZH[back]}.`,
        UserErrorCode.DUPLICATE,
      );
      return {};
    }
    await stageChange(tx, actor, { leadId: row.id, from: LeadStage.LOST, to: back, reason });
    return { stage: back, lostFromStage: null, lostReason: null, closedAt: null };
  });
}
