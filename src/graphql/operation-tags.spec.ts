import { buildSchema, parse } from 'graphql';
import { operationTags } from './operation-tags';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Provenance { source: String! }
  type Sector implements Node { id: ID! code: String! }
  type Park implements Node { id: ID! nameZh: String! provenance: Provenance! enterprises(first: Int): EnterpriseConnection! }
  type Enterprise implements Node { id: ID! nameZh: String! sectors: [Sector!]! }
  type EnterpriseEdge { cursor: String! node: Enterprise! }
  type PageInfo { hasNextPage: Boolean! }
  type EnterpriseConnection { edges: [EnterpriseEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type ParkEdge { cursor: String! node: Park! }
  type ParkConnection { edges: [ParkEdge!]! totalCount: Int! }
  type CoverageCell { park: Park! enterpriseCount: Int! }
  type Coverage { cells: [CoverageCell!]! }
  type Query { parks: ParkConnection! node(id: ID!): Node coverage: Coverage! version: String! }
`);

const tags = (query: string) => operationTags(schema, parse(query));

describe('operation tags', () => {
  it('tags the entity types whose fields are selected, through connections and value objects', () => {
    expect(tags('{ parks { edges { node { nameZh provenance { source } enterprises { edges { node { sectors { code } } } } } } } }')).toEqual([
      'Enterprise',
      'Park',
      'Sector',
    ]);
  });

  it('a connection stands for its node type even when only totalCount is selected', () => {
    expect(tags('{ parks { edges { node { enterprises { totalCount } } } } }')).toEqual(['Enterprise', 'Park']);
  });

  it('an interface expands to its members', () => {
    expect(tags('query($id: ID!) { node(id: $id) { id } }')).toEqual(['Enterprise', 'Park', 'Sector']);
  });

  it('an aggregate or a scalar off the root depends on every entity type', () => {
    expect(tags('{ coverage { cells { enterpriseCount } } }')).toEqual(['Enterprise', 'Park', 'Sector']);
    expect(tags('{ version }')).toEqual(['Enterprise', 'Park', 'Sector']);
  });

  it('fragments count like inline selections', () => {
    expect(tags('{ parks { edges { node { ...P } } } } fragment P on Park { nameZh }')).toEqual(['Park']);
  });
});
