import fc from 'fast-check';
import { print } from 'graphql';
import { ErrorCode } from '../../src/common/errors';
import {
  EnterpriseDetailDocument,
  EnterpriseIdsPageDocument,
  EnterprisesFilteredDocument,
  EnterprisesOrderedDocument,
  NodesDocument,
  ParkEnterpriseIdsDocument,
  RelationGraphDocument,
  SearchPageDocument,
} from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

// Generated requests against the running server: none may get a 5xx, every error must carry a
// code the API documents, and the server must stay up. 1,200 requests in all.

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', '\u0007\b\n\r\t\u001b', '😀👩‍👩‍👧‍👦🇨🇳', '崂山', '%_\\', "'; drop table park; --", '\uFFFF\uD800', 'a'.repeat(201)),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }).map((s) => s.repeat(3000)), // oversized
);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const id = fc.oneof(
  nasty,
  fc
    .tuple(fc.constantFrom('Park', 'Enterprise', 'Sector', 'InnovationPlatform', 'Nope', ''), fc.oneof(fc.integer(), fc.string({ maxLength: 12 })))
    .map(([t, n]) => b64(`${t}:${n}`)),
);
const cursor = fc.oneof(
  fc.constant(null),
  nasty,
  fc.jsonValue({ maxDepth: 2 }).map((v) => b64(JSON.stringify(v))),
);
const pageSize = fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 120 }), fc.constantFrom(0, 2147483647, -2147483648));
const list = <T>(item: fc.Arbitrary<T>) => fc.oneof(fc.constant(null), fc.array(item, { maxLength: 5 }), fc.array(item, { minLength: 95, maxLength: 130 }));
const sector = fc.constantFrom('SMART_OCEAN', 'INDUSTRIAL_MANUFACTURING', 'TRANSPORTATION');

type Filter = Record<string, unknown>;
const { filter } = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.record(
    {
      sectors: list(sector),
      parkIds: list(id),
      layers: list(fc.constantFrom('FOUNDATION', 'TECHNOLOGY', 'APPLICATION')),
      districts: list(nasty),
      search: fc.oneof(fc.constant(null), nasty),
      foundedYear: fc.oneof(
        fc.constant(null),
        fc.record({ min: fc.option(fc.integer({ min: -5000, max: 5000 })), max: fc.option(fc.integer({ min: -5000, max: 5000 })) }),
      ),
      AND: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant(null), fc.array(tie('filter') as fc.Arbitrary<Filter>, { maxLength: 2 })),
      OR: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant(null), fc.array(tie('filter') as fc.Arbitrary<Filter>, { maxLength: 2 })),
      NOT: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant(null), tie('filter') as fc.Arbitrary<Filter>),
    },
    { requiredKeys: [] },
  ),
}));
/** A filter nested far deeper than allowed, built directly (the generator keeps nesting small). */
const deepFilter = fc.integer({ min: 5, max: 200 }).map((depth) => {
  let f: Filter = { search: '海洋' };
  for (let i = 0; i < depth; i++) f = i % 2 ? { NOT: f } : { AND: [f] };
  return f;
});

type Request = { query: string; variables: unknown };
const request = (doc: Parameters<typeof print>[0], variables: fc.Arbitrary<unknown>): fc.Arbitrary<Request> =>
  variables.map((v) => ({ query: print(doc), variables: v }));

const requests: fc.Arbitrary<Request> = fc.oneof(
  request(EnterprisesFilteredDocument, fc.record({ filter: fc.oneof(filter, deepFilter), first: pageSize, after: cursor })),
  request(EnterpriseIdsPageDocument, fc.record({ first: pageSize, after: cursor, last: pageSize, before: cursor, filter: fc.option(filter) })),
  request(ParkEnterpriseIdsDocument, fc.record({ parkId: id, first: pageSize, after: cursor, last: pageSize, before: cursor })),
  request(
    SearchPageDocument,
    fc.record({ q: nasty, types: list(fc.constantFrom('PARK', 'ENTERPRISE', 'SCENARIO', 'INNOVATION_PLATFORM')), first: pageSize, after: cursor }),
  ),
  request(NodesDocument, fc.record({ ids: fc.oneof(fc.array(id, { maxLength: 10 }), fc.array(id, { minLength: 90, maxLength: 150 })) })),
  request(EnterpriseDetailDocument, fc.record({ id })),
  request(
    EnterprisesOrderedDocument,
    fc.record({
      orderBy: fc.option(fc.record({ field: fc.constantFrom('NAME', 'ID', 'FOUNDED_YEAR', 'BOGUS'), direction: fc.constantFrom('ASC', 'DESC') })),
      first: pageSize,
      after: cursor,
      offset: fc.option(fc.integer({ min: -10, max: 20000 })),
    }),
  ),
  request(RelationGraphDocument, fc.record({ first: fc.oneof(fc.constantFrom(null, 0, -1, 501, 2147483647), fc.integer({ min: 1, max: 10 })) })),
  // Variables of the wrong shape altogether: any JSON.
  request(EnterprisesFilteredDocument, fc.jsonValue({ maxDepth: 6 })),
);

describe('robustness under generated requests', () => {
  let server: TestServer;
  beforeAll(async () => {
    // As deployed: the response cache is on by default outside tests.
    server = await startTestServer({ responseCache: true, rateLimit: { anonymousPoints: 1_000_000, keyedPoints: 1_000_000, windowMs: 3_600_000 } });
  });
  afterAll(() => server?.close());

  const send = async (body: unknown) => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, text };
  };

  const check = ({ status, text }: { status: number; text: string }) => {
    expect(status).toBeLessThan(500);
    const body = JSON.parse(text) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    for (const error of body.errors ?? []) {
      expect(KNOWN_CODES.has(error.extensions?.code ?? '(none)') ? 'known code' : `${error.extensions?.code}: ${error.message}`).toBe('known code');
    }
  };

  it('1,000 generated operations with hostile variables (four at a time): no 5xx, every error coded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(requests, { minLength: 4, maxLength: 4 }), async (batch) => {
        for (const res of await Promise.all(batch.map(send))) check(res);
      }),
      { numRuns: 250, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  }, 600_000); // about a minute on an idle machine; the guard allows for a busy CI box (it took over 300 s with two suites running)

  it('200 generated request bodies of any JSON shape: no 5xx, every error coded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 8 }),
          fc.record({ query: nasty, variables: fc.jsonValue({ maxDepth: 3 }) }),
          // Several operations: operationName picks one, or names none (or is not even a string).
          fc.record(
            {
              query: fc.constant('query A { sectors { code } } query B { parks { totalCount } }'),
              operationName: fc.oneof(fc.constantFrom('A', 'B'), nasty, fc.jsonValue({ maxDepth: 1 })),
            },
            { requiredKeys: ['query'] },
          ),
        ),
        async (body) => {
          check(await send(body));
        },
      ),
      { numRuns: 200, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });

  it('text carrying the NUL character is refused up front with BAD_USER_INPUT, in variables and in literals', async () => {
    const inVariable = await send({ query: print(EnterprisesFilteredDocument), variables: { filter: { districts: ['崂山区', 'a\u0000b'] }, first: 5 } });
    expect(inVariable.status).toBe(400);
    expect(JSON.parse(inVariable.text).errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('$filter.districts[1]'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    const inLiteral = await send({ query: '{ search(query: "海\\u0000洋") { totalCount } }' });
    expect(inLiteral.status).toBe(400);
    expect(JSON.parse(inLiteral.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('the server is still up and answering', async () => {
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.origin}/readyz`)).status).toBe(200);
  });
});
