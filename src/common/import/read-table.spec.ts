import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { detectEncoding, readCsv, readJson } from './read-table';

describe('reading Excel-made CSV', () => {
  const csv = '企业名称,简介\r\n青岛示例公司,"含逗号,和""引号""\n第二行"\r\n青岛第二家公司,\r\n';

  it('detects UTF-8 with and without BOM, and GB18030', () => {
    expect(detectEncoding(Buffer.from(csv))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))).toBe('utf-8');
    expect(detectEncoding(iconv.encode(csv, 'gb18030'))).toBe('gb18030');
  });

  it.each([
    ['UTF-8', Buffer.from(csv)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])],
    ['GB18030', iconv.encode(csv, 'gb18030')],
  ])('reads %s with quoted commas, quotes and newlines intact, in small chunks', async (_name, bytes) => {
    const chunks = [...Array(Math.ceil(bytes.length / 7)).keys()].map((i) => bytes.subarray(i * 7, i * 7 + 7));
    const table = await readCsv(Readable.from(chunks), { maxBytes: 1e6 });
    expect(table.headers).toEqual(['企业名称', '简介']);
    expect(table.rows).toEqual([
      { line: 2, cells: { 企业名称: '青岛示例公司', 简介: '含逗号,和"引号"\n第二行' } },
      { line: 4, cells: { 企业名称: '青岛第二家公司', 简介: '' } },
    ]);
  });

  it('refuses a stream over the limit', async () => {
    await expect(readCsv(Readable.from([Buffer.alloc(2000, 'a')]), { maxBytes: 1000 })).rejects.toThrow(/larger than/);
  });

  it('refuses a file whose text carries the NUL character, naming line and column', async () => {
    const bytes = Buffer.from('企业名称,简介\n青岛示例公司,好\n青岛第二家公司,坏\u0000字\n');
    await expect(readCsv(Readable.from([bytes]), { maxBytes: 1e6 })).rejects.toThrow('Line 3, column "简介"');
    const json = Buffer.from(JSON.stringify([{ 企业名称: 'a' }, { 企业名称: 'b\u0000' }]));
    await expect(readJson(Readable.from([json]), { maxBytes: 1e6 })).rejects.toThrow('Line 2, column "企业名称"');
  });
});
