import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DocumentNode, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { loadConfig } from '../common/config';
import { computeCost } from './cost';
import { measureInput } from './input-limits';
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
      const variables = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, 100]));
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

  it('prices a variable by its declared default, exactly like the same value written in the query', () => {
    const byDefault = cost('query($n: Int = 100) { enterprises(first: $n) { edges { node { sectors { enterprises(first: $n) { totalCount } } } } } }');
    const literal = cost('{ enterprises(first: 100) { edges { node { sectors { enterprises(first: 100) { totalCount } } } } } }');
    // 100 firms, each with up to 8 sectors (the SectorCode enum), each listing 100 firms.
    expect(literal.nodes).toBe(100 + 100 * 8 * 100);
    expect(byDefault).toEqual(literal);
    // A value sent overrides the default.
    expect(cost('query($n: Int = 100) { parks(first: $n) { totalCount } }', { n: 3 }).nodes).toBe(3);
  });

  it('multiplies the children of a plain list by its largest size', () => {
    expect(cost('{ sectors { enterprises(first: 10) { totalCount } } }').nodes).toBe(8 * 10);
    expect(cost('{ parks(first: 2) { edges { node { focusSectors { enterprises(first: 5) { totalCount } } } } } }').nodes).toBe(2 + 2 * 8 * 5);
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
    expect(cost('{ parks(first: 100) { edges { node { enterprises(first: 100) { edges { node { parks(first: 1) { totalCount } } } } } } } }').points).toBe(
      Math.round((1 + 100 + 10000) / 100),
    );
  });

  it('prices introspection by the size of the schema: 30 aliased full introspections are refused', () => {
    const one = cost('{ __schema { types { name } } }');
    expect(one.nodes).toBeGreaterThan(500);
    const aliases = Array.from({ length: 30 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ');
    const thirty = cost(`{ ${aliases} }`);
    expect(thirty.nodes).toBe(30 * one.nodes);
    expect(thirty.nodes).toBeGreaterThan(defaults.maxNodes);
    expect(thirty.points).toBeGreaterThan(1);
    expect(cost('{ __type(name: "Park") { name } }').nodes).toBeGreaterThan(0);
  });

  it('prices each fragment once however often it is spread, and counts every spread', () => {
    // Ten fragments, each spreading the next five times: 5^9 paths to the innermost list.
    const chain = Array.from({ length: 9 }, (_, i) => `fragment F${i} on Query { ${`...F${i + 1} `.repeat(5)}}`).join('\n');
    const doc = `{ ...F0 }\n${chain}\nfragment F9 on Query { parks(first: 2) { totalCount } }`;
    expect(cost(doc).nodes).toBe(2 * 5 ** 9);
    // Deeper chains stay finite (capped) instead of overflowing.
    const long = Array.from({ length: 40 }, (_, i) => `fragment G${i} on Query { ${`...G${i + 1} `.repeat(9)}}`).join('\n');
    expect(cost(`{ ...G0 }\n${long}\nfragment G40 on Query { parks(first: 2) { totalCount } }`).nodes).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('shape limits through fragments', () => {
  const errors = (source: string, limits = defaults) => validate(schema, parse(source), shapeLimitRules(limits)).map((e) => e.message);

  it('counts directives and aliases as executed: one fragment spread ten times counts ten times', () => {
    const six = Array.from({ length: 6 }, (_, i) => `d${i}: sectors @include(if: true) { code }`).join(' ');
    expect(errors(`{ ...D }\nfragment D on Query { ${six} }`)).toEqual([]);
    expect(errors(`{ ${'...D '.repeat(10)}}\nfragment D on Query { ${six} }`)).toEqual([
      'Query alias count 60 exceeds the limit of 30.',
      'Query directive count 60 exceeds the limit of 50.',
    ]);
  });

  it('measures depth through chains of fragments spread many times, each fragment once', () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${`...F${i + 1} `.repeat(5)}}`).join('\n');
    // Ten spreads, a list and its leaf: depth 12 passes; one more fragment makes 13.
    expect(errors(`{ ...F0 }\n${chain(9)}\nfragment F9 on Query { sectors { code } }`)).toEqual([]);
    expect(errors(`{ ...F0 }\n${chain(10)}\nfragment F10 on Query { sectors { code } }`)).toEqual(['Query depth 13 exceeds the limit of 12.']);
  });
});

describe('input limits', () => {
  const limits = { maxInputValues: 5, maxInputDepth: 3 };
  it('counts the values of all variables and the nesting of each, without recursion', () => {
    expect(measureInput({ a: [1, 2], b: { c: 'x', d: null } }, limits)).toBeNull();
    expect(measureInput({ a: [1, 2, 3, 4, 5, 6] }, limits)).toEqual({ what: 'values', limit: 5 });
    expect(measureInput({ a: { b: { c: [1] } } }, limits)).toBeNull();
    expect(measureInput({ a: { b: { c: { d: { e: 1 } } } } }, limits)).toEqual({ what: 'depth', limit: 3 });
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(measureInput({ unused: deep }, defaults)).toEqual({ what: 'depth', limit: defaults.maxInputDepth });
  });
});

describe('limit configuration', () => {
  it('reads every limit from the environment, with the documented defaults', () => {
    expect(defaults).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxDirectives: 50,
      maxTokens: 3000,
      maxNodes: 20000,
      defaultPageSize: 20,
      maxInputValues: 1000,
      maxInputDepth: 16,
      maxResponseBytes: 16 * 1024 * 1024,
    });
    const config = loadConfig({
      MAX_QUERY_DEPTH: '5',
      MAX_QUERY_ALIASES: '6',
      MAX_QUERY_DIRECTIVES: '7',
      MAX_QUERY_TOKENS: '800',
      MAX_QUERY_NODES: '900',
      RATE_LIMIT_ANONYMOUS: '10',
      RATE_LIMIT_KEYED: '20',
      RATE_LIMIT_WINDOW_MS: '1000',
      REQUEST_TIMEOUT_MS: '1500',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      REDIS_URL: 'redis://127.0.0.1:6379',
      MAX_INPUT_VALUES: '11',
      MAX_INPUT_DEPTH: '12',
      MAX_RESPONSE_BYTES: '13',
      RESPONSE_CACHE_MAX_MB: '2',
      REDIS_TIMEOUT_MS: '30',
    });
    expect(config.limits).toMatchObject({
      maxDepth: 5,
      maxAliases: 6,
      maxDirectives: 7,
      maxTokens: 800,
      maxNodes: 900,
      maxInputValues: 11,
      maxInputDepth: 12,
      maxResponseBytes: 13,
    });
    expect(config.responseCacheMaxBytes).toBe(2 * 1024 * 1024);
    expect(config.redisTimeoutMs).toBe(30);
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
