/**
 * The read compiler answers exactly as the resolvers do. Two servers on the same seeded database,
 * one compiling (the default) and one with EXECUTION=resolvers, receive the same random
 * read operations: nested connections with random filters, orderings, page sizes and cursors,
 * fragments, inline fragments, aliases, @include/@skip, variables, and IDs that exist, do not,
 * are of another type or are not IDs at all. Data, errors (message, path, code) and the data
 * notice must be deep-equal, order included. Replay a failure with READ_COMPILER_SEED=<seed>.
 */
import fc from 'fast-check';
import { startTestServer, TestServer } from '../helpers/test-server';

const RUNS = Number(process.env.READ_COMPILER_RUNS ?? 1000);
const SEED = process.env.READ_COMPILER_SEED ? Number(process.env.READ_COMPILER_SEED) : Date.now() % 2147483647;

const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
const cursorOf = (...values: unknown[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

// ------------------------------------------------------------------------------------------
// The operations, as trees printed to GraphQL text.

type Directive = { name: 'include' | 'skip'; value: boolean; viaVariable: boolean } | null;

type Sel =
  | { kind: 'scalar'; name: string; alias: boolean; directive: Directive }
  | { kind: 'typename' }
  | { kind: 'list'; name: string; inner: Sel[] }
  | { kind: 'conn'; name: string; target: string; args: ConnArgs; inner: ConnSel[]; alias: boolean; directive: Directive }
  | { kind: 'inline'; on: string; inner: Sel[] }
  | { kind: 'spread'; on: string; inner: Sel[] };

type ConnSel = { kind: 'totalCount' } | { kind: 'typename' } | { kind: 'pageInfo'; fields: string[] } | { kind: 'edges'; cursor: boolean; node: Sel[] };

interface ConnArgs {
  first?: number;
  last?: number;
  after?: string;
  before?: string;
  filter?: unknown;
  orderBy?: { field: string; direction: string };
  viaVariables: boolean;
}

interface Root {
  kind: 'root';
  fields: Array<
    | { kind: 'conn'; name: string; target: string; args: ConnArgs; inner: ConnSel[] }
    | { kind: 'node'; id: string; inner: Sel[]; viaVariable: boolean }
    | { kind: 'nodes'; ids: string[]; inner: Sel[] }
    | { kind: 'typename' }
    | { kind: 'other'; text: string }
  >;
}

const SCALARS: Record<string, string[]> = {
  Enterprise: ['nameZh', 'nameEn', 'aliases', 'creditCode', 'layer', 'foundedYear', 'summary', 'version'],
  Park: ['nameZh', 'nameEn', 'aliases', 'district', 'role', 'foundedYear', 'description', 'version'],
  Scenario: ['nameZh', 'nameEn', 'status', 'year', 'description', 'version'],
  Sector: ['code', 'nameZh', 'nameEn', 'description'],
};
/** Fields the compiler leaves to the resolvers: they must still come back identical (x-execution mixed or resolvers). */
const UNCOVERED: Record<string, string[]> = {
  Enterprise: ['website', 'provenance { kind note }'],
  Park: ['latitude', 'provenance { kind }', 'focusSectorsProvenance { kind }'],
  Scenario: ['sector { code }', 'park { id nameZh }'],
  Sector: ['provenance { kind }'],
};
const CONNECTIONS: Record<string, Array<{ name: string; target: string; filtered: boolean }>> = {
  Enterprise: [
    { name: 'parks', target: 'Park', filtered: true },
    { name: 'scenarios', target: 'Scenario', filtered: true },
  ],
  Park: [
    { name: 'enterprises', target: 'Enterprise', filtered: true },
    { name: 'scenarios', target: 'Scenario', filtered: true },
  ],
  Scenario: [{ name: 'providers', target: 'Enterprise', filtered: false }],
  Sector: [],
};
const LISTS: Record<string, string[]> = { Enterprise: ['sectors'], Park: ['focusSectors'], Scenario: [], Sector: [] };
const ORDER_FIELDS: Record<string, string[]> = {
  Enterprise: ['NAME', 'FOUNDED_YEAR', 'ID'],
  Park: ['NAME', 'FOUNDED_YEAR', 'ENTERPRISE_COUNT', 'ID'],
  Scenario: ['NAME', 'YEAR', 'ID'],
};
const SECTORS = [
  'CULTURE_TOURISM',
  'HEALTH_ELDERLY_CARE',
  'INDUSTRIAL_MANUFACTURING',
  'MODERN_AGRICULTURE',
  'SMART_EDUCATION',
  'SMART_OCEAN',
  'SOCIAL_GOVERNANCE',
  'TRANSPORTATION',
];

interface Pools {
  ids: Record<string, number[]>;
}

function arbitraries(pools: Pools) {
  const idOf = (type: string) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...pools.ids[type]).map((id) => gid(type, id)) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000000000 }).map((id) => gid(type, id)) },
    );
  const anyId = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('Enterprise', 'Park', 'Scenario').chain(idOf) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        gid('Sector', 'SMART_OCEAN'),
        gid('LargeModel', 1),
        gid('Nope', 1),
        'not an id',
        "'; drop table enterprise; --",
        gid('Enterprise', '0'),
        gid('Enterprise', '1 or 1=1'),
      ),
    },
  );
  const directive: fc.Arbitrary<Directive> = fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ name: fc.constantFrom('include' as const, 'skip' as const), value: fc.boolean(), viaVariable: fc.boolean() }) },
  );
  const cursor = (target: string) =>
    fc.oneof(
      fc.integer({ min: 0, max: 60 }).map((n) => cursorOf('id', n)),
      fc.integer({ min: 0, max: 60 }).map((n) => cursorOf('id', n)),
      fc.integer({ min: 0, max: 60 }).map((n) => cursorOf('id', n)),
      fc.integer({ min: 0, max: 60 }).map((n) => cursorOf('id:desc', n)),
      fc.tuple(fc.string({ maxLength: 6 }), fc.integer({ min: 0, max: 60 })).map(([s, n]) => cursorOf('name:asc', s, s, n)),
      fc.integer({ min: 0, max: 60 }).map((n) => cursorOf(target === 'Park' ? 'enterpriseCount:asc' : 'foundedYear:asc', n, n)),
      fc.constantFrom('garbage', cursorOf('id', 'x'), cursorOf('id', Infinity), "WyJpZCIsMV0'; select 1; --"),
    );
  const filterLeaf = (target: string): fc.Arbitrary<Record<string, unknown>> => {
    switch (target) {
      case 'Enterprise':
        return fc.oneof(
          fc.record({ sectors: fc.subarray(SECTORS, { minLength: 1, maxLength: 3 }) }),
          fc.record({ layers: fc.subarray(['FOUNDATION', 'TECHNOLOGY', 'APPLICATION'], { minLength: 1 }) }),
          fc.record({ foundedYear: fc.record({ from: fc.integer({ min: 1990, max: 2025 }) }, { requiredKeys: [] }) }),
          fc.record({ parkIds: fc.array(idOf('Park'), { minLength: 1, maxLength: 2 }) }),
          fc.record({ search: fc.constantFrom('智能', 'haiyang', "a'); drop table enterprise; --", '%_\\', '青岛') }),
          fc.record({ providesScenario: fc.record({ sectors: fc.subarray(SECTORS, { minLength: 1, maxLength: 2 }) }) }),
        );
      case 'Park':
        return fc.oneof(
          fc.record({ roles: fc.subarray(['PRIMARY', 'FEATURED'], { minLength: 1 }) }),
          fc.record({ focusSectors: fc.subarray(SECTORS, { minLength: 1, maxLength: 2 }) }),
          fc.record({ districts: fc.constantFrom(['崂山区'], ['黄岛'], ["x' or '1'='1"]) }),
          fc.record({ hasEnterprises: fc.record({ sectors: fc.subarray(SECTORS, { minLength: 1, maxLength: 2 }) }) }),
        );
      default:
        return fc.oneof(
          fc.record({ sectors: fc.subarray(SECTORS, { minLength: 1, maxLength: 2 }) }),
          fc.record({ statuses: fc.subarray(['DEPLOYED', 'IN_PROGRESS', 'OPEN_FOR_BIDS', 'PLANNED', 'SHOWCASE'], { minLength: 1 }) }),
          fc.record({ years: fc.array(fc.integer({ min: 2018, max: 2026 }), { minLength: 1, maxLength: 2 }) }),
        );
    }
  };
  const filter = (target: string): fc.Arbitrary<unknown> =>
    fc.oneof(
      { weight: 4, arbitrary: filterLeaf(target) },
      { weight: 1, arbitrary: fc.array(filterLeaf(target), { minLength: 1, maxLength: 2 }).map((and) => ({ and })) },
      { weight: 1, arbitrary: fc.array(filterLeaf(target), { minLength: 1, maxLength: 2 }).map((or) => ({ or })) },
      { weight: 1, arbitrary: filterLeaf(target).map((not) => ({ not })) },
    );
  const connArgs = (target: string, filtered: boolean, maxSize: number): fc.Arbitrary<ConnArgs> =>
    fc
      .record({
        size: fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 12, arbitrary: fc.integer({ min: 1, max: maxSize }) },
          { weight: 1, arbitrary: fc.constantFrom(0, 101) },
        ),
        backward: fc.boolean(),
        cursor: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: cursor(target) }),
        filter: filtered ? fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: filter(target) }) : fc.constant(undefined),
        orderBy:
          filtered && ORDER_FIELDS[target]
            ? fc.option(fc.record({ field: fc.constantFrom(...ORDER_FIELDS[target]), direction: fc.constantFrom('ASC', 'DESC') }), { nil: undefined })
            : fc.constant(undefined),
        viaVariables: fc.boolean(),
      })
      .map(({ size, backward, cursor: c, filter: f, orderBy, viaVariables }) => ({
        ...(backward ? { last: size, before: c } : { first: size, after: c }),
        filter: f,
        orderBy,
        viaVariables,
      }));

  const selections = (type: string, depth: number): fc.Arbitrary<Sel[]> => {
    const options: Array<fc.WeightedArbitrary<Sel>> = [
      {
        weight: 16,
        arbitrary: fc.record({ kind: fc.constant('scalar' as const), name: fc.constantFrom('id', ...SCALARS[type]), alias: fc.boolean(), directive }),
      },
      { weight: 2, arbitrary: fc.constant({ kind: 'typename' as const }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('scalar' as const),
          name: fc.constantFrom(...UNCOVERED[type]),
          alias: fc.constant(false),
          directive: fc.constant(null),
        }),
      },
    ];
    if (depth > 0) {
      for (const list of LISTS[type]) {
        options.push({ weight: 2, arbitrary: selections('Sector', 0).map((inner) => ({ kind: 'list' as const, name: list, inner })) });
      }
      for (const c of CONNECTIONS[type]) {
        options.push({
          weight: 2,
          arbitrary: fc.record({
            kind: fc.constant('conn' as const),
            name: fc.constant(c.name),
            target: fc.constant(c.target),
            args: connArgs(c.target, c.filtered, 4),
            inner: connSelections(c.target, depth - 1),
            // Two unaliased lists with different arguments would not merge (an invalid operation).
            alias: fc.constant(true),
            directive,
          }),
        });
      }
      options.push({ weight: 1, arbitrary: selections(type, depth - 1).map((inner) => ({ kind: 'inline' as const, on: type, inner })) });
      options.push({ weight: 1, arbitrary: selections(type, depth - 1).map((inner) => ({ kind: 'spread' as const, on: type, inner })) });
      options.push({
        weight: 1,
        arbitrary: fc.constant({ kind: 'inline' as const, on: 'Node', inner: [{ kind: 'scalar' as const, name: 'id', alias: false, directive: null }] }),
      });
    }
    return fc.array(fc.oneof(...options), { minLength: 1, maxLength: depth > 0 ? 3 : 4 });
  };
  const connSelections = (target: string, depth: number): fc.Arbitrary<ConnSel[]> =>
    fc.array(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant({ kind: 'totalCount' as const }) },
        { weight: 1, arbitrary: fc.constant({ kind: 'typename' as const }) },
        {
          weight: 2,
          arbitrary: fc
            .subarray(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor', '__typename'], { minLength: 1 })
            .map((fields) => ({ kind: 'pageInfo' as const, fields })),
        },
        { weight: 4, arbitrary: fc.record({ kind: fc.constant('edges' as const), cursor: fc.boolean(), node: selections(target, depth) }) },
      ),
      { minLength: 1, maxLength: 2 },
    );

  const rootField = fc.oneof(
    ...(['enterprises:Enterprise', 'parks:Park', 'scenarios:Scenario'] as const).map((s) => {
      const [name, target] = s.split(':');
      return {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('conn' as const),
          name: fc.constant(name),
          target: fc.constant(target),
          args: connArgs(target, true, 8),
          inner: connSelections(target, 2),
        }),
      };
    }),
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('node' as const),
        id: anyId,
        inner: fc.constantFrom('Enterprise', 'Park', 'Scenario').chain((t) => selections(t, 1).map((inner): Sel[] => [{ kind: 'inline', on: t, inner }])),
        viaVariable: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('nodes' as const),
        ids: fc.array(anyId, { maxLength: 6 }),
        inner: fc
          .subarray(['Enterprise', 'Park', 'Scenario'], { minLength: 1 })
          .chain((ts) => fc.tuple(...ts.map((t) => selections(t, 1).map((inner): Sel => ({ kind: 'inline', on: t, inner })))))
          .map((sels): Sel[] => [{ kind: 'typename' }, { kind: 'scalar', name: 'id', alias: false, directive: null }, ...sels]),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'typename' as const }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom({ kind: 'other' as const, text: 'sectors { code nameZh }' }, { kind: 'other' as const, text: 'districts { nameZh kind }' }),
    },
  );
  return fc.array(rootField, { minLength: 1, maxLength: 3 }).map((fields): Root => ({ kind: 'root', fields }));
}

/** GraphQL text and variables of a generated operation. */
function print(root: Root): { query: string; variables: Record<string, unknown> } {
  let n = 0;
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const fragments: string[] = [];
  const variable = (type: string, value: unknown): string => {
    const name = `v${++n}`;
    definitions.push(`$${name}: ${type}`);
    variables[name] = value;
    return `$${name}`;
  };
  const dir = (d: Directive) => (d ? ` @${d.name}(if: ${d.viaVariable ? variable('Boolean!', d.value) : String(d.value)})` : '');
  const literal = (value: unknown): string =>
    Array.isArray(value)
      ? `[${value.map(literal).join(', ')}]`
      : value && typeof value === 'object'
        ? `{ ${Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .map(
              ([k, v]) =>
                `${k}: ${k === 'field' || k === 'direction' || k === 'sectors' || k === 'layers' || k === 'roles' || k === 'focusSectors' || k === 'statuses' ? enumLiteral(v) : literal(v)}`,
            )
            .join(', ')} }`
        : JSON.stringify(value);
  const enumLiteral = (v: unknown): string => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
  const filterType = (target: string) => `${target}Filter`;
  const args = (a: ConnArgs, target: string): string => {
    const out: string[] = [];
    for (const key of ['first', 'last', 'after', 'before'] as const) {
      const v = a[key];
      if (v === undefined) continue;
      out.push(`${key}: ${a.viaVariables ? variable(key === 'first' || key === 'last' ? 'Int' : 'String', v) : JSON.stringify(v)}`);
    }
    if (a.filter !== undefined) out.push(`filter: ${a.viaVariables ? variable(filterType(target), a.filter) : literal(a.filter)}`);
    if (a.orderBy !== undefined) out.push(`orderBy: ${a.viaVariables ? variable(`${target}Order`, a.orderBy) : literal(a.orderBy)}`);
    return out.length ? `(${out.join(', ')})` : '';
  };
  const sels = (list: Sel[]): string =>
    list
      .map((s) => {
        switch (s.kind) {
          case 'typename':
            return '__typename';
          case 'scalar':
            return `${s.alias ? `a${++n}: ` : ''}${s.name}${dir(s.directive)}`;
          case 'list':
            return `${s.name} { ${sels(s.inner)} }`;
          case 'conn':
            return `${s.alias ? `c${++n}: ` : ''}${s.name}${args(s.args, s.target)}${dir(s.directive)} { ${conn(s.inner)} }`;
          case 'inline':
            return `... on ${s.on} { ${sels(s.inner)} }`;
          case 'spread': {
            const name = `F${++n}`;
            fragments.push(`fragment ${name} on ${s.on} { ${sels(s.inner)} }`);
            return `...${name}`;
          }
        }
      })
      .join(' ');
  const conn = (list: ConnSel[]): string =>
    list
      .map((c) => {
        switch (c.kind) {
          case 'totalCount':
            return 'totalCount';
          case 'typename':
            return '__typename';
          case 'pageInfo':
            return `pageInfo { ${c.fields.join(' ')} }`;
          case 'edges':
            return `e${++n}: edges { ${c.cursor ? 'cursor ' : ''}node { ${sels(c.node)} } }`;
        }
      })
      .join(' ');
  const body = root.fields
    .map((f) => {
      const alias = `r${++n}: `;
      switch (f.kind) {
        case 'conn':
          return `${alias}${f.name}${args(f.args, f.target)} { ${conn(f.inner)} }`;
        case 'node':
          return `${alias}node(id: ${f.viaVariable ? variable('ID!', f.id) : JSON.stringify(f.id)}) { ${sels(f.inner)} }`;
        case 'nodes':
          return `${alias}nodes(ids: ${variable('[ID!]!', f.ids)}) { ${sels(f.inner)} }`;
        case 'typename':
          return '__typename';
        case 'other':
          return `${alias}${f.text}`;
      }
    })
    .join(' ');
  const query = `query Generated${definitions.length ? `(${definitions.join(', ')})` : ''} { ${body} }\n${fragments.join('\n')}`;
  return { query, variables };
}

// ------------------------------------------------------------------------------------------

async function post(server: TestServer, body: unknown): Promise<{ status: number; execution: string | null; json: Record<string, unknown> }> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, execution: res.headers.get('x-execution'), json: (await res.json()) as Record<string, unknown> };
}

/** What must be identical: status, data, errors (message, path, code), the data notice. */
function answer(r: { status: number; json: Record<string, unknown> }) {
  const errors = (r.json.errors as Array<{ message: string; path?: unknown; extensions?: { code?: string } }> | undefined)?.map((e) => ({
    message: e.message,
    path: e.path,
    code: e.extensions?.code,
  }));
  // With errors, the resolver path's notice is not deterministic: when one field fails, graphql-js
  // keeps completing its siblings' records (a list still loading) and whether they are counted
  // depends on timing. Without errors it is exact, and must match.
  const dataNotice = errors?.length ? undefined : (r.json.extensions as { dataNotice?: unknown } | undefined)?.dataNotice;
  return { status: r.status, data: r.json.data, errors, dataNotice };
}

describe('read compiler ≡ resolvers (property-based)', () => {
  let compiled: TestServer;
  let resolvers: TestServer;
  let pools: Pools;
  const rateLimit = { anonymousPoints: 1e9, keyedPoints: 1e9, windowMs: 3600000 };

  beforeAll(async () => {
    // A thousand operations are more than an anonymous caller's hourly budget.
    compiled = await startTestServer({ rateLimit });
    // The operations only read: one database serves both, so both answer from the very same rows,
    // and the file pays for one database copy and start instead of two.
    resolvers = await startTestServer({ rateLimit, execution: 'resolvers' }, { sharing: compiled });
    const ids = async (table: string) => (await compiled.sql<{ id: number }>(`select id from ${table} order by id`)).map((r) => Number(r.id));
    pools = { ids: { Enterprise: await ids('enterprise'), Park: await ids('park'), Scenario: await ids('scenario') } };
  }, 180000);
  afterAll(async () => {
    // The sharing server first: the owner closes the database.
    await resolvers?.close();
    await compiled?.close();
  });

  it(`answers ${RUNS} random read operations identically (seed ${SEED})`, async () => {
    const seen = { compiled: 0, mixed: 0, resolvers: 0, other: 0 };
    console.log(`read compiler equivalence: seed ${SEED} (replay with READ_COMPILER_SEED=${SEED})`);
    await fc.assert(
      fc.asyncProperty(arbitraries(pools), async (root) => {
        const request = print(root);
        const [a, b] = await Promise.all([post(compiled, request), post(resolvers, request)]);
        const ea = (a.json.errors as Array<{ message: string; extensions?: { code?: string } }> | undefined) ?? [];
        // The generator writes valid operations only; an invalid one would compare nothing.
        // (Shape limits, also validation errors, may refuse a large one: both servers must then agree.)
        expect(ea.filter((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && !/exceeds the limit/.test(e.message)).map((e) => e.message)).toEqual([]);
        // Unset when the request was refused before execution (over the cost limit, bad variables).
        expect([null, 'resolvers']).toContain(b.execution);
        const how = a.execution as keyof typeof seen | null;
        seen[how && how in seen ? how : 'other']++;
        expect({ request, ...answer(a) }).toEqual({ request, ...answer(b) });
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`read compiler equivalence: ${JSON.stringify(seen)}`);
    // The comparison means something only when most operations did run compiled.
    expect(seen.compiled + seen.mixed).toBeGreaterThan(RUNS / 2);
  }, 900000);
});
