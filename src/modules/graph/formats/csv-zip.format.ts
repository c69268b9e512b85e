import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { NODE_ATTRIBUTES } from '../graph.model';
import type { GraphSource } from '../graph.service';
import type { ExportMeta, GraphFormat } from './format';
import { csvField, csvText } from './text';

/** nodes.csv in Gephi's spreadsheet layout: Id, Label, then one column per attribute. */
async function* nodesCsv(source: GraphSource): AsyncGenerator<string> {
  yield `${['Id', 'Label', ...NODE_ATTRIBUTES.map((a) => a.name)].join(',')}\r\n`;
  for await (const batch of source.nodes()) {
    let chunk = '';
    for (const n of batch) {
      chunk += `${n.id},${csvText(n.nameZh)}`;
      // Text cells are neutralised against formula injection; numbers are written as numbers.
      for (const a of NODE_ATTRIBUTES) {
        const value = n[a.name];
        chunk += `,${a.type === 'string' && typeof value === 'string' ? csvText(value) : csvField(value)}`;
      }
      chunk += '\r\n';
    }
    yield chunk;
  }
}

/** edges.csv in Gephi's layout: Source, Target, Type (Directed), Id, Label, kind. */
async function* edgesCsv(source: GraphSource): AsyncGenerator<string> {
  yield 'Source,Target,Type,Id,Label,kind\r\n';
  for await (const batch of source.edges()) {
    let chunk = '';
    for (const e of batch) chunk += `${e.source},${e.target},Directed,${e.id},${e.kind},${e.kind}\r\n`;
    yield chunk;
  }
}

/**
 * The Gephi spreadsheet pair as one zip. Names and other text cells that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab, CR) are prefixed with a single quote. Plain UTF-8 without a byte-order mark: Gephi, Python's
 * csv and pandas read it as is (a BOM would become part of the first header for them).
 * yazl writes entries one after the other; the edges file is created lazily, so nothing is
 * read before the nodes are done, and destroying the zip destroys whichever entry is open.
 */
function readme(meta: ExportMeta): string {
  const counts = Object.entries(meta.notice?.counts ?? {}).map(([kind, n]) => `  ${kind}: ${n}`);
  return [meta.title, meta.description, `Generated ${meta.generatedAt.toISOString()}`, '', '数据来源 Records per provenance kind:', ...counts, ''].join('\r\n');
}

function openZip(source: GraphSource, meta: ExportMeta): Readable {
  const zip = new ZipFile();
  const entries: Readable[] = [];
  const entry = (gen: AsyncGenerator<string>) => {
    const stream = Readable.from(gen, { objectMode: false });
    entries.push(stream);
    return stream;
  };
  const options = { mtime: meta.generatedAt, compressionLevel: 1 };
  // What the files rest on travels with them: a README first, when the graph holds sample records.
  if (meta.notice) zip.addBuffer(Buffer.from(readme(meta), 'utf8'), 'README.txt', options);
  zip.addReadStreamLazy('nodes.csv', options, (cb) => cb(null, entry(nodesCsv(source))));
  zip.addReadStreamLazy('edges.csv', options, (cb) => cb(null, entry(edgesCsv(source))));
  zip.end();
  const out = zip.outputStream as Readable;
  out.once('close', () => {
    for (const stream of entries) if (!stream.destroyed) stream.destroy();
  });
  return out;
}

export const csvZipFormat: GraphFormat = {
  name: 'csv',
  extension: 'csv.zip',
  contentType: 'application/zip',
  open: openZip,
};
