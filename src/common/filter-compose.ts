import type { Knex } from '@mikro-orm/postgresql';
import { BadUserInputError } from './errors';
import { filterValues } from './filters';
import type { ProvenanceKind } from './provenance';

/** Deepest nesting of AND/OR/NOT a filter may have; the top-level filter is level 1. */
export const MAX_FILTER_DEPTH = 5;

/**
 * The boolean operators every entity filter has besides its own fields: `and`, `or`, `not`, and
 * their deprecated upper-case spellings from 0.1.0, which work the same way. When a filter uses
 * both spellings, each is one more condition that holds (they are never merged into one list).
 */
export interface Composable<F> {
  and?: F[] | null;
  or?: F[] | null;
  not?: F | null;
  AND?: F[] | null;
  OR?: F[] | null;
  NOT?: F | null;
}

/** Adds a filter's own fields (not AND/OR/NOT) to a query. */
export type LeafCompiler<F> = (qb: Knex.QueryBuilder, knex: Knex, filter: F) => void;

/**
 * Compiles a composable filter: the filter's own fields, its `AND` list, its `OR` list and its
 * `NOT` all hold together. Each group is wrapped in parentheses and starts with `true`, so an
 * empty filter `{}` means "everything" wherever it appears (also inside OR and NOT). Nesting
 * deeper than {@link MAX_FILTER_DEPTH} levels, or an AND/OR list of more than 100 filters, is
 * BAD_USER_INPUT.
 */
export function applyComposed<F extends Composable<F>>(
  qb: Knex.QueryBuilder,
  knex: Knex,
  filter: F,
  leaf: LeafCompiler<F>,
  at = { path: 'filter', depth: 1 },
): void {
  const { path, depth } = at;
  if (depth > MAX_FILTER_DEPTH) {
    throw new BadUserInputError(`Filter "${path}" is nested ${depth} levels deep; at most ${MAX_FILTER_DEPTH} are allowed.`, { field: path });
  }
  leaf(qb, knex, filter);
  for (const [name, list] of [
    ['and', filter.and],
    ['AND', filter.AND],
  ] as const) {
    const ands = filterValues(list, `${path}.${name}`);
    for (const [i, sub] of (ands ?? []).entries()) {
      qb.where(function group(this: Knex.QueryBuilder) {
        this.whereRaw('true');
        applyComposed(this, knex, sub, leaf, { path: `${path}.${name}[${i}]`, depth: depth + 1 });
      });
    }
  }
  for (const [name, list] of [
    ['or', filter.or],
    ['OR', filter.OR],
  ] as const) {
    const ors = filterValues(list, `${path}.${name}`);
    if (!ors) continue;
    qb.where(function anyOf(this: Knex.QueryBuilder) {
      for (const [i, sub] of ors.entries()) {
        this.orWhere(function group(this: Knex.QueryBuilder) {
          this.whereRaw('true');
          applyComposed(this, knex, sub, leaf, { path: `${path}.${name}[${i}]`, depth: depth + 1 });
        });
      }
    });
  }
  for (const [name, sub] of [
    ['not', filter.not],
    ['NOT', filter.NOT],
  ] as const) {
    if (!sub) continue;
    qb.whereNot(function group(this: Knex.QueryBuilder) {
      this.whereRaw('true');
      applyComposed(this, knex, sub, leaf, { path: `${path}.${name}`, depth: depth + 1 });
    });
  }
}

/** What {@link withSharedFields} reads from every directory filter. */
export interface SharedFilterValue {
  provenanceKinds?: readonly ProvenanceKind[] | null;
}

/**
 * Keeps rows whose provenance kind is one of `kinds` (all rows when the list is absent or empty).
 * `alias` is the table alias of the rows: its `provenance_kind` column is compared.
 */
export function applyProvenanceKinds(
  qb: Knex.QueryBuilder,
  alias: string,
  kinds: readonly ProvenanceKind[] | null | undefined,
  field = 'provenanceKinds',
): void {
  const values = filterValues(kinds, field);
  if (values) qb.whereIn(`${alias}.provenance_kind`, values);
}

/**
 * A leaf compiler that also applies the fields every directory filter shares
 * ({@link SharedFilterValue}) to the rows of `alias`, then the entity's own fields.
 */
export function withSharedFields<F extends SharedFilterValue>(alias: string, leaf: LeafCompiler<F>): LeafCompiler<F> {
  return (qb, knex, filter) => {
    applyProvenanceKinds(qb, alias, filter.provenanceKinds);
    leaf(qb, knex, filter);
  };
}

/** An inclusive integer range; either end may be open. */
export interface IntRangeValue {
  from?: number | null;
  to?: number | null;
}

/**
 * Adds `column between from and to` (open ends allowed). A null value never matches a range,
 * and the `is not null` test makes NOT of a range its exact complement (unknown years included).
 */
export function applyIntRange(qb: Knex.QueryBuilder, column: string, range: IntRangeValue | null | undefined, field: string): void {
  if (!range) return;
  const from = range.from ?? null;
  const to = range.to ?? null;
  if (from !== null && to !== null && from > to) {
    throw new BadUserInputError(`Range "${field}" has from ${from} greater than to ${to}.`, { field });
  }
  qb.whereNotNull(column);
  if (from !== null) qb.where(column, '>=', from);
  if (to !== null) qb.where(column, '<=', to);
}

export const MAX_RADIUS_KM = 500;
/** Mean Earth radius (IUGG), in km. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface GeoRadiusValue {
  latitude: number;
  longitude: number;
  radiusKm: number;
}

/**
 * Adds "within `radiusKm` of the point" by great-circle (haversine) distance over the latitude
 * and longitude columns. Rows without coordinates never match. Latitude outside -90..90,
 * longitude outside -180..180 or a radius outside 0..500 km is BAD_USER_INPUT.
 */
export function applyGeoRadius(qb: Knex.QueryBuilder, latColumn: string, lonColumn: string, near: GeoRadiusValue | null | undefined, field: string): void {
  if (!near) return;
  const { latitude, longitude, radiusKm } = near;
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw new BadUserInputError(`"${field}.latitude" must be between -90 and 90, got ${latitude}.`, { field: `${field}.latitude` });
  }
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw new BadUserInputError(`"${field}.longitude" must be between -180 and 180, got ${longitude}.`, { field: `${field}.longitude` });
  }
  if (!Number.isFinite(radiusKm) || radiusKm < 0 || radiusKm > MAX_RADIUS_KM) {
    throw new BadUserInputError(`"${field}.radiusKm" must be between 0 and ${MAX_RADIUS_KM}, got ${radiusKm}.`, { field: `${field}.radiusKm` });
  }
  qb.whereNotNull(latColumn).whereNotNull(lonColumn);
  qb.whereRaw(`${greatCircleKm(latColumn, lonColumn)} <= ?`, [latitude, latitude, longitude, radiusKm]);
}

/** SQL haversine distance in km from (?, lon ?) — bindings: latitude, latitude, longitude. */
export function greatCircleKm(latColumn: string, lonColumn: string): string {
  return (
    `(${2 * EARTH_RADIUS_KM} * asin(least(1.0, sqrt(` +
    `power(sin(radians(${latColumn} - ?) / 2), 2) + ` +
    `cos(radians(?)) * cos(radians(${latColumn})) * power(sin(radians(${lonColumn} - ?) / 2), 2)))))`
  );
}

/** The same great-circle distance in JavaScript, for tests and callers that compute it client-side. */
export function greatCircleDistanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
