import assert from 'node:assert/strict';
import { cacheExchange, Client, fetchExchange, gql } from '@urql/core';
import { apiUrl, editorKey, report } from './env.js';

/** urql with its default settings: queries go as GET (within the URL limit), mutations as POST. */
const methods: string[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  methods.push(init?.method ?? 'GET');
  return fetch(input, init);
};
const client = new Client({ url: apiUrl, exchanges: [cacheExchange, fetchExchange], fetch: recordingFetch });

const PARKS = gql`
  query UrqlParks($first: Int) {
    parks(first: $first) {
      totalCount
      edges {
        node {
          id
          nameZh
          district
          latitude
          longitude
        }
      }
    }
  }
`;
const parks = await client.query(PARKS, { first: 50 }).toPromise();
assert.equal(parks.error, undefined, String(parks.error));
assert.deepEqual(methods, ['GET']);
const nodes = (parks.data as { parks: { totalCount: number; edges: Array<{ node: { nameZh: string; district: string } }> } }).parks;
assert.ok(nodes.totalCount > 0);
assert.ok(
  nodes.edges.some((e) => e.node.district === '崂山区'),
  'the seeds have a park in 崂山区',
);
report('urql', `default client read ${nodes.edges.length} parks over GET`);

// A mutation without a key: urql sends it as POST; the API refuses it with a coded error.
const CREATE = gql`
  mutation UrqlCreate($input: CreateEnterpriseInput!) {
    createEnterprise(input: $input) {
      enterprise {
        id
        nameZh
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const anonymous = await client.mutation(CREATE, { input: { nameZh: '示例数据urql匿名企业', layer: 'APPLICATION' } }).toPromise();
assert.equal(methods.at(-1), 'POST');
assert.ok(anonymous.error, 'an anonymous mutation is refused');
const code = anonymous.error.graphQLErrors[0]?.extensions?.code;
assert.ok(code === 'UNAUTHENTICATED' || code === 'FORBIDDEN', `code ${String(code)}`);
report('urql', `an anonymous mutation went as POST and came back as CombinedError, graphQLErrors[0].extensions.code = ${String(code)}`);

// With a key, through fetchOptions: the mutation writes.
const editor = new Client({ url: apiUrl, exchanges: [fetchExchange], fetchOptions: { headers: { authorization: `Bearer ${editorKey}` } } });
const created = await editor.mutation(CREATE, { input: { nameZh: '示例数据urql企业', layer: 'APPLICATION' } }).toPromise();
assert.equal(created.error, undefined, String(created.error));
const payload = (created.data as { createEnterprise: { enterprise: { id: string; nameZh: string } | null; userErrors: unknown[] } }).createEnterprise;
assert.deepEqual(payload.userErrors, []);
assert.equal(payload.enterprise?.nameZh, '示例数据urql企业');
report('urql', 'an editor key in fetchOptions.headers writes');

// A bad key: CombinedError carries the HTTP response (401) and the code.
const badKey = new Client({ url: apiUrl, exchanges: [fetchExchange], fetchOptions: { headers: { authorization: 'Bearer not-a-real-key' } } });
const refused = await badKey.query(PARKS, { first: 1 }).toPromise();
assert.ok(refused.error);
assert.equal((refused.error.response as Response | undefined)?.status, 401);
assert.equal(refused.error.graphQLErrors[0]?.extensions?.code, 'UNAUTHENTICATED');
report('urql', 'a bad key: error.response.status 401, graphQLErrors[0].extensions.code UNAUTHENTICATED');
