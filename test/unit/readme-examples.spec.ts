import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

/** Every GraphQL example in the README runs as printed: it parses and validates against the published schema. */
describe('README examples', () => {
  const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => ({
    line: readme.slice(0, m.index).split('\n').length + 1,
    text: m[1],
  }));

  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples.map((e) => [e.line, e.text]))('the example at README line %i validates against the schema', (_line, text) => {
    expect(validate(schema, parse(text as string)).map((e) => e.message)).toEqual([]);
  });
});
