import assert from 'node:assert/strict';
import { graphql } from './gql/index.js';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { apiUrl, report } from './env.js';

/**
 * GraphQL Code Generator's client preset: `graphql()` returns a typed document, the result type
 * follows the query, and the custom scalars have the types of the project's scalar map (tsc checks
 * the assertions at the bottom of this file when the runner compiles it).
 */
const ParkDetails = graphql(`
  query TypedParks($first: Int) {
    parks(first: $first) {
      edges {
        node {
          id
          nameZh
          latitude
          longitude
          provenance {
            verifiedAt
          }
          enterprises(first: 3) {
            edges {
              node {
                id
                website
                layer
              }
            }
          }
        }
      }
    }
  }
`);

async function request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const res = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as { data?: R; errors?: Array<{ message: string }> };
  if (!body.data) throw new Error(`HTTP ${res.status}: ${body.errors?.[0]?.message}`);
  return body.data;
}

const data = await request(ParkDetails, { first: 20 });
const parks = data.parks.edges.map((e) => e.node);
assert.ok(parks.length > 0);
const placed = parks.filter((p) => p.latitude !== null && p.latitude !== undefined);
assert.ok(placed.length > 0, 'some seeded parks have coordinates');
for (const park of placed) {
  const lat: number = park.latitude!;
  assert.equal(typeof lat, 'number');
  assert.ok(lat > 35 && lat < 37.5, `Qingdao latitudes, got ${lat}`);
}
const layers = new Set(parks.flatMap((p) => p.enterprises.edges.map((e) => e.node.layer)));
assert.ok([...layers].every((l) => l === 'FOUNDATION' || l === 'TECHNOLOGY' || l === 'APPLICATION'));
report('codegen', `typed query read ${parks.length} parks; latitude is a number, layer a ChainLayer`);

// Compile-time checks: this file does not compile unless the scalar map was applied.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type Park = (typeof parks)[number];
type Firm = Park['enterprises']['edges'][number]['node'];
export type ScalarChecks = [
  Expect<Equal<Park['latitude'], number | null>>,
  Expect<Equal<Park['provenance']['verifiedAt'], string | null>>,
  Expect<Equal<Firm['website'], string | null>>,
  Expect<Equal<Firm['layer'], 'APPLICATION' | 'FOUNDATION' | 'TECHNOLOGY'>>,
];
