import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DocumentNode, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { loadConfig } from '../common/config';
import { computeCost } from './cost';
import { shapeLimitRules } from './limits';
import { buildAppSchema } from './schema';

const schema = buildAppSchema();
const defaults = loadConfig({}).limits;
const CONTRACT = path.join(__dirname, '../../schema/operations');

function operations(doc: DocumentNode): OperationDefinitionNode[] {
  return doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}
const cost = (source: string, variables: Record<string, unknown> = {}) => {
  const doc = parse(source);
  return computeCost(schema, doc, operations(doc)[0], variables, defaults.defaultPageSize);
};

describe('query limits on the public contract', () => {
  const files = fs.readdirSync(CONTRACT).filter((f) => f.endsWith('.graphql'));

  it('finds the contract files', () => {
    expect(files).toEqual(expect.arrayContaining(['directory.graphql']));
  });

  it.each(files)('every operation in %s passes the default depth, alias and directive limits', (file) => {
    const doc = parse(fs.readFileSync(path.join(CONTRACT, file), 'utf8'));
    expect(operations(doc).length).toBeGreaterThan(0);
    // Only the limit rules: operations of other issues' files may not validate on this branch yet.
    expect(validate(schema, doc, shapeLimitRules(defaults)).map((e) => e.message)).toEqual([]);
  });

  it('every operation in directory.graphql stays under the node limit at the largest pages the schema allows', () => {
    const doc = parse(fs.readFileSync(path.join(CONTRACT, 'directory.graphql'), 'utf8'));
    expect(validate(schema, doc)).toEqual([]);
    for (const operation of operations(doc)) {
      // Every Int variable at the largest page size (100) is the worst a client can ask.
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, 100]),
      );
      const { nodes } = computeCost(schema, doc, operation, variables, defaults.defaultPageSize);
      expect({ operation: operation.name?.value, withinLimit: nodes <= defaults.maxNodes }).toEqual({ operation: operation.name?.value, withinLimit: true });
    }
  });
});

describe('cost model', () => {
  it('multiplies each connection’s children by its first/last', () => {
    expect(cost('{ parks(first: 5) { edges { node { enterprises(first: 7) { totalCount } } } } }')).toEqual({ nodes: 5 + 35, points: 1 });
    expect(cost('query($n: Int) { parks(last: $n) { totalCount } }', { n: 3 }).nodes).toBe(3);
  });

  it('prices a connection without first/last at the default page size (20)', () => {
    expect(cost('{ parks { edges { node { enterprises { totalCount } } } } }').nodes).toBe(20 + 400);
  });

  it('follows fragments and inline fragments, and counts lists by ID and the relation graph', () => {
    expect(cost('{ parks(first: 2) { edges { node { ...P } } } } fragment P on Park { enterprises(first: 3) { totalCount } }').nodes).toBe(2 + 6);
    expect(cost('{ node(id: "x") { ... on Park { enterprises(first: 4) { totalCount } } } }').nodes).toBe(4);
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { id } }').nodes).toBe(3);
    expect(cost('{ relationGraph { nodes { id } } }').nodes).toBe(500);
  });

  it('charges points as GitHub does: one per hundred connection fetches, at least one', () => {
    // 1 fetch of parks + 100 fetches of enterprises (one per park) = 101 → 1 point; 100 × 100 parks → 101 + 10,000.
    expect(cost('{ parks(first: 100) { edges { node { enterprises(first: 10) { totalCount } } } } }').points).toBe(1);
    expect(
      cost('{ parks(first: 100) { edges { node { enterprises(first: 100) { edges { node { parks(first: 1) { totalCount } } } } } } } }').points,
    ).toBe(Math.round((1 + 100 + 10000) / 100));
  });

  it('introspection costs nothing', () => {
    expect(cost('{ __schema { types { name } } }')).toEqual({ nodes: 0, points: 1 });
  });
});

describe('limit configuration', () => {
  it('reads every limit from the environment, with the documented defaults', () => {
    expect(defaults).toEqual({ maxDepth: 12, maxAliases: 30, maxDirectives: 50, maxTokens: 3000, maxNodes: 20000, defaultPageSize: 20 });
    const config = loadConfig({
      MAX_QUERY_DEPTH: '5', MAX_QUERY_ALIASES: '6', MAX_QUERY_DIRECTIVES: '7', MAX_QUERY_TOKENS: '800', MAX_QUERY_NODES: '900',
      RATE_LIMIT_ANONYMOUS: '10', RATE_LIMIT_KEYED: '20', RATE_LIMIT_WINDOW_MS: '1000', REQUEST_TIMEOUT_MS: '1500',
      CORS_ORIGINS: 'https://a.example, https://b.example', REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.limits).toMatchObject({ maxDepth: 5, maxAliases: 6, maxDirectives: 7, maxTokens: 800, maxNodes: 900 });
    expect(config.rateLimit).toEqual({ anonymousPoints: 10, keyedPoints: 20, windowMs: 1000 });
    expect(config.requestTimeoutMs).toBe(1500);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(loadConfig({}).rateLimit).toEqual({ anonymousPoints: 5000, keyedPoints: 50000, windowMs: 3600000 });
  });

  it('refuses a limit that is not a positive whole number, naming the variable', () => {
    expect(() => loadConfig({ MAX_QUERY_DEPTH: 'deep' })).toThrow(/MAX_QUERY_DEPTH must be a positive whole number/);
    expect(() => loadConfig({ RATE_LIMIT_ANONYMOUS: '0' })).toThrow(/RATE_LIMIT_ANONYMOUS/);
  });
});
