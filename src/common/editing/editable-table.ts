import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { FieldChanges } from './audit';
import type { UserErrors } from './user-error';

/** Column values of one row, by column or by GraphQL field name. */
export type Values = Record<string, unknown>;

/** A table that mutations write: its global-ID type and the fields a client may set. */
export interface EditableTable {
  type: string;
  table: string;
  /** GraphQL field names; the column is the snake_case form (nameZh → name_zh). */
  fields: readonly string[];
  /** Builds the row's columns from cleaned field values, when more than snake_casing is needed. */
  toRow?(values: Values): Values;
  /** Set when the table carries search columns: whether it has an `aliases` column too. */
  searchable?: { aliases: boolean };
}

/** Records that depend on one about to be deleted, by relation, for the HAS_DEPENDANTS message. */
export interface Dependants {
  relation: string;
  count: number;
  /** A few names, enough for a person to recognise them. */
  names: string[];
}

/**
 * What a module tells the generic editor about one entity, besides its name and table (which
 * its descriptor supplies): the fields a client may set, how to validate its inputs, what to
 * write besides its row on creation (relations), and what depends on it.
 */
export interface EditingRules<_T extends object, C, U> {
  fields: readonly string[];
  toRow?(values: Values): Values;
  /** Cleaned column values of a create input (errors go to `errors`, with field paths). */
  validateCreate(tx: SqlEntityManager, input: C, errors: UserErrors): Promise<Values>;
  /** Cleaned values of an update input; only the fields the client sent. */
  validateUpdate(tx: SqlEntityManager, input: U, id: number, errors: UserErrors): Promise<Values>;
  /** Writes relations given in a create input; returns them for the audit entry. */
  afterCreate?(tx: SqlEntityManager, id: number, input: C, errors: UserErrors): Promise<FieldChanges>;
  dependants?(tx: SqlEntityManager, id: number): Promise<Dependants[]>;
  /**
   * Rows the record owns that its delete removes by cascade (value objects, e.g. a facility's
   * capacities), as they were: they go into the DELETE audit entry.
   */
  ownedRows?(tx: SqlEntityManager, id: number): Promise<FieldChanges>;
  /** Unlinks the dependants (delete with detach: true); returns what was unlinked, for the audit. */
  detach?(tx: SqlEntityManager, id: number): Promise<FieldChanges>;
}

/** Rules plus the type, table and entity class: what the generic editor runs. */
export interface EditingSpec<T extends object, C, U> extends EditableTable, EditingRules<T, C, U> {
  entity: EntityClass<T>;
}

/** The column of a GraphQL field: its snake_case form. */
export function column(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
