import { DocumentNode, Lexer, print, Source, TokenKind } from 'graphql';

import {
  CostDefaultPagesDocument,
  CostFlatDocument,
  CostProbeDocument,
  DepthThirteenByFragmentsDocument,
  DepthThirteenByInlineFragmentsDocument,
  DepthThirteenDocument,
  DepthTwelveByFragmentsDocument,
  DepthTwelveDocument,
  FiftyDirectivesDocument,
  FiftyOneDirectivesDocument,
  IntrospectionTypesDocument,
  ParksPageDocument,
  SectorsDocument,
  ThirtyAliasesDocument,
  ThirtyOneAliasesDocument,
  ThreeThousandOneTokensDocument,
  ThreeThousandTokensDocument,
} from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

/** Tokens the parser counts (everything but start and end of file): what `maxTokens` limits. */
function tokenCount(doc: DocumentNode): number {
  const lexer = new Lexer(new Source(print(doc)));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

function aliasCount(doc: DocumentNode): number {
  return (print(doc).match(/\b\w+:\s*\w+\s*[{(]/g) ?? []).length;
}

const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.map((e) => e.extensions?.code);

describe('query limits (defaults), checked before any SQL runs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const accepted = async (res: Awaited<ReturnType<TestServer['gql']>>) => {
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  };
  const rejected = async (res: Awaited<ReturnType<TestServer['gql']>>, code: string, message: RegExp) => {
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual([code]);
    expect(res.errors![0].message).toMatch(message);
    expect(res.data ?? null).toBeNull();
    expect(res.headers.get('x-sql-statements')).toBe('0');
  };

  it('depth: 12 passes, 13 is refused; fragment spreads and inline fragments count as levels', async () => {
    await accepted(await server.gql(DepthTwelveDocument));
    await accepted(await server.gql(DepthTwelveByFragmentsDocument));
    await rejected(await server.gql(DepthThirteenDocument), 'GRAPHQL_VALIDATION_FAILED', /depth 13 exceeds the limit of 12/);
    await rejected(await server.gql(DepthThirteenByFragmentsDocument), 'GRAPHQL_VALIDATION_FAILED', /depth 13 exceeds the limit of 12/);
    const [park] = await server.sql<{ id: number }>('select id from park order by id limit 1');
    const parkId = Buffer.from(`Park:${park.id}`).toString('base64');
    await rejected(await server.gql(DepthThirteenByInlineFragmentsDocument, { id: parkId }), 'GRAPHQL_VALIDATION_FAILED', /depth 13 exceeds the limit of 12/);
  });

  it('aliases: 30 pass, 31 are refused', async () => {
    expect(aliasCount(ThirtyAliasesDocument)).toBe(30);
    expect(aliasCount(ThirtyOneAliasesDocument)).toBe(31);
    await accepted(await server.gql(ThirtyAliasesDocument));
    await rejected(await server.gql(ThirtyOneAliasesDocument), 'GRAPHQL_VALIDATION_FAILED', /alias count 31 exceeds the limit of 30/);
  });

  it('directives: 50 pass, 51 are refused', async () => {
    const count = (doc: DocumentNode) => (print(doc).match(/@include/g) ?? []).length;
    expect(count(FiftyDirectivesDocument)).toBe(50);
    expect(count(FiftyOneDirectivesDocument)).toBe(51);
    await accepted(await server.gql(FiftyDirectivesDocument, { yes: true }));
    await rejected(await server.gql(FiftyOneDirectivesDocument, { yes: true }), 'GRAPHQL_VALIDATION_FAILED', /directive count 51 exceeds the limit of 50/);
  });

  it('tokens: 3,000 parse, 3,001 are refused by the parser with HTTP 400', async () => {
    expect(tokenCount(ThreeThousandTokensDocument)).toBe(3000);
    expect(tokenCount(ThreeThousandOneTokensDocument)).toBe(3001);
    await accepted(await server.gql(ThreeThousandTokensDocument));
    await rejected(await server.gql(ThreeThousandOneTokensDocument), 'GRAPHQL_PARSE_FAILED', /3000 tokens/);
  });

  it('cost: 20,000 worst-case nodes run, 20,001 are refused with QUERY_TOO_COSTLY naming cost and limit', async () => {
    const atLimit = await server.gql(CostProbeDocument, { a: 100, b: 99, c: 1, d: 100 });
    await accepted(atLimit);
    expect(atLimit.extensions?.cost).toMatchObject({ nodes: 20000 });
    const past = await server.gql(CostProbeDocument, { a: 100, b: 99, c: 1, d: 101 });
    await rejected(past, 'QUERY_TOO_COSTLY', /up to 20001 nodes; the limit is 20000/);
    expect(past.errors![0].extensions).toMatchObject({ cost: 20001, limit: 20000 });
    expect(past.extensions?.cost).toMatchObject({ requested: 0, nodes: 20001 });
  });

  it('every response carries extensions.cost and the rate-limit headers, agreeing with each other', async () => {
    const res = await server.gql(CostDefaultPagesDocument);
    await accepted(res);
    const cost = res.extensions!.cost as { requested: number; nodes: number; limit: number; remaining: number; used: number; resetAt: string };
    expect(cost.nodes).toBe(20 + 20 * 20);
    expect(cost.requested).toBe(1);
    expect(cost.limit).toBe(5000);
    expect(cost.remaining).toBe(cost.limit - cost.used);
    expect(Date.parse(cost.resetAt)).toBeGreaterThan(Date.now());
    expect(Number(res.headers.get('x-ratelimit-limit'))).toBe(cost.limit);
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBe(cost.remaining);
    expect(Number(res.headers.get('x-ratelimit-used'))).toBe(cost.used);
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBe(Math.ceil(Date.parse(cost.resetAt) / 1000));
    // A refused document costs nothing but still reports the budget.
    const refused = await server.gql(DepthThirteenDocument);
    expect(refused.extensions?.cost).toMatchObject({ requested: 0, used: cost.used });
  });

  it('request bodies over 1 MB on /graphql get 413 with a JSON GraphQL error; 1 MB minus a little passes', async () => {
    const send = (padding: number) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(SectorsDocument), variables: { padding: 'x'.repeat(padding) } }),
      });
    const big = await send(1024 * 1024);
    expect(big.status).toBe(413);
    const body = (await big.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await send(1024 * 1024 - 1000)).status).toBe(200);
  });

  it('malformed JSON gets 400 with a coded error; HTTP batching is off', async () => {
    const bad = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_REQUEST');
    const batch = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: print(SectorsDocument) }, { query: print(SectorsDocument) }]),
    });
    expect(batch.status).toBe(400);
    expect(((await batch.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('introspection stays on: the schema is public', async () => {
    const res = await server.gql(IntrospectionTypesDocument);
    await accepted(res);
    expect(res.data!.__schema.types.map((t) => t.name)).toEqual(expect.arrayContaining(['Park', 'Enterprise', 'Query']));
  });

  it('limits come from the configuration', async () => {
    const tight = await startTestServer(
      { limits: { ...server.config.limits, maxDepth: 3, maxAliases: 1, maxDirectives: 1, maxTokens: 1000, maxNodes: 10 } },
      { sharing: server },
    );
    try {
      expect((await tight.gql(SectorsDocument)).errors).toBeUndefined();
      expect(codes(await tight.gql(ParksPageDocument, { first: 5 }))).toEqual(['GRAPHQL_VALIDATION_FAILED']); // depth 5
      expect(codes(await tight.gql(ThirtyAliasesDocument))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(codes(await tight.gql(FiftyDirectivesDocument, { yes: true }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(codes(await tight.gql(ThreeThousandTokensDocument))).toEqual(['GRAPHQL_PARSE_FAILED']);
      expect((await tight.gql(CostFlatDocument, { n: 5 })).errors).toBeUndefined(); // 10 nodes
      expect(codes(await tight.gql(CostFlatDocument, { n: 6 }))).toEqual(['QUERY_TOO_COSTLY']); // 12 nodes
    } finally {
      await tight.close();
    }
  });
});
