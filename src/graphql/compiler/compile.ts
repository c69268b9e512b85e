import type { Knex } from '@mikro-orm/postgresql';
import type { EntityMetadata, MetadataStorage } from '@mikro-orm/core';
import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLEnumType,
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLList,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLSkipDirective,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getDirectiveValues } from 'graphql/execution/values';
import { decodeGlobalId, globalIdSql } from '../../common/global-id';
import type { OrderTerm, Ordering } from '../../common/relay/connection-query';
import { decodeCursor } from '../../common/relay/pagination';
import { toPage, Page } from '../../common/relay/pagination';
import { MAX_NODES } from '../../modules/node/node.service';
import { ConnectionField, COVERED_TYPES, CoveredType, NODE_TYPES_COMPILED, ROOT_CONNECTIONS } from './registry';
import { built, Fragment, join, raw, sql } from './sql-fragment';

/**
 * Something the compiler does not cover; the field (or the operation) runs on the resolvers.
 * `stable` when the reason lies in the document alone (the same document will never compile),
 * not in the variables' values.
 */
export class NotCovered extends Error {
  constructor(
    message: string,
    readonly stable: boolean,
  ) {
    super(message);
  }
}

const INT4_MAX = 2147483647;

/** Everything one rendering needs. */
export interface RenderInput {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  knex: Knex;
  metadata: MetadataStorage;
}

/** The SQL of one root field: its JSON (`j`) and the provenance keys of the records it shows (`p`). */
export interface RootPart {
  key: string;
  lateral: Fragment;
}

interface Built {
  /** An SQL expression of the object's (or list's) JSON. */
  json: Fragment;
  /** SQL expressions of comma-separated provenance keys (`Type:id:KIND`) of the records shown. */
  prov: Fragment[];
  /** LATERAL subqueries the expressions read from, to add to the FROM of the row they belong to. */
  laterals: Fragment[];
}

// -------------------------------------------------------------------------------------------
// Fields as graphql-js collects them: fragments, type conditions, @skip/@include, merged by key.

function typeApplies(schema: GraphQLSchema, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && schema.isSubType(conditionType, type);
}

function included(node: FieldNode | { directives?: readonly unknown[] }, variables: Record<string, unknown>): boolean {
  const n = node as FieldNode;
  if (!n.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, n, variables)?.if === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, n, variables)?.if === false) return false;
  return true;
}

/** The fields of `sets` for an object of `type`, by response key, in the order graphql-js answers them. */
export function collectFields(input: RenderInput, type: GraphQLObjectType, sets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(selection as FieldNode, input.variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = out.get(key);
        if (list) list.push(selection);
        else out.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (typeApplies(input.schema, selection.typeCondition?.name.value, type)) walk(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = input.fragments[name];
        if (fragment && typeApplies(input.schema, fragment.typeCondition.name.value, type)) walk(fragment.selectionSet);
      }
    }
  };
  sets.forEach(walk);
  return out;
}

function subSets(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => !!s);
}

// -------------------------------------------------------------------------------------------
// Scalars read straight from a column.

/** How a scalar field of a covered type is read, or null when it is not a plain column. */
function columnOf(input: RenderInput, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string | null {
  const covered = COVERED_TYPES[type.name];
  let meta: EntityMetadata | undefined;
  try {
    meta = input.metadata.find(typeof covered.source.entity === 'string' ? covered.source.entity : (covered.source.entity as { name: string }).name);
  } catch {
    return null;
  }
  const prop = meta?.properties[field.name as never] as { kind?: string; fieldNames?: string[]; type?: string } | undefined;
  if (!prop || prop.kind !== 'scalar' || prop.fieldNames?.length !== 1) return null;
  const nullable = getNullableType(field.type);
  if (isListType(nullable)) {
    const item = (nullable as GraphQLList<GraphQLScalarType>).ofType as unknown;
    const inner = isNonNullType(item) ? item.ofType : item;
    return isScalarType(inner) && inner.name === 'String' ? `to_json(%.${prop.fieldNames[0]})` : null;
  }
  if (isScalarType(nullable)) {
    return ['String', 'Int', 'Boolean'].includes((nullable as GraphQLScalarType).name) ? `%.${prop.fieldNames[0]}` : null;
  }
  if (isEnumType(nullable)) {
    // Stored as the enum's value: only when every value is its own name does the column read as the answer.
    return (nullable as GraphQLEnumType).getValues().every((v) => v.value === v.name) ? `%.${prop.fieldNames[0]}` : null;
  }
  return null;
}

// -------------------------------------------------------------------------------------------
// Rendering.

function literal(text: string): Fragment {
  if (!/^[A-Za-z_][A-Za-z0-9_:]*$/.test(text)) throw new Error(`not a safe literal: ${text}`);
  return raw(`'${text}'`);
}

function jsonObject(pairs: Array<[string, Fragment]>): Fragment {
  if (pairs.length === 0) return raw(`'{}'::json`);
  // json_build_object takes at most 100 arguments.
  if (pairs.length > 50) throw new NotCovered('more than 50 fields in one object', true);
  return sql`json_build_object(${join(
    pairs.map(([k, v]) => sql`${literal(k)}, ${v}`),
    ', ',
  )})`;
}

/**
 * One parameter holding a PostgreSQL array literal (`{Enterprise,Park}`, `{1,2}`); knex would
 * spread a JavaScript array into one parameter per element. Only for elements that need no
 * quoting: type names of the registry and integers, both checked by the caller.
 */
function arrayLiteral(values: ReadonlyArray<string | number>): string {
  if (!values.every((v) => (typeof v === 'number' ? Number.isInteger(v) : /^[A-Za-z]+$/.test(v)))) throw new Error('array literal of unsafe values');
  return `{${values.join(',')}}`;
}

function concatProv(parts: Fragment[]): Fragment {
  if (parts.length === 0) return raw('null::text');
  if (parts.length === 1) return parts[0];
  return sql`concat_ws(',', ${join(parts, ', ')})`;
}

function keyType(term: OrderTerm): string {
  return term.type ?? (/\bcollate\b/i.test(term.expr) ? 'text' : 'int');
}

/** The cursor of row `x` in SQL, byte for byte what `encodeCursor` writes in Node. */
function cursorSql(ordering: Ordering, x: string): Fragment {
  const parts = ordering.terms.map((t, i) => (keyType(t) === 'bigint' ? `to_json((${x}.__k${i})::text)::text` : `to_json(${x}.__k${i})::text`));
  const json = `'[' || ${[`'${JSON.stringify(ordering.name).replace(/'/g, "''")}'`, ...parts].join(` || ',' || `)} || ']'`;
  return raw(`translate(encode(convert_to(${json}, 'UTF8'), 'base64'), '+/=' || chr(10), '-_')`);
}

export class Renderer {
  private n = 0;

  constructor(private readonly input: RenderInput) {}

  private alias(prefix: string): string {
    return `${prefix}${++this.n}`;
  }

  private objectType(name: string): GraphQLObjectType {
    const type = this.input.schema.getType(name);
    if (!type || !isObjectType(type)) throw new NotCovered(`no object type ${name}`, true);
    return type;
  }

  /** The JSON of one object of `type` read from row alias `r` (with `guard` for its children). */
  object(type: GraphQLObjectType, r: string, nodes: readonly FieldNode[], guard: Fragment | null): Built {
    const covered = COVERED_TYPES[type.name];
    if (!covered) throw new NotCovered(`type ${type.name}`, true);
    const pairs: Array<[string, Fragment]> = [];
    const prov: Fragment[] = [raw(`'${type.name}:' || ${r}.${covered.key} || ':' || ${r}.provenance_kind`)];
    const laterals: Fragment[] = [];
    const fields = type.getFields();
    for (const [key, fieldNodes] of collectFields(this.input, type, subSets(nodes))) {
      const name = fieldNodes[0].name.value;
      if (name === '__typename') {
        pairs.push([key, literal(type.name)]);
        continue;
      }
      const field = fields[name];
      if (!field) throw new NotCovered(`${type.name}.${name}`, true);
      if (name === 'id') {
        pairs.push([key, raw(globalIdSql(type.name, `${r}.${covered.key}`))]);
        continue;
      }
      const connection = covered.connections[name];
      if (connection) {
        const child = this.connection(field, connection, { alias: r, key: covered.key }, fieldNodes, guard);
        const l = this.alias('c');
        laterals.push(sql`left join lateral (${child}) ${raw(l)} on true`);
        pairs.push([key, raw(`${l}.j`)]);
        prov.push(raw(`${l}.p`));
        continue;
      }
      const pivot = covered.sectorLists[name];
      if (pivot) {
        const l = this.alias('l');
        const s = this.alias('s');
        const sector = this.object(this.objectType('Sector'), s, fieldNodes, null);
        const lists = sql`select coalesce(json_agg(${sector.json} order by ${raw(s)}.position), '[]'::json) as j, string_agg(${concatProv(sector.prov)}, ',') as p
          from ${raw(pivot.table)} ${raw(`${s}_pv`)} join sector ${raw(s)} on ${raw(s)}.code = ${raw(`${s}_pv`)}.sector_code ${join(sector.laterals, ' ')}
          where ${raw(`${s}_pv`)}.${raw(pivot.parentColumn)} = ${raw(`${r}.${covered.key}`)}${guard ? sql` and ${guard}` : raw('')}`;
        laterals.push(sql`left join lateral (${lists}) ${raw(l)} on true`);
        pairs.push([key, raw(`${l}.j`)]);
        prov.push(raw(`${l}.p`));
        continue;
      }
      if (field.args.length === 0 && (isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)))) {
        const column = columnOf(this.input, type, field);
        if (column) {
          pairs.push([key, raw(column.replace('%', r))]);
          continue;
        }
      }
      throw new NotCovered(`${type.name}.${name}`, true);
    }
    return { json: jsonObject(pairs), prov, laterals };
  }

  /**
   * A connection: one page of rows by keyset (the same base query, filter, order and cursor
   * checks as the resolvers), aggregated into `{ edges, pageInfo, totalCount }` as selected.
   * Returns a subquery of one row: `j` the JSON, `p` the provenance keys.
   */
  connection(
    field: GraphQLField<unknown, unknown>,
    spec: ConnectionField,
    parent: { alias: string; key: string } | null,
    nodes: readonly FieldNode[],
    guard: Fragment | null,
  ): Fragment {
    const { knex } = this.input;
    const target = COVERED_TYPES[spec.type];
    if (!target || !('applyFilter' in target.source) || !target.ordering) throw new NotCovered(`list of ${spec.type}`, true);
    const source = target.source;
    const args = getArgumentValues(field, nodes[0], this.input.variables) as Record<string, unknown>;
    for (const name of Object.keys(args)) {
      if (!['first', 'after', 'last', 'before', 'offset', 'filter', 'orderBy'].includes(name)) throw new NotCovered(`argument ${name}`, true);
    }
    const page: Page = toPage(args);
    const ordering: Ordering = args.orderBy ? target.ordering(args.orderBy as never) : source.ordering;
    const walk = page.direction === 'forward' ? ordering.terms : ordering.terms.map((t) => ({ ...t, dir: t.dir === 'asc' ? 'desc' : 'asc' }) as OrderTerm);
    const a = source.alias;
    const via = spec.via;
    const parentExpr = via ? (via.nodeColumn ? `rel.${via.parentColumn}` : `${a}.${via.parentColumn}`) : null;

    const base = (): Knex.QueryBuilder => {
      const qb = knex(`${source.table} as ${a}`);
      if (via?.nodeColumn) qb.join(`${via.table} as rel`, `rel.${via.nodeColumn}`, `${a}.id`);
      if (args.filter && source.applyFilter) source.applyFilter(qb, knex, args.filter);
      if (parent && parentExpr) qb.whereRaw(`${parentExpr} = ${parent.alias}.${parent.key}`);
      if (guard) qb.whereRaw(guard.text, guard.values as Knex.RawBinding[]);
      return qb;
    };

    const rows = base().select(`${a}.*`);
    if (page.cursor) {
      const values = decodeCursor(
        page.cursor,
        ordering.name,
        ordering.terms.map((t) => keyType(t) as 'int'),
        page.direction === 'forward' ? 'after' : 'before',
      );
      const ors: string[] = [];
      const bindings: unknown[] = [];
      for (let i = 0; i < walk.length; i++) {
        const ands: string[] = [];
        for (let j = 0; j < i; j++) {
          ands.push(`${walk[j].expr} = ?`);
          bindings.push(values[j]);
        }
        ands.push(`${walk[i].expr} ${walk[i].dir === 'asc' ? '>' : '<'} ?`);
        bindings.push(values[i]);
        ors.push(`(${ands.join(' and ')})`);
      }
      rows.whereRaw(`(${ors.join(' or ')})`, bindings as Knex.RawBinding[]);
    }
    rows.select(ordering.terms.map((t, i) => knex.raw(`${t.expr} as __k${i}`)));
    rows.orderByRaw(walk.map((t) => `${t.expr} ${t.dir}`).join(', ')).limit(page.limit + 1);
    if (page.offset > 0) rows.offset(page.offset);
    const rowsSql = rows.toSQL();

    const x = this.alias('x');
    const renumber = walk.map((t, i) => `q.__k${i}${/\bcollate\b/i.test(t.expr) ? ' collate "C"' : ''} ${t.dir}`).join(', ');
    const limit = page.limit;
    const shown = sql`${raw(x)}.__n <= ${limit}::int`;
    const forward = page.direction === 'forward';
    const outputOrder = raw(`${x}.__n${forward ? '' : ' desc'}`);
    const cursor = cursorSql(ordering, x);
    const connectionType = getNullableType(field.type) as GraphQLObjectType;
    const nodeType = this.objectType(spec.type);

    const pairs: Array<[string, Fragment]> = [];
    const prov: Fragment[] = [];
    const laterals: Fragment[] = [];
    const connectionFields = connectionType.getFields();
    for (const [key, fieldNodes] of collectFields(this.input, connectionType, subSets(nodes))) {
      const name = fieldNodes[0].name.value;
      if (name === '__typename') {
        pairs.push([key, literal(connectionType.name)]);
      } else if (name === 'totalCount') {
        // A count the database keeps for this filter's shape (O(1)), or every match counted.
        const kept = 'keptCount' in source ? source.keptCount?.(args.filter as never, via) : null;
        const count = (kept ? kept(knex, parent ? `${parent.alias}.${parent.key}` : null) : base().count({ __total: '*' })).toSQL();
        pairs.push([key, sql`(select __total::int from (${built(count.sql, count.bindings)}) t)`]);
      } else if (name === 'pageInfo') {
        const info = this.objectType('PageInfo');
        const infoPairs: Array<[string, Fragment]> = [];
        const first = sql`min(${cursor}) filter (where ${raw(x)}.__n = 1)`;
        const last = sql`(array_agg(${cursor} order by ${raw(x)}.__n desc) filter (where ${shown}))[1]`;
        const more = sql`(count(*) > ${limit}::int)`;
        const before = raw(page.cursor !== null || page.offset > 0 ? 'true' : 'false');
        for (const [k, f] of collectFields(this.input, info, subSets(fieldNodes))) {
          const n = f[0].name.value;
          if (n === '__typename') infoPairs.push([k, literal('PageInfo')]);
          else if (n === 'hasNextPage') infoPairs.push([k, forward ? more : raw(page.cursor !== null ? 'true' : 'false')]);
          else if (n === 'hasPreviousPage') infoPairs.push([k, forward ? before : more]);
          else if (n === 'startCursor') infoPairs.push([k, forward ? first : last]);
          else if (n === 'endCursor') infoPairs.push([k, forward ? last : first]);
          else throw new NotCovered(`PageInfo.${n}`, true);
        }
        pairs.push([key, jsonObject(infoPairs)]);
      } else if (name === 'edges') {
        const edgeType = getNamedType(connectionFields.edges.type) as GraphQLObjectType;
        const edgePairs: Array<[string, Fragment]> = [];
        for (const [k, f] of collectFields(this.input, edgeType, subSets(fieldNodes))) {
          const n = f[0].name.value;
          if (n === '__typename') edgePairs.push([k, literal(edgeType.name)]);
          else if (n === 'cursor') edgePairs.push([k, cursor]);
          else if (n === 'node') {
            const node = this.object(nodeType, x, f, shown);
            edgePairs.push([k, node.json]);
            prov.push(...node.prov);
            laterals.push(...node.laterals);
          } else throw new NotCovered(`${edgeType.name}.${n}`, true);
        }
        pairs.push([key, sql`coalesce(json_agg(${jsonObject(edgePairs)} order by ${outputOrder}) filter (where ${shown}), '[]'::json)`]);
      } else {
        throw new NotCovered(`${connectionType.name}.${name}`, true);
      }
    }
    // count(*) makes the query an aggregate: exactly one row, also for an empty page.
    return sql`select ${jsonObject(pairs)} as j, count(*) as n, ${prov.length ? sql`string_agg(${concatProv(prov)}, ',') filter (where ${shown})` : raw('null::text')} as p
      from (select q.*, row_number() over (order by ${raw(renumber)}) as __n from (${built(rowsSql.sql, rowsSql.bindings)}) q) ${raw(x)} ${join(laterals, ' ')}`;
  }

  /** `node(id)`: the object, or null when no row has the id. */
  node(id: unknown, nodes: readonly FieldNode[]): Fragment {
    const [typeName, localId] = this.compiledId(id);
    const type = this.objectType(typeName);
    const covered = COVERED_TYPES[typeName];
    const r = this.alias('n');
    const object = this.object(type, r, nodes, null);
    return sql`select ${object.json} as j, ${concatProv(object.prov)} as p from ${raw(covered.source.table)} ${raw(r)} ${join(object.laterals, ' ')}
      where ${raw(r)}.${raw(covered.key)} = ${localId}::int`;
  }

  /** `nodes(ids)`: one entry per id in the order given, null where no row has it. */
  nodes(ids: unknown, nodes: readonly FieldNode[]): Fragment {
    if (!Array.isArray(ids) || ids.length > MAX_NODES) throw new NotCovered('nodes: ids', false);
    const decoded = ids.map((id) => this.compiledId(id));
    const types = [...new Set(decoded.map(([t]) => t))];
    const u = this.alias('u');
    const parts = types.map((typeName) => {
      const covered = COVERED_TYPES[typeName];
      const r = this.alias('n');
      const object = this.object(this.objectType(typeName), r, nodes, null);
      const l = this.alias('k');
      return {
        l,
        lateral: sql`left join lateral (select ${object.json} as j, ${concatProv(object.prov)} as p from ${raw(covered.source.table)} ${raw(r)} ${join(object.laterals, ' ')}
          where ${raw(u)}.t = ${literal(typeName)} and ${raw(r)}.${raw(covered.key)} = ${raw(u)}.id) ${raw(l)} on true`,
      };
    });
    const json = parts.length ? `coalesce(${parts.map((p) => `${p.l}.j`).join(', ')})` : 'null::json';
    const prov = parts.length ? `concat_ws(',', ${parts.map((p) => `${p.l}.p`).join(', ')})` : 'null::text';
    return sql`select coalesce(json_agg(${raw(json)} order by ${raw(u)}.ord), '[]'::json) as j, string_agg(${raw(prov)}, ',') as p
      from unnest(${arrayLiteral(decoded.map(([t]) => t))}::text[], ${arrayLiteral(decoded.map(([, id]) => id))}::int[]) with ordinality ${raw(u)}(t, id, ord) ${join(
        parts.map((p) => p.lateral),
        ' ',
      )}`;
  }

  /** A global ID of a type the compiler reads by integer key, or NotCovered (the resolvers answer, errors included). */
  private compiledId(id: unknown): [string, number] {
    const decoded = typeof id === 'string' ? decodeGlobalId(id) : null;
    if (!decoded || !NODE_TYPES_COMPILED.includes(decoded.type)) throw new NotCovered('an ID the compiler does not read', false);
    const n = Number(decoded.localId);
    if (!/^[1-9][0-9]*$/.test(decoded.localId) || n > INT4_MAX) throw new NotCovered('an ID that is not a positive int4', false);
    return [decoded.type, n];
  }

  /** One root field as a LATERAL subquery of one row (`j`, `p`). */
  rootField(query: GraphQLObjectType, nodes: readonly FieldNode[]): Fragment {
    const name = nodes[0].name.value;
    const field = query.getFields()[name];
    if (!field) throw new NotCovered(`Query.${name}`, true);
    if (name === 'node' || name === 'nodes') {
      const args = getArgumentValues(field, nodes[0], this.input.variables) as Record<string, unknown>;
      return name === 'node' ? this.node(args.id, nodes) : this.nodes(args.ids, nodes);
    }
    const spec = ROOT_CONNECTIONS[name];
    if (!spec) throw new NotCovered(`Query.${name}`, true);
    return this.connection(field, spec, null, nodes, null);
  }
}

/** The root fields of `operation` in answer order. */
export function rootFields(input: RenderInput, operation: OperationDefinitionNode): Map<string, FieldNode[]> {
  const query = input.schema.getQueryType()!;
  return collectFields(input, query, [operation.selectionSet]);
}

export type { CoveredType };
