import assert from 'node:assert/strict';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { relayStylePagination } from '@apollo/client/utilities';
import { apiUrl, report } from './env.js';

/**
 * Apollo Client with a normalised cache keyed the way Relay keys its store: by `id` alone. That is
 * the strictest setting for the API (Apollo's default key, `__typename:id`, forgives more), so a
 * pass here holds for both. Lists page with relayStylePagination.
 */
const cache = new InMemoryCache({
  dataIdFromObject: (object) => (typeof object.id === 'string' ? object.id : undefined),
  typePolicies: {
    Query: { fields: { enterprises: relayStylePagination(['filter', 'orderBy']) } },
  },
});
const client = new ApolloClient({ link: new HttpLink({ uri: apiUrl }), cache });

const ENTERPRISES = gql`
  query ApolloEnterprises($first: Int, $after: String) {
    enterprises(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          nameZh
          layer
        }
      }
    }
  }
`;

// Relay-style pagination: three pages of 4 merged by the cache equal one page of 12.
const first = await client.query({ query: ENTERPRISES, variables: { first: 4 } });
let page = first.data as { enterprises: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string } }> } };
assert.ok(page.enterprises.totalCount >= 12, `the seeds have at least 12 firms, got ${page.enterprises.totalCount}`);
for (let i = 0; i < 2; i++) {
  // network-only: the cache would otherwise answer from the merged list it already holds.
  const more = await client.query({ query: ENTERPRISES, variables: { first: 4, after: page.enterprises.pageInfo.endCursor }, fetchPolicy: 'network-only' });
  page = more.data as typeof page;
}
const merged = cache.readQuery({ query: ENTERPRISES, variables: { first: 4 } }) as typeof page;
const whole = await client.query({ query: ENTERPRISES, variables: { first: 12 }, fetchPolicy: 'no-cache' });
const wholeIds = (whole.data as typeof page).enterprises.edges.map((e) => e.node.id);
assert.deepEqual(
  merged.enterprises.edges.map((e) => e.node.id),
  wholeIds,
);
report('apollo', `relay-style pagination merged 3 pages into the same 12 firms as one request (${wholeIds.length})`);

// A relation-graph query beside node queries: the vertices have IDs of their own, so the cache
// keeps each firm as an Enterprise with its fields.
const FIRM = gql`
  query ApolloFirm($id: ID!) {
    node(id: $id) {
      id
      ... on Enterprise {
        nameZh
        layer
        website
        parks(first: 5) {
          totalCount
        }
      }
    }
  }
`;
const GRAPH = gql`
  query ApolloGraph {
    relationGraph(filter: { districts: ["崂山区"], nodeKinds: [PARK, ENTERPRISE] }) {
      vertices {
        id
        recordId
        kind
        nameZh
        layer
        record {
          id
          ... on Enterprise {
            nameZh
            layer
          }
        }
      }
      edges {
        id
        kind
        source
        target
      }
    }
  }
`;
const firmId = wholeIds[0];
const before = (await client.query({ query: FIRM, variables: { id: firmId } })).data as {
  node: { id: string; nameZh: string; layer: string; parks: { totalCount: number } };
};
assert.equal(before.node.id, firmId);
const graph = (await client.query({ query: GRAPH })).data as {
  relationGraph: { vertices: Array<{ id: string; recordId: string; kind: string; record: { id: string } | null }> };
};
const firmVertices = graph.relationGraph.vertices.filter((v) => v.kind === 'ENTERPRISE');
assert.ok(firmVertices.length > 0, 'the 崂山区 graph has firms');
for (const vertex of firmVertices) {
  assert.notEqual(vertex.id, vertex.recordId);
  assert.equal(vertex.record?.id, vertex.recordId);
}
// Every firm of the graph is still an Enterprise in the cache, and a firm read before the graph
// query still answers from the cache with all its fields.
for (const vertex of firmVertices) {
  const entry = cache.extract()[vertex.recordId] as { __typename?: string } | undefined;
  assert.equal(entry?.__typename, 'Enterprise', `cache entry ${vertex.recordId} is an Enterprise`);
}
const graphFirm = firmVertices[0].recordId;
await client.query({ query: FIRM, variables: { id: graphFirm } });
const fromCache = cache.readQuery({ query: FIRM, variables: { id: graphFirm } }) as { node: { nameZh: string; layer: string } } | null;
assert.ok(fromCache?.node.nameZh && fromCache.node.layer, 'the firm reads back whole from the cache');
const again = cache.readQuery({ query: FIRM, variables: { id: firmId } }) as typeof before | null;
assert.deepEqual(again, before);
report('apollo', `relation graph (${graph.relationGraph.vertices.length} vertices) and node queries share an id-keyed cache without collision`);

// The deprecated RelationGraph.nodes reuses the firms' IDs: in the same cache it overwrites them.
// (This is why it is deprecated; the check proves the cache test above can fail.)
const OLD_GRAPH = gql`
  query ApolloOldGraph {
    relationGraph(filter: { districts: ["崂山区"], nodeKinds: [PARK, ENTERPRISE] }) {
      nodes {
        id
        kind
        nameZh
      }
    }
  }
`;
await client.query({ query: OLD_GRAPH });
assert.equal((cache.extract()[graphFirm] as { __typename?: string }).__typename, 'RelationGraphNode');
report('apollo', 'the deprecated RelationGraph.nodes does collide in an id-keyed cache (the reason it is deprecated)');

// Errors: 401 for a key the API does not know, with extensions.code in the body.
const badKey = new ApolloClient({ link: new HttpLink({ uri: apiUrl, headers: { authorization: 'Bearer not-a-real-key' } }), cache: new InMemoryCache() });
const failure = await badKey.query({ query: ENTERPRISES, variables: { first: 1 } }).then(
  () => assert.fail('a bad key must be refused'),
  (error: unknown) => error,
);
// Apollo Client asks for application/graphql-response+json, so the API's 401 arrives as a GraphQL
// response: CombinedGraphQLErrors, not a ServerError (which is for bodies that are not one).
assert.ok(!ServerError.is(failure), 'a GraphQL-shaped 401 is not a ServerError');
assert.ok(CombinedGraphQLErrors.is(failure), `expected CombinedGraphQLErrors, got ${String(failure)}`);
assert.equal(failure.errors[0].extensions?.code, 'UNAUTHENTICATED');
report('apollo', 'a bad key surfaces as CombinedGraphQLErrors with errors[0].extensions.code UNAUTHENTICATED');
