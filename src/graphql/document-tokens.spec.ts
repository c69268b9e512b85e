import { buildSchema, GraphQLError, parse, print, Token, validate } from 'graphql';
import { dropTokens } from './document-tokens';

const schema = buildSchema('type Query { park(id: ID!): Park } type Park { name: String }');
const text = 'query P {\n  park(id: "1") {\n    name\n    missing\n  }\n}';

function tokensReachable(document: object): number {
  const seen = new Set<Token>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if (value instanceof Token) {
      for (let t: Token | null = value; t && !seen.has(t); t = t.next) seen.add(t);
      return;
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'source') walk(child);
  };
  walk(document);
  return seen.size;
}

describe('dropTokens (documents kept for reuse)', () => {
  it('lets go of the token list, and the document prints the same', () => {
    const document = parse(text);
    expect(tokensReachable(document)).toBeGreaterThan(10);
    const before = print(document);
    dropTokens(document);
    expect(tokensReachable(document)).toBeLessThanOrEqual(1);
    expect(print(document)).toBe(before);
  });

  it('keeps error locations: a validation error points at the same line and column', () => {
    const fresh = validate(schema, parse(text));
    const stored = validate(schema, dropTokens(parse(text)));
    expect(fresh.map((e: GraphQLError) => e.locations)).toEqual([[{ line: 4, column: 5 }]]);
    expect(stored.map((e: GraphQLError) => e.locations)).toEqual(fresh.map((e) => e.locations));
  });
});
