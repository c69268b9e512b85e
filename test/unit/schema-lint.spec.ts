import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';

const root = path.join(__dirname, '../..');
const linter = path.join(root, 'node_modules/graphql-schema-linter/lib/cli.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the linter's own config is a CommonJS file
const config = require(path.join(root, 'graphql-schema-linter.config.js')) as { rules: string[]; ignore: Record<string, string[]> };

interface Finding {
  message: string;
  rule: string;
  location: { line: number; column: number; file: string };
}

/** Runs graphql-schema-linter as CI does, with the committed configuration (from the project root). */
function lint(file: string): Finding[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [linter, '--format', 'json', file], { cwd: root, encoding: 'utf8' });
  } catch (error) {
    // The linter exits 1 when it finds something; its report is still on stdout.
    out = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { errors: Finding[] }).errors;
}

describe('graphql-schema-linter on the emitted schema', () => {
  it('finds nothing in schema/schema.graphql with the committed configuration', () => {
    expect(lint('schema/schema.graphql').map((f) => `${f.location.line}: ${f.message} (${f.rule})`)).toEqual([]);
  });

  it('exempts only deprecated names, one schema coordinate at a time', () => {
    const schema = buildSchema(fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
    const ignored = Object.values(config.ignore).flat();
    expect(ignored.length).toBeGreaterThan(0);
    for (const coordinate of ignored) {
      const [typeName, fieldName] = coordinate.split('.');
      const type = schema.getType(typeName);
      const field = type && (isInputObjectType(type) || isObjectType(type) || isInterfaceType(type)) ? type.getFields()[fieldName] : undefined;
      expect({ coordinate, deprecated: field?.deprecationReason ?? null }).toEqual({ coordinate, deprecated: expect.any(String) });
    }
  });

  it('still reports what its rules forbid (a synthetic schema with findings)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-lint-'));
    const file = path.join(dir, 'bad.graphql');
    fs.writeFileSync(
      file,
      [
        '"""The root."""',
        'type Query {',
        '  """Snake case is a finding."""',
        '  not_camel: String',
        '',
        '  """lowercase start is a finding."""',
        '  ok: String',
        '}',
        '',
      ].join('\n'),
    );
    const rules = lint(file)
      .map((f) => f.rule)
      .sort();
    fs.rmSync(dir, { recursive: true, force: true });
    // (It also misses a Relay PageInfo type: another finding, of relay-page-info-spec.)
    expect(rules).toEqual(expect.arrayContaining(['descriptions-are-capitalized', 'fields-are-camel-cased']));
  });
});
