import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { FieldChanges } from '../../common/editing/audit';
import { EditingRules, linkOnCreate, localIdOf, namedDependants } from '../../common/editing/entity-editing';
import { tableOf } from '../../common/entity-type';
import { runSql, sql } from '../../common/sql';
// eslint-disable-next-line import-x/no-restricted-paths -- deleting a firm detaches the links kept in these higher modules' tables, whose names come from their entities
import { LargeModel } from '../large-model/large-model.entity';
// eslint-disable-next-line import-x/no-restricted-paths -- deleting a firm detaches the links kept in these higher modules' tables, whose names come from their entities
import { InnovationPlatform } from '../platform/platform.entity';
// eslint-disable-next-line import-x/no-restricted-paths -- deleting a firm detaches the links kept in these higher modules' tables, whose names come from their entities
import { Scenario } from '../scenario/scenario.entity';
// eslint-disable-next-line import-x/no-restricted-paths -- deleting a firm detaches the links kept in these higher modules' tables, whose names come from their entities
import { ComputeVoucherGrant } from '../voucher-grant/voucher-grant.entity';
import { column, Values } from '../../common/editing/record-writer';
import type { RelationSpec } from '../../common/editing/relation-writer';
import { UserErrorCode, UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { toGlobalId } from '../../common/global-id';
import { Enterprise } from './enterprise.entity';
import { lookupCity, QINGDAO } from '../../common/vocabulary/cities';
import { Presence } from '../../common/vocabulary/presence.enum';
import type { CreateEnterpriseInput, UpdateEnterpriseInput } from './enterprise.inputs';
import { Park } from '../park/park.entity';
import { Sector } from '../sector/sector.entity';
import { CHAIN_LINK_TABLE, linkableChainNodeIds } from '../chain-node/chain-node.service';

export const ENTERPRISE_FIELDS = [
  'nameZh',
  'nameEn',
  'aliases',
  'creditCode',
  'layer',
  'foundedYear',
  'website',
  'summary',
  'headquartersCity',
  'headquartersProvince',
  'presence',
] as const;

type EnterpriseFields = Partial<Record<(typeof ENTERPRISE_FIELDS)[number], unknown>>;

/**
 * Cleans the scalar fields of a firm as the mutations and the importer receive them. `path`
 * prefixes every error's field path (["input"] for mutations). Fields that are undefined stay so.
 */
export function cleanEnterpriseFields(input: EnterpriseFields, errors: UserErrors, path: string[] = ['input']): Values {
  const at = (f: string) => [...path, f];
  return {
    nameZh: check.requiredName(input.nameZh as string | null | undefined, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn as string | null | undefined, at('nameEn'), errors, 300),
    aliases: check.aliasList(input.aliases as string[] | null | undefined, at('aliases'), errors),
    creditCode: check.creditCode(input.creditCode as string | null | undefined, at('creditCode'), errors),
    layer: input.layer === null ? (errors.add(at('layer'), 'The chain layer cannot be cleared.'), undefined) : input.layer,
    foundedYear: check.year(input.foundedYear as number | null | undefined, at('foundedYear'), errors),
    website: check.url(input.website as string | null | undefined, at('website'), errors),
    summary: check.optionalText(input.summary as string | null | undefined, at('summary'), errors),
    ...cleanLocation(input, errors, path),
  };
}

/**
 * The headquarters city (any spelling Query.cities lists) becomes the city's Chinese name and its
 * province; presence must agree with it: LOCAL with 青岛市, OUTSIDE and BOTH with any other city.
 * `stored` is the firm's current location when only one of the two is sent.
 */
export function cleanLocation(
  input: EnterpriseFields,
  errors: UserErrors,
  path: string[] = ['input'],
  stored: { city: string; presence: Presence } = { city: QINGDAO, presence: Presence.LOCAL },
): Values {
  const out: Values = {};
  const before = errors.list.length;
  let city = stored.city;
  if (input.headquartersCity === null) errors.add([...path, 'headquartersCity'], 'The headquarters city cannot be cleared.');
  else if (input.headquartersCity !== undefined) {
    const found = lookupCity(String(input.headquartersCity));
    if ('error' in found) errors.add([...path, 'headquartersCity'], found.error);
    else {
      city = found.city.nameZh;
      out.headquartersCity = city;
      out.headquartersProvince = found.city.province;
    }
  }
  let presence = stored.presence;
  if (input.presence === null) errors.add([...path, 'presence'], 'The presence cannot be cleared.');
  else if (input.presence !== undefined) presence = out.presence = input.presence as Presence;
  if (
    errors.list.length === before &&
    (input.headquartersCity !== undefined || input.presence !== undefined) &&
    (presence === Presence.LOCAL) !== (city === QINGDAO)
  ) {
    errors.add(
      [...path, input.presence !== undefined ? 'presence' : 'headquartersCity'],
      presence === Presence.LOCAL
        ? `A LOCAL firm is headquartered in ${QINGDAO}, not ${city}; use OUTSIDE or BOTH for a firm headquartered elsewhere.`
        : `A firm headquartered in ${QINGDAO} is LOCAL, not ${presence}; give the headquarters city of a firm from outside.`,
    );
  }
  return out;
}

/**
 * The website as sent: `websiteUrl` (typed URL, parsed by the scalar) or the deprecated String
 * `website`, never both. Either way the same rule applies: an http(s) address with a host name.
 */
function withWebsite<I extends EnterpriseFields & { websiteUrl?: URL | null }>(input: I, errors: UserErrors): EnterpriseFields {
  if (input.websiteUrl === undefined) return input;
  if (input.website !== undefined) {
    errors.add(['input', 'websiteUrl'], 'Send the website as websiteUrl only; website is its deprecated predecessor.');
  }
  const website = input.websiteUrl === null ? null : check.url(input.websiteUrl.toString(), ['input', 'websiteUrl'], errors);
  return { ...input, website };
}

/** A credit code held by another firm is a DUPLICATE user error naming that firm. */
async function requireUniqueCreditCode(tx: SqlEntityManager, code: unknown, selfId: number | null, errors: UserErrors): Promise<void> {
  if (typeof code !== 'string') return;
  const rows = (await tx.execute('select id, name_zh from enterprise where credit_code = ? and id <> ?', [code, selfId ?? -1])) as Array<{
    id: number;
    name_zh: string;
  }>;
  if (rows.length) {
    errors.add(
      ['input', 'creditCode'],
      `The credit code ${code} already belongs to “${rows[0].name_zh}”; a code identifies one firm.`,
      UserErrorCode.DUPLICATE,
      {
        existingId: toGlobalId('Enterprise', rows[0].id),
      },
    );
  }
}

async function storedLocation(tx: SqlEntityManager, id: number): Promise<{ city: string; presence: Presence }> {
  const [row] = await runSql<{ city: string; presence: Presence }>(
    tx,
    sql`select headquarters_city as city, presence from ${sql.ident(tableOf(Enterprise))} where id = ${id}`,
  );
  return row ?? { city: QINGDAO, presence: Presence.LOCAL };
}

export const enterpriseEditing: EditingRules<Enterprise, CreateEnterpriseInput, UpdateEnterpriseInput> = {
  fields: ENTERPRISE_FIELDS,
  toRow: (values) => enterpriseRow(values),

  async validateCreate(tx, input, errors) {
    const values = cleanEnterpriseFields(withWebsite(input, errors), errors);
    await requireUniqueCreditCode(tx, values.creditCode, null, errors);
    (input.parkIds ?? []).forEach((id, i) => localIdOf(id, 'Park', ['input', 'parkIds', String(i)], errors));
    return values;
  },

  async validateUpdate(tx, input, id, errors) {
    const stored = await storedLocation(tx, id);
    const values = {
      ...cleanEnterpriseFields({ ...withWebsite(input, errors), headquartersCity: undefined, presence: undefined }, errors),
      ...cleanLocation(input, errors, ['input'], stored),
    };
    await requireUniqueCreditCode(tx, values.creditCode, id, errors);
    return values;
  },

  async afterCreate(tx, id, input, errors) {
    return {
      ...(await linkOnCreate(
        tx,
        { pivot: 'enterprise_sector', ownColumn: 'enterprise_id', otherColumn: 'sector_code', other: Sector, field: 'sectors', codes: true },
        id,
        input.sectors,
        errors,
      )),
      ...(await linkOnCreate(
        tx,
        { pivot: 'enterprise_park', ownColumn: 'enterprise_id', otherColumn: 'park_id', other: Park, field: 'parkIds' },
        id,
        input.parkIds,
        errors,
      )),
      ...(await linkChainNodesOnCreate(tx, id, input.chainNodeIds, errors)),
    };
  },

  async dependants(tx, id) {
    const [platforms, scenarios, models] = [InnovationPlatform, Scenario, LargeModel].map((e) => sql.ident(tableOf(e)));
    return Promise.all([
      namedDependants(
        tx,
        'hosted platforms 承载平台',
        sql`select p.name_zh from platform_host h join ${platforms} p on p.id = h.platform_id where h.enterprise_id = ${id}`,
      ),
      namedDependants(
        tx,
        'provided scenarios 应用场景',
        sql`select s.name_zh from scenario_provider sp join ${scenarios} s on s.id = sp.scenario_id where sp.enterprise_id = ${id}`,
      ),
      namedDependants(
        tx,
        'developed large models 大模型',
        sql`select m.name_zh from large_model_developer d join ${models} m on m.id = d.large_model_id where d.enterprise_id = ${id}`,
      ),
      // The national-task module sits above this one; its tables are named as its migration names them.
      namedDependants(
        tx,
        'national tasks won 揭榜任务',
        sql`select t.name_zh from national_task_enterprise_winner w join national_innovation_task t on t.id = w.task_id where w.enterprise_id = ${id}`,
      ),
      // A grant cannot outlive its firm: detaching deletes it (its ID goes into the firm's audit entry).
      namedDependants(
        tx,
        'compute voucher grants 算力券发放记录',
        sql`select g.amount_yuan::text || '元' as name_zh from ${sql.ident(tableOf(ComputeVoucherGrant))} g where g.enterprise_id = ${id}`,
      ),
    ]);
  },

  async detach(tx, id) {
    const changes: FieldChanges = {};
    for (const [field, query, type] of [
      ['platforms', sql`delete from platform_host where enterprise_id = ${id} returning platform_id as other`, InnovationPlatform.name],
      ['scenarios', sql`delete from scenario_provider where enterprise_id = ${id} returning scenario_id as other`, Scenario.name],
      ['largeModels', sql`delete from large_model_developer where enterprise_id = ${id} returning large_model_id as other`, LargeModel.name],
      ['nationalTasks', sql`delete from national_task_enterprise_winner where enterprise_id = ${id} returning task_id as other`, 'NationalInnovationTask'],
      [
        'computeVoucherGrants',
        sql`delete from ${sql.ident(tableOf(ComputeVoucherGrant))} where enterprise_id = ${id} returning id as other`,
        ComputeVoucherGrant.name,
      ],
    ] as const) {
      const rows = await runSql<{ other: number }>(tx, query);
      if (rows.length) changes[field] = { before: rows.map((r) => toGlobalId(type, r.other)), after: null };
    }
    return changes;
  },
};

/** Links a new firm to the chain nodes of its input, each checked (exists, not retired); returns the audit change. */
async function linkChainNodesOnCreate(tx: SqlEntityManager, id: number, given: string[] | null | undefined, errors: UserErrors): Promise<FieldChanges> {
  const nodeIds = await linkableChainNodeIds(tx, given, ['input', 'chainNodeIds'], errors);
  if (!errors.empty || !nodeIds.length) return {};
  await runSql(
    tx,
    sql`insert into ${sql.ident(CHAIN_LINK_TABLE)} (enterprise_id, chain_node_id) select ${id}, unnest(${sql.array(nodeIds, 'int')}) on conflict do nothing`,
  );
  return { chainNodes: { before: null, after: nodeIds.map((n) => toGlobalId('ChainNode', n)) } };
}

export const enterpriseRelations = {
  park: {
    name: 'parks',
    inverseName: 'enterprises',
    pivot: 'enterprise_park',
    left: { type: 'Enterprise', table: 'enterprise', key: 'id', pivotColumn: 'enterprise_id', field: 'enterpriseId' },
    right: { type: 'Park', table: 'park', key: 'id', pivotColumn: 'park_id', field: 'parkId' },
  },
  sector: {
    name: 'sectors',
    inverseName: 'enterprises',
    pivot: 'enterprise_sector',
    left: { type: 'Enterprise', table: 'enterprise', key: 'id', pivotColumn: 'enterprise_id', field: 'enterpriseId' },
    right: { type: 'Sector', table: 'sector', key: 'code', pivotColumn: 'sector_code', field: 'sector' },
  },
  scenarioProvider: {
    name: 'providers',
    inverseName: 'scenarios',
    pivot: 'scenario_provider',
    left: { type: 'Scenario', table: 'scenario', key: 'id', pivotColumn: 'scenario_id', field: 'scenarioId' },
    right: { type: 'Enterprise', table: 'enterprise', key: 'id', pivotColumn: 'enterprise_id', field: 'enterpriseId' },
  },
  chainNode: {
    name: 'chainNodes',
    inverseName: 'enterprises',
    pivot: CHAIN_LINK_TABLE,
    left: { type: 'Enterprise', table: 'enterprise', key: 'id', pivotColumn: 'enterprise_id', field: 'enterpriseId' },
    right: { type: 'ChainNode', table: 'chain_node', key: 'id', pivotColumn: 'chain_node_id', field: 'chainNodeId' },
  },
  platformHost: {
    name: 'hosts',
    inverseName: 'platforms',
    pivot: 'platform_host',
    left: { type: 'InnovationPlatform', table: 'innovation_platform', key: 'id', pivotColumn: 'platform_id', field: 'platformId' },
    right: { type: 'Enterprise', table: 'enterprise', key: 'id', pivotColumn: 'enterprise_id', field: 'enterpriseId' },
  },
} satisfies Record<string, RelationSpec>;

/**
 * The one place an enterprise row's columns are built from cleaned field values; mutations and
 * the bulk importer both use it. Derived columns (search text, pinyin order) are not built here:
 * both writers fill them after writing, with refreshSearchColumns (src/common/search-columns.ts).
 */
export function enterpriseRow(values: Values): Values {
  const row: Values = {};
  for (const f of ENTERPRISE_FIELDS) if (values[f] !== undefined) row[column(f)] = values[f];
  return row;
}
