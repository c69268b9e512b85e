import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { localIdOf, RecordPayload } from '../../common/editing/entity-editing';
import { bumpVersion, lockAtVersion, sameValue, selectRow } from '../../common/editing/record-writer';
import { UserErrorCode, UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { abortIfErrors, actorOf, runWrite } from '../../common/editing/write-transaction';
import { today } from '../../common/editing/write-provenance';
import { editingOf } from '../../common/entity-type';
import { ProvenanceKind } from '../../common/provenance';
import { runSql, sql } from '../../common/sql';
import { computeCenterType } from './compute-center.descriptor';
import { capacityRows } from './compute-center.editing';
import { ComputeCenter } from './compute-center.entity';
import type { RemoveComputeCapacityInput, SetComputeCapacityInput } from './compute-center.inputs';
import { COMPUTE_CAPACITY_TABLE } from './compute-capacity.types';

/** Largest figure one capacity takes, in PFLOPS (10万P): beyond it a typo is likelier than a real facility. */
export const MAX_PFLOPS = 100_000;

const at = (f: string) => ['input', f];

/** A capacity in PFLOPS: finite, 0 or more, at most {@link MAX_PFLOPS}. */
export function pflops(value: number, path: string[], errors: UserErrors): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    errors.add(path, `A capacity in PFLOPS of 0 or more is expected, got ${value}.`);
    return undefined;
  }
  if (value > MAX_PFLOPS) {
    errors.add(path, `A capacity of at most ${MAX_PFLOPS} PFLOPS (10万P) is expected, got ${value}; check the unit (P, not T).`);
    return undefined;
  }
  return value;
}

/** The facility after a capacity write, read in the transaction. */
async function readCenter(tx: SqlEntityManager, id: number): Promise<ComputeCenter> {
  const row = await selectRow(tx, computeCenterType.table, id);
  return tx.map(ComputeCenter, row as never);
}

/**
 * Sets a facility's capacity of one kind, replacing every figure of that kind, with its own
 * provenance (USER_ENTERED, the cited source, dated today). The facility must still be at
 * `expectedVersion` (else CONFLICT); its version goes up and one UPDATE audit entry records the
 * figure before and after. A figure identical to the one recorded writes nothing.
 */
export async function setComputeCapacity(ctx: Context, input: SetComputeCapacityInput): Promise<RecordPayload<ComputeCenter>> {
  const spec = editingOf(computeCenterType);
  const actor = actorOf(ctx);
  const { result, userErrors } = await runWrite(ctx, async (tx, errors) => {
    const id = localIdOf(input.computeCenterId, spec.type, at('computeCenterId'), errors);
    const value = pflops(input.capacityPflops, at('capacityPflops'), errors);
    const source = check.optionalText(input.source, at('source'), errors, 500);
    if (source === null) errors.add(at('source'), 'A source is required: the title of the document or page that states the figure.');
    const url = input.sourceUrl === undefined || input.sourceUrl === null ? null : check.url(input.sourceUrl.toString(), at('sourceUrl'), errors);
    const note = check.optionalText(input.note, at('note'), errors, 1000);
    abortIfErrors(errors);
    await lockAtVersion(tx, spec, { id: id!, expectedVersion: input.expectedVersion, values: {}, actor, errors, idPath: at('computeCenterId') });

    const before = await capacityRows(tx, id!, input.kind);
    const after = {
      kind: input.kind,
      capacityPflops: value!,
      provenanceKind: ProvenanceKind.USER_ENTERED,
      source: source!,
      url: url ?? null,
      note: note ?? null,
    };
    const unchanged = before.length === 1 && (Object.keys(after) as Array<keyof typeof after>).every((k) => sameValue(before[0][k], after[k]));
    if (unchanged) return readCenter(tx, id!);

    await runSql(tx, sql`delete from ${sql.ident(COMPUTE_CAPACITY_TABLE)} where compute_center_id = ${id!} and kind = ${input.kind}`);
    await runSql(
      tx,
      sql`insert into ${sql.ident(COMPUTE_CAPACITY_TABLE)}
            (compute_center_id, kind, capacity_pflops, provenance_kind, provenance_source, provenance_url, provenance_verified_at, provenance_note)
          values (${id!}, ${input.kind}, ${value!}, ${after.provenanceKind}, ${after.source}, ${after.url}, ${today()}, ${after.note})`,
    );
    await bumpVersion(tx, spec, id!, actor, { capacities: { before: before.length ? before : null, after: [after] } });
    return readCenter(tx, id!);
  });
  return { record: result, userErrors };
}

/** Removes a facility's figures of one kind (NOT_FOUND when it has none), at `expectedVersion`, audited. */
export async function removeComputeCapacity(ctx: Context, input: RemoveComputeCapacityInput): Promise<RecordPayload<ComputeCenter>> {
  const spec = editingOf(computeCenterType);
  const actor = actorOf(ctx);
  const { result, userErrors } = await runWrite(ctx, async (tx, errors) => {
    const id = localIdOf(input.computeCenterId, spec.type, at('computeCenterId'), errors);
    abortIfErrors(errors);
    await lockAtVersion(tx, spec, { id: id!, expectedVersion: input.expectedVersion, values: {}, actor, errors, idPath: at('computeCenterId') });
    const before = await capacityRows(tx, id!, input.kind);
    if (!before.length) {
      errors.add(at('kind'), `The facility states no capacity of kind ${input.kind}; nothing to remove.`, UserErrorCode.NOT_FOUND);
      abortIfErrors(errors);
    }
    await runSql(tx, sql`delete from ${sql.ident(COMPUTE_CAPACITY_TABLE)} where compute_center_id = ${id!} and kind = ${input.kind}`);
    await bumpVersion(tx, spec, id!, actor, { capacities: { before, after: null } });
    return readCenter(tx, id!);
  });
  return { record: result, userErrors };
}
