import { Readable } from 'node:stream';
import fc from 'fast-check';
import { JsonRowScanner, JsonRowsError } from './json-rows';
import { readJson } from './read-table';

/** Feeds `text` to a scanner in pieces cut at `cuts` and returns the rows it found. */
function scan(text: string, cuts: number[] = []): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  const scanner = new JsonRowScanner((r) => rows.push(r));
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.write(text.slice(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  scanner.write(text.slice(at));
  scanner.end();
  return rows;
}

const cell = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const row = fc.dictionary(fc.string({ unit: 'grapheme' }), cell, { maxKeys: 5 });

describe('streamed JSON rows', () => {
  it('finds the same rows as JSON.parse, wherever the text is cut, in both shapes and any spacing', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 8 }),
        fc.array(fc.nat(2000), { maxLength: 6 }),
        fc.boolean(),
        fc.nat(3),
        fc.jsonValue(),
        (rows, cuts, wrapped, indent, other) => {
          const body = wrapped ? { before: other, rows, after: other } : rows;
          const text = JSON.stringify(body, null, indent);
          expect(scan(text, cuts)).toEqual(JSON.parse(text).rows ?? JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses what JSON.parse refuses: every cut-short prefix of a valid body', () => {
    const text = JSON.stringify({ meta: { a: [1, '}'] }, rows: [{ 企业名称: '青岛"甲"}', n: [1, { x: ']' }] }, { b: null }] });
    for (let end = 0; end < text.length; end++) {
      expect(() => scan(text.slice(0, end))).toThrow(JsonRowsError);
    }
    expect(scan(text)).toHaveLength(2);
  });

  it.each([
    ['a scalar', '5', 'shape'],
    ['an array of numbers', '[1, 2]', 'shape'],
    ['an object without rows', '{"firms": []}', 'shape'],
    ['rows that are not an array', '{"rows": {"a": 1}}', 'shape'],
    ['a trailing comma', '[{"a": 1},]', 'syntax'],
    ['a missing comma', '[{"a": 1} {"a": 2}]', 'syntax'],
    ['text after the end', '[{"a": 1}] x', 'syntax'],
    ['a bad value in another member', '{"meta": tru, "rows": []}', 'syntax'],
    ['a bad value inside a row', '[{"a": 01}]', 'syntax'],
  ])('refuses %s', (_name, text, kind) => {
    expect(() => scan(text)).toThrow(expect.objectContaining({ kind }));
    // The same verdict as JSON.parse on validity.
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    expect(valid).toBe(kind === 'shape');
  });

  it('readJson reads a body in 7-byte chunks (a BOM, Chinese split inside characters) and reports rows read', async () => {
    const bytes = Buffer.from(
      '\uFEFF' +
        JSON.stringify({
          rows: [
            { 企业名称: '青岛示例公司', 重点领域: ['智慧海洋', '工业制造'] },
            { 企业名称: ' 青岛第二家 ', 成立年份: 2019 },
          ],
        }),
    );
    const chunks = [...Array(Math.ceil(bytes.length / 7)).keys()].map((i) => bytes.subarray(i * 7, i * 7 + 7));
    const seen: number[] = [];
    const table = await readJson(Readable.from(chunks), { maxBytes: 1e6, onRows: (n) => seen.push(n) });
    expect(table.headers).toEqual(['企业名称', '重点领域', '成立年份']);
    expect(table.rows).toEqual([
      { line: 1, cells: { 企业名称: '青岛示例公司', 重点领域: '智慧海洋;工业制造' } },
      { line: 2, cells: { 企业名称: '青岛第二家', 成立年份: '2019' } },
    ]);
    expect(seen).toEqual([2]);
  });

  it('readJson stops at the byte limit and names bad JSON', async () => {
    const big = Buffer.from(JSON.stringify([...Array(200).keys()].map((i) => ({ 企业名称: `企业${i}` }))));
    await expect(readJson(Readable.from([big.subarray(0, 1000), big.subarray(1000)]), { maxBytes: 1500 })).rejects.toMatchObject({ status: 413 });
    await expect(readJson(Readable.from([Buffer.from('[{"a": ')]), { maxBytes: 1e6 })).rejects.toThrow('The body is not valid JSON.');
    await expect(readJson(Readable.from([Buffer.from('[1]')]), { maxBytes: 1e6 })).rejects.toThrow('Expected a JSON array of objects');
  });
});
