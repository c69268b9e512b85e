import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation, GraphQLResponse } from '@apollo/server';
import { DocumentNode, execute, FieldNode, FragmentDefinitionNode, GraphQLFormattedError, Kind, OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { LRUCache } from 'lru-cache';
import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { ProvenanceTally } from '../../common/data-notice';
import { ErrorCode } from '../../common/errors';
import { classifyDatabaseError } from '../../db/database-errors';
import { isReplicaFault } from '../../db/replicas';
import { variablesKey } from '../variables-key';
import { NotCovered, Renderer, RenderInput, rootFields } from './compile';
import { RawJson } from './raw-json';
import { Fragment, join, raw, sql } from './sql-fragment';

/** Which path answered: all root fields compiled, none, or some of each. */
export type Execution = 'compiled' | 'resolvers' | 'mixed';

export interface CompiledExecutionOptions {
  /** `resolvers` turns the compiler off (EXECUTION=resolvers). */
  mode: 'compiled' | 'resolvers';
  /** Answers longer than this go to the resolvers, whose work meter refuses them with its own error. */
  maxResponseBytes: number;
  requestTimeoutMs: number;
  /** Documents (by hash and operation name) whose plans are kept. */
  planCacheSize?: number;
}

/**
 * What is known of one document and operation name before any variables: which root fields
 * can never compile (so the work is not tried again), and whether the operation is a query.
 */
interface Plan {
  query: boolean;
  neverCompiles: Set<string>;
}

/**
 * What rendering gave for one document, operation name and variables: the statement and the root
 * fields left to the resolvers. Rendering is a pure function of these (the schema and the ORM's
 * metadata are fixed for the process), so a repeated request skips it; values stay parameters.
 */
interface Rendered {
  statement: Fragment;
  /** The statement's text with PostgreSQL's `$n` placeholders, converted once when rendered. */
  positional: string;
  compiled: Array<{ key: string }>;
  fallback: Array<[string, FieldNode[]]>;
  order: string[];
}

/**
 * Runs read operations as one SQL statement that builds the answer's JSON (src/graphql/compiler,
 * explained in docs/contributors.md), falling back to the resolvers for the root fields it does
 * not cover. Hooks `responseForOperation`, which Apollo calls after parsing, validation and every
 * plugin's `didResolveOperation` (limits, cost, rate limit) and after the response cache had its
 * turn: everything in front of execution is unchanged. Any error on the compiled path (a bad
 * cursor, a wrong ID) sends the operation to the resolvers, which answer it with their own errors.
 */
export function compiledExecutionPlugin(options: CompiledExecutionOptions): ApolloServerPlugin<Context> {
  const plans = new LRUCache<string, Plan>({ max: options.planCacheSize ?? 500 });
  const statements = new LRUCache<string, Rendered>({ max: options.planCacheSize ?? 500 });
  const timeoutSeconds = Math.round(options.requestTimeoutMs / 100) / 10;
  return {
    async requestDidStart() {
      let how: Execution | undefined;
      return {
        async responseForOperation(requestContext) {
          how = 'resolvers';
          if (options.mode === 'resolvers') return null;
          const outcome = await runCompiled(requestContext, plans, statements, options, timeoutSeconds);
          if (!outcome) return null;
          how = outcome.how;
          return outcome.response;
        },
        async willSendResponse({ response }) {
          // Unset when the response cache answered or the request stopped before execution.
          if (how) response.http.headers.set('x-execution', how);
        },
      };
    },
  };
}

type Response = GraphQLResponse;

async function runCompiled(
  requestContext: GraphQLRequestContextResponseForOperation<Context>,
  plans: LRUCache<string, Plan>,
  statements: LRUCache<string, Rendered>,
  options: CompiledExecutionOptions,
  timeoutSeconds: number,
): Promise<{ how: Execution; response: Response } | null> {
  const { document, operation, schema, contextValue, request } = requestContext;
  // No operation resolved (several in the document, no operationName): graphql-js reports it.
  if (!operation) return null;
  const planKey = `${requestContext.queryHash}\u0000${request.operationName ?? ''}`;
  let plan = plans.get(planKey);
  if (!plan) {
    plan = { query: operation.operation === 'query', neverCompiles: new Set() };
    plans.set(planKey, plan);
  }
  if (!plan.query) return null;

  const variables = variablesKey(request.variables);
  const cacheKey = variables === null ? null : `${planKey}\u0000${variables}`;
  let rendered = cacheKey ? statements.get(cacheKey) : undefined;
  if (!rendered) {
    rendered = render(requestContext, plan);
    if (!rendered) return null;
    if (cacheKey) statements.set(cacheKey, rendered);
  }
  const { statement, positional, compiled, fallback, order } = rendered;
  let row: Record<string, string | null>;
  try {
    // A read like any other: on a healthy replica that has replayed what this request must see
    // (read replicas), otherwise on the primary; a replica failing under it sends it to the primary.
    const reader = manager(contextValue).getConnection('read');
    const primary = manager(contextValue).getConnection('write');
    const run = (on: typeof reader) =>
      logged(contextValue, statement, on === primary ? 'write' : 'read', () => runPositional(on.getKnex(), positional, statement.values));
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run(reader);
    } catch (error) {
      if (reader === primary || !isReplicaFault(error)) throw error;
      result = await run(primary);
    }
    row = (Array.isArray(result) ? result : result.rows!)[0];
  } catch (error) {
    const failure = classifyDatabaseError(error);
    if (failure === 'timeout' || failure === 'unavailable') {
      const formatted: GraphQLFormattedError =
        failure === 'timeout'
          ? { message: `The request ran longer than ${timeoutSeconds} s and was cancelled.`, extensions: { code: ErrorCode.TIMEOUT } }
          : { message: 'The database is unavailable; retry shortly.', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
      return {
        how: 'compiled',
        response: { http: requestContext.response.http, body: { kind: 'single', singleResult: { data: null, errors: [formatted] } } } as Response,
      };
    }
    return null;
  }

  // The root fields the compiler left to the resolvers, run by graphql-js as one operation.
  const texts = new Map<string, string>();
  compiled.forEach((c, i) => texts.set(c.key, row[`f${i}`] ?? 'null'));
  if (fallback.length) {
    // Its own tally: when it fails, records it completed after the error (a sibling still
    // loading) must not leak into the answer the resolvers then give.
    const provenance = new ProvenanceTally();
    const partial = await execute({
      schema,
      document: withRootFields(document, operation, fallback),
      contextValue: { ...contextValue, provenance },
      variableValues: request.variables,
      operationName: operation.name?.value,
    });
    // Errors and their paths exactly as the resolver path gives them: let it answer everything.
    if (partial.errors?.length || !partial.data) return null;
    contextValue.provenance = provenance;
    for (const [key] of fallback) texts.set(key, JSON.stringify(partial.data[key] ?? null));
  }
  let data = '{';
  order.forEach((key, i) => {
    if (i > 0) data += ',';
    data += `${JSON.stringify(key)}:${texts.get(key) ?? '"Query"'}`;
  });
  data += '}';
  if (data.length > options.maxResponseBytes) return null;

  // The records shown, for extensions.dataNotice: keys `Type:id:KIND`, counted once each.
  for (let i = 0; i < compiled.length; i++) {
    const keys = row[`p${i}`];
    if (!keys) continue;
    for (const entry of keys.split(',')) {
      const cut = entry.lastIndexOf(':');
      contextValue.provenance.noteRecord(entry.slice(cut + 1), entry.slice(0, cut));
    }
  }
  return {
    how: fallback.length ? 'mixed' : 'compiled',
    response: { http: requestContext.response.http, body: { kind: 'single', singleResult: { data: new RawJson(data) as never } } } as Response,
  };
}

/** Renders the operation's statement, or undefined when the resolvers should answer it all. */
function render(requestContext: GraphQLRequestContextResponseForOperation<Context>, plan: Plan): Rendered | undefined {
  const { document, schema, contextValue, request } = requestContext;
  const operation = requestContext.operation!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return undefined;
  const knex = manager(contextValue).getKnex();
  const input: RenderInput = { schema, fragments: fragmentsOf(document), variables: coerced.coerced, knex, metadata: manager(contextValue).getMetadata() };
  const renderer = new Renderer(input);
  const query = schema.getQueryType()!;

  // Each root field: compiled to a LATERAL subquery, answered by the resolvers, or a constant.
  const compiled: Array<{ key: string; lateral: Fragment }> = [];
  const fallback: Array<[string, FieldNode[]]> = [];
  const order: string[] = [];
  for (const [key, nodes] of rootFields(input, operation)) {
    order.push(key);
    if (nodes[0].name.value === '__typename') continue;
    if (plan.neverCompiles.has(key)) {
      fallback.push([key, nodes]);
      continue;
    }
    try {
      compiled.push({ key, lateral: renderer.rootField(query, nodes) });
    } catch (error) {
      if (error instanceof NotCovered) {
        if (error.stable) plan.neverCompiles.add(key);
        fallback.push([key, nodes]);
        continue;
      }
      // A bad argument (cursor, page size, filter): the resolvers answer with their own error.
      return undefined;
    }
  }
  if (compiled.length === 0) return undefined;

  // One statement: each compiled root field's JSON as text, and the provenance of what it shows.
  const aliases = compiled.map((_, i) => `t${i}`);
  const statement = sql`select ${join(
    aliases.map((t, i) => raw(`${t}.j::text as f${i}, ${t}.p as p${i}`)),
    ', ',
  )} from (select 1) as root ${join(
    compiled.map((c, i) => sql`left join lateral (${c.lateral}) ${raw(aliases[i])} on true`),
    ' ',
  )}`;
  return { statement, positional: knex.client.positionBindings(statement.text), compiled, fallback, order };
}

/**
 * Runs a statement whose placeholders are already positional on a pooled connection, through the
 * dialect's own `_query` (node-postgres, or PGlite's adapter) as knex's runner does, without
 * knex's per-run work: building a `Raw`, scanning the text twice for `?` (about a tenth of a
 * compiled read's CPU on a long statement) and emitting its query events. The connection's
 * settings (statement_timeout) are the pool's, as for every other statement.
 */
async function runPositional(knex: Knex, text: string, values: readonly unknown[]): Promise<Rows> {
  const client = knex.client as Knex.Client & {
    _query(connection: unknown, query: { sql: string; bindings: readonly unknown[] }): Promise<{ response: Rows }>;
  };
  const connection = await client.acquireConnection();
  try {
    return (await client._query(connection, { sql: text, bindings: values })).response;
  } finally {
    await client.releaseConnection(connection);
  }
}

type Rows = { rows?: Array<Record<string, string | null>> } | Array<Record<string, string | null>>;

/**
 * Runs the compiled statement through the ORM's logger, as every other statement goes: it is
 * counted for the request (`x-sql-statements`), and printed with its values and time when
 * SQL_DEBUG is on. The values stay bound parameters; only the printed text has them inlined.
 */
async function logged(context: Context, statement: Fragment, connection: 'read' | 'write', run: () => unknown): Promise<Rows> {
  const logger = manager(context).config.getLogger();
  const started = performance.now();
  let rows: number | undefined;
  try {
    const result = (await run()) as Rows;
    rows = (Array.isArray(result) ? result : (result.rows ?? [])).length;
    return result;
  } finally {
    const query = logger.isEnabled('query')
      ? manager(context)
          .getPlatform()
          .formatQuery(statement.text, statement.values as unknown[])
      : statement.text;
    logger.logQuery({
      query,
      took: Math.round(performance.now() - started),
      results: rows,
      level: rows === undefined ? 'error' : 'info',
      connection: { type: connection, name: connection },
    });
  }
}

/** The manager the compiler asks for connections and metadata: the root one, so no fork is made. */
function manager(context: Context) {
  return context.rootEm ?? context.em;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) out[d.name.value] = d;
  return out;
}

/** The document with the operation's selection cut down to the given root fields (fragments kept). */
function withRootFields(document: DocumentNode, operation: OperationDefinitionNode, fields: Array<[string, FieldNode[]]>): DocumentNode {
  const selections = fields.flatMap(([, nodes]) => nodes);
  const cut: OperationDefinitionNode = { ...operation, selectionSet: { ...operation.selectionSet, selections } };
  return { ...document, definitions: document.definitions.map((d) => (d === operation ? cut : d)) };
}
