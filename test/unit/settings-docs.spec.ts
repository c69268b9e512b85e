import fs from 'node:fs';
import path from 'node:path';
import { SETTINGS } from '../../src/common/config';

const ROOT = path.join(__dirname, '../..');

interface DocumentedSetting {
  file: string;
  line: number;
  variable: string;
  /** The default cell as the reader sees it, when the table has a default column. */
  defaultCell?: string;
}

/**
 * Rows of every Markdown table whose header names a variable column: the variable (a cell that
 * is one `NAME` and nothing else) and, where the table has one, its default.
 */
function documentedSettings(file: string): DocumentedSetting[] {
  const rows: DocumentedSetting[] = [];
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  for (let i = 0; i < lines.length - 1; i++) {
    if (!lines[i].trim().startsWith('|') || !/^\|?\s*:?-{3,}/.test(lines[i + 1].trim())) continue;
    const header = cells(lines[i]);
    const variableColumn = header.findIndex((h) => /variable/i.test(h));
    if (variableColumn < 0) continue;
    const defaultColumn = header.findIndex((h) => /default/i.test(h));
    for (let j = i + 2; j < lines.length && lines[j].trim().startsWith('|'); j++) {
      const row = cells(lines[j]);
      const variable = /^`([A-Z][A-Z0-9_]+)`$/.exec(row[variableColumn] ?? '')?.[1];
      if (variable) rows.push({ file, line: j + 1, variable, defaultCell: defaultColumn >= 0 ? row[defaultColumn] : undefined });
    }
  }
  return rows;
}

/** A default as written in the docs, in the form the configuration table writes it. */
function normalDefault(cell: string): string | undefined {
  const plain = cell.replace(/`/g, '').trim();
  if (/^\*?\(?(unset|none)\b/i.test(plain)) return undefined;
  if (/^on$/i.test(plain)) return 'true';
  if (/^off$/i.test(plain)) return 'false';
  const number = /^(\d[\d,]*)(\s*MB)?(\s|$)/.exec(plain);
  if (number) return String(Number(number[1].replace(/,/g, '')) * (number[2] ? 1024 * 1024 : 1));
  return plain;
}

const DOCS = ['docs/operators.md', ...(fs.existsSync(path.join(ROOT, 'README.md')) ? ['README.md'] : [])];
const documented = DOCS.flatMap(documentedSettings);
const settings = Object.values(SETTINGS);

describe('the settings tables in the docs and the configuration table (src/common/config.ts)', () => {
  it('finds the settings tables at all', () => {
    expect(documented.length).toBeGreaterThan(20);
  });

  it('documents every variable the code reads', () => {
    const names = new Set(documented.map((d) => d.variable));
    expect(settings.map((s) => s.variable).filter((v) => !names.has(v))).toEqual([]);
  });

  it('documents no variable the code does not read', () => {
    const names = new Set(settings.map((s) => s.variable));
    expect(documented.filter((d) => !names.has(d.variable)).map((d) => `${d.file}:${d.line} ${d.variable}`)).toEqual([]);
  });

  it('gives every variable the default the code uses', () => {
    const byName = new Map(settings.map((s) => [s.variable, s as { default?: string }]));
    const wrong = documented
      .filter((d) => d.defaultCell !== undefined && byName.has(d.variable))
      .filter((d) => normalDefault(d.defaultCell!) !== byName.get(d.variable)!.default)
      .map((d) => `${d.file}:${d.line} ${d.variable}: docs say "${d.defaultCell}", the code uses ${JSON.stringify(byName.get(d.variable)!.default ?? null)}`);
    expect(wrong).toEqual([]);
  });

  it('names each variable once in the configuration table', () => {
    const names = settings.map((s) => s.variable);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});
