/**
 * Bad input on the compiled read path: each answer is compared with the resolver path (a second
 * server with EXECUTION=resolvers on a copy of the same database), and nothing is changed.
 */
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

interface Answer {
  status: number;
  execution: string | null;
  statements: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: { code?: string } }>;
    extensions?: Record<string, unknown>;
  };
}

async function post(server: TestServer, body: unknown): Promise<Answer> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    status: res.status,
    execution: res.headers.get('x-execution'),
    statements: Number(res.headers.get('x-sql-statements')),
    body: (await res.json()) as Answer['body'],
  };
}

const FIRMS = `query Firms($filter: EnterpriseFilter, $first: Int, $after: String, $orderBy: EnterpriseOrder) {
  enterprises(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id nameZh parks(first: 2) { edges { node { id } } } } }
  }
}`;

const INJECTIONS = [
  "'; drop table enterprise; --",
  "x' or '1'='1",
  '$1); delete from park; --',
  "\\'; select pg_sleep(5); --",
  '%',
  '_',
  '\u0000',
  'Robert"); drop table sector;--',
];

describe('read compiler: bad input', () => {
  let compiled: TestServer;
  let resolvers: TestServer;
  let firmCount: number;

  beforeAll(async () => {
    compiled = await startTestServer();
    // One database for both (the sharing server only adds an HTTP server): what the bad input may
    // not change is then checked on the rows both servers read.
    resolvers = await startTestServer({ execution: 'resolvers' }, { sharing: compiled });
    [{ n: firmCount }] = await compiled.sql<{ n: number }>('select count(*)::int as n from enterprise');
  }, 180000);
  afterAll(async () => {
    // The sharing server first: the owner closes the database.
    await resolvers?.close();
    await compiled?.close();
  });

  async function same(body: unknown): Promise<Answer> {
    const [a, b] = await Promise.all([post(compiled, body), post(resolvers, body)]);
    const strip = (x: Answer) => ({
      status: x.status,
      data: x.body.data,
      errors: x.body.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })),
      notice: x.body.extensions?.dataNotice,
    });
    expect(strip(a)).toEqual(strip(b));
    return a;
  }

  it('runs covered reads compiled, in one statement, and says so', async () => {
    const a = await same({ query: FIRMS, variables: { first: 3 } });
    expect(a.execution).toBe('compiled');
    expect(a.statements).toBe(1);
    expect(a.body.data!.enterprises).toMatchObject({ totalCount: firmCount });
    // A root field it does not cover runs on the resolvers beside it; a mutation never compiles.
    const mixed = await same({ query: '{ sectors { code } enterprises(first: 1) { edges { node { id } } } }' });
    expect(mixed.execution).toBe('mixed');
    const other = await same({ query: '{ sectors { code } }' });
    expect(other.execution).toBe('resolvers');
  });

  it('passes every string and ID argument and variable as a parameter (SQL injection changes nothing)', async () => {
    for (const text of INJECTIONS) {
      const bodies = [
        { query: FIRMS, variables: { filter: { search: text } } },
        { query: FIRMS, variables: { filter: { districts: [text] } } },
        { query: FIRMS, variables: { filter: { parkIds: [text, gid('Park', text)] } } },
        { query: FIRMS, variables: { after: text } },
        { query: FIRMS, variables: { after: Buffer.from(JSON.stringify(['id', text])).toString('base64url') } },
        {
          query: FIRMS,
          variables: { orderBy: { field: 'NAME', direction: 'ASC' }, after: Buffer.from(JSON.stringify(['name:asc', text, text, 1])).toString('base64url') },
        },
        { query: 'query N($id: ID!) { node(id: $id) { id } }', variables: { id: text } },
        { query: 'query N($id: ID!) { node(id: $id) { id } }', variables: { id: gid('Enterprise', text) } },
        { query: 'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: [gid('Enterprise', 1), text] } },
        { query: `{ enterprises(filter: { search: ${JSON.stringify(text)} }) { totalCount } }` },
      ];
      for (const body of bodies) await same(body);
    }
    // A search string reaches the compiled SQL as a value: the path ran compiled and found nothing odd.
    const searched = await same({ query: FIRMS, variables: { filter: { search: INJECTIONS[1] } } });
    expect(searched.execution).toBe('compiled');
    const [{ n }] = await compiled.sql<{ n: number }>('select count(*)::int as n from enterprise');
    expect(n).toBe(firmCount);
    expect((await compiled.sql('select 1 from park limit 1')).length).toBe(1);
    expect((await compiled.sql('select 1 from sector limit 1')).length).toBe(1);
  });

  it('refuses a variables object of 10,000 keys the same way, without running anything', async () => {
    const variables: Record<string, unknown> = { first: 2 };
    for (let i = 0; i < 10000; i++) variables[`k${i}`] = i;
    const a = await same({ query: FIRMS, variables });
    expect(a.body.errors?.[0]?.extensions?.code).toBeDefined();
    expect(a.statements).toBe(0);
  });

  it('keeps plans apart for the same document with different operation names', async () => {
    const document = `query A { enterprises(first: 2) { edges { node { id } } } }
      query B { parks(first: 3) { edges { node { id nameZh } } } }`;
    for (const operationName of ['A', 'B', 'A', 'B']) {
      const a = await same({ query: document, operationName });
      expect(a.execution).toBe('compiled');
      expect(Object.keys(a.body.data!)).toEqual([operationName === 'A' ? 'enterprises' : 'parks']);
    }
  });

  it('refuses an operation over the cost limit before any SQL runs', async () => {
    const query = `{ parks(first: 100) { edges { node { enterprises(first: 100) { edges { node { parks(first: 100) { edges { node { id } } } } } } } } } }`;
    const a = await same({ query });
    expect(a.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(a.statements).toBe(0);
    expect(a.execution).toBeNull();
  });

  it('answers BAD_USER_INPUT for a cursor of another ordering or another list', async () => {
    const byName = await same({ query: FIRMS, variables: { first: 2, orderBy: { field: 'NAME', direction: 'ASC' } } });
    const nameCursor = (byName.body.data!.enterprises as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const wrongOrder = await same({ query: FIRMS, variables: { first: 2, after: nameCursor } });
    expect(wrongOrder.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const parks = await same({ query: '{ parks(first: 1, orderBy: { field: ENTERPRISE_COUNT }) { pageInfo { endCursor } } }' });
    const parkCursor = (parks.body.data!.parks as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const wrongList = await same({ query: FIRMS, variables: { first: 2, after: parkCursor } });
    expect(wrongList.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // And a cursor of the same list and order continues it, on both paths.
    const next = await same({ query: FIRMS, variables: { first: 2, after: nameCursor, orderBy: { field: 'NAME', direction: 'ASC' } } });
    expect(next.execution).toBe('compiled');
  });
});
