import assert from 'node:assert/strict';
import { ClientError, gql, GraphQLClient } from 'graphql-request';
import { apiUrl, report } from './env.js';

const client = new GraphQLClient(apiUrl);

const SEARCH = gql`
  query RequestSearch($q: String!) {
    search(query: $q, first: 5) {
      totalCount
      edges {
        node {
          __typename
          ... on Park {
            id
            nameZh
          }
          ... on Enterprise {
            id
            nameZh
          }
        }
      }
    }
  }
`;
const found = await client.request<{ search: { totalCount: number; edges: Array<{ node: { __typename: string; nameZh?: string } }> } }>(SEARCH, { q: '崂山' });
assert.ok(found.search.totalCount > 0);
assert.ok(found.search.edges.some((e) => e.node.nameZh?.includes('崂山')));
report('graphql-request', `search "崂山" found ${found.search.totalCount} records`);

// A bad key: ClientError with the HTTP status and the codes.
const badKey = new GraphQLClient(apiUrl, { headers: { authorization: 'Bearer not-a-real-key' } });
const failure = await badKey.request(SEARCH, { q: '崂山' }).then(
  () => assert.fail('a bad key must be refused'),
  (error: unknown) => error,
);
assert.ok(failure instanceof ClientError, String(failure));
assert.equal(failure.response.status, 401);
assert.equal(failure.response.errors?.[0].extensions?.code, 'UNAUTHENTICATED');
report('graphql-request', 'a bad key: ClientError, response.status 401, response.errors[0].extensions.code UNAUTHENTICATED');

// An invalid argument: HTTP 400 and BAD_USER_INPUT, also as ClientError.
const tooMany = await client.request(SEARCH.replace('first: 5', 'first: 1000'), { q: '崂山' }).then(
  () => assert.fail('first: 1000 must be refused'),
  (error: unknown) => error,
);
assert.ok(tooMany instanceof ClientError);
assert.equal(tooMany.response.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
report('graphql-request', `first: 1000 → ClientError, status ${tooMany.response.status}, code BAD_USER_INPUT`);
