import type { EntityClass } from '@mikro-orm/core';
import { EditingRules, linkOnCreate, namedDependants } from '../../common/editing/entity-editing';
import { tableOf } from '../../common/entity-type';
import { runSql, sql } from '../../common/sql';
// eslint-disable-next-line import-x/no-restricted-paths -- deleting a park detaches the records in these higher modules' tables, whose names come from their entities
import { ComputeCenter } from '../compute-center/compute-center.entity';
// eslint-disable-next-line import-x/no-restricted-paths -- deleting a park detaches the records in these higher modules' tables, whose names come from their entities
import { Enterprise } from '../enterprise/enterprise.entity';
// eslint-disable-next-line import-x/no-restricted-paths -- deleting a park detaches the records in these higher modules' tables, whose names come from their entities
import { InnovationPlatform } from '../platform/platform.entity';
// eslint-disable-next-line import-x/no-restricted-paths -- deleting a park detaches the records in these higher modules' tables, whose names come from their entities
import { Scenario } from '../scenario/scenario.entity';
import { Values } from '../../common/editing/record-writer';
import { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { toGlobalId } from '../../common/global-id';
import type { FieldChanges } from '../../common/editing/audit';
import { Park } from './park.entity';
import type { GeoPointInput } from '../../common/geo-point.inputs';
import type { CreateParkInput, UpdateParkInput } from './park.inputs';
import { Sector } from '../sector/sector.entity';

/**
 * The coordinates as sent: `location` (typed Latitude/Longitude, both or neither) or the
 * deprecated Float fields `latitude`/`longitude`, never both ways in one input.
 */
function coordinatesOf(input: { latitude?: number | null; longitude?: number | null; location?: GeoPointInput | null }, errors: UserErrors) {
  if (input.location === undefined) {
    return { latitude: input.latitude, longitude: input.longitude, latitudePath: ['input', 'latitude'], longitudePath: ['input', 'longitude'] };
  }
  if (input.latitude !== undefined || input.longitude !== undefined) {
    errors.add(['input', 'location'], 'Send the coordinates as location only; latitude and longitude are its deprecated predecessors.');
  }
  const point = input.location;
  return {
    latitude: point?.latitude ?? null,
    longitude: point?.longitude ?? null,
    latitudePath: ['input', 'location', 'latitude'],
    longitudePath: ['input', 'location', 'longitude'],
  };
}

function cleanPark(input: { [K in keyof CreateParkInput]?: CreateParkInput[K] | null }, errors: UserErrors): Values {
  const at = (f: string) => ['input', f];
  const point = coordinatesOf(input, errors);
  const required = (f: 'role') => (input[f] === null ? (errors.add(at(f), `${f} cannot be cleared.`), undefined) : input[f]);
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    aliases: check.aliasList(input.aliases, at('aliases'), errors),
    district: check.requiredName(input.district, at('district'), errors),
    role: required('role'),
    latitude: check.coordinate(point.latitude, 'latitude', point.latitudePath, errors),
    longitude: check.coordinate(point.longitude, 'longitude', point.longitudePath, errors),
    foundedYear: check.year(input.foundedYear, at('foundedYear'), errors),
    description: check.optionalText(input.description, at('description'), errors),
  };
}

export const parkEditing: EditingRules<Park, CreateParkInput, UpdateParkInput> = {
  fields: ['nameZh', 'nameEn', 'aliases', 'district', 'role', 'latitude', 'longitude', 'foundedYear', 'description'],
  validateCreate: async (_tx, input, errors) => cleanPark(input, errors),
  validateUpdate: async (_tx, input, _id, errors) => cleanPark(input, errors),
  afterCreate: (tx, id, input, errors) =>
    linkOnCreate(
      tx,
      { pivot: 'park_focus_sector', ownColumn: 'park_id', otherColumn: 'sector_code', other: Sector, field: 'focusSectors', codes: true },
      id,
      input.focusSectors,
      errors,
    ),
  dependants: (tx, id) => {
    const [firms, platforms, scenarios, centres] = [Enterprise, InnovationPlatform, Scenario, ComputeCenter].map((e) => sql.ident(tableOf(e)));
    return Promise.all([
      namedDependants(tx, 'firms 入驻企业', sql`select e.name_zh from enterprise_park ep join ${firms} e on e.id = ep.enterprise_id where ep.park_id = ${id}`),
      namedDependants(tx, 'platforms 创新平台', sql`select name_zh from ${platforms} where park_id = ${id}`),
      namedDependants(tx, 'scenarios 应用场景', sql`select name_zh from ${scenarios} where park_id = ${id}`),
      namedDependants(tx, 'compute centres 算力中心', sql`select name_zh from ${centres} where park_id = ${id}`),
    ]);
  },
  async detach(tx, id) {
    const changes: FieldChanges = {};
    const unlink = (entity: EntityClass<object>) => sql`update ${sql.ident(tableOf(entity))} set park_id = null where park_id = ${id} returning id as other`;
    for (const [field, query, type] of [
      ['enterprises', sql`delete from enterprise_park where park_id = ${id} returning enterprise_id as other`, Enterprise.name],
      ['platforms', unlink(InnovationPlatform), InnovationPlatform.name],
      ['scenarios', unlink(Scenario), Scenario.name],
      ['computeCenters', unlink(ComputeCenter), ComputeCenter.name],
    ] as const) {
      const rows = await runSql<{ other: number }>(tx, query);
      if (rows.length) changes[field] = { before: rows.map((r) => toGlobalId(type, r.other)), after: null };
    }
    return changes;
  },
};
