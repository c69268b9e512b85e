import { Readable } from 'node:stream';
import { NODE_ATTRIBUTES } from '../graph.model';
import type { GraphSource } from '../graph.service';
import type { ExportMeta, GraphFormat } from './format';
import { json } from './text';

/**
 * JSON Graph Format v2 (jsongraphformat.info): one directed graph, nodes keyed by ID with the
 * Chinese name as label, edges always present as an array with the relation in `relation`.
 * The attribute declarations travel in the graph's metadata.
 */
async function* jgf(source: GraphSource, meta: ExportMeta): AsyncGenerator<string> {
  const metadata = {
    description: meta.description,
    generatedAt: meta.generatedAt.toISOString(),
    nodeAttributes: Object.fromEntries(NODE_ATTRIBUTES.map((a) => [a.name, a.type === 'int' ? 'integer' : 'string'])),
    edgeAttributes: { kind: 'string' },

    ...(meta.notice ? { dataNotice: meta.notice } : {}),
  };
  yield `{"graph":{"id":"qingdao-ai-ecosystem","type":"relation-graph","label":${json(meta.title)},"directed":true,"metadata":${json(metadata)},"nodes":{\n`;
  let first = true;
  for await (const batch of source.nodes()) {
    let chunk = '';
    for (const n of batch) {
      const attrs: Record<string, string | number> = {};
      for (const a of NODE_ATTRIBUTES) {
        const v = n[a.name];
        if (v !== null) attrs[a.name] = v;
      }
      chunk += `${first ? '' : ',\n'}"${n.id}":{"label":${json(n.nameZh)},"metadata":${json(attrs)}}`;
      first = false;
    }
    yield chunk;
  }
  yield '\n},"edges":[\n';
  first = true;
  for await (const batch of source.edges()) {
    let chunk = '';
    for (const e of batch) {
      chunk += `${first ? '' : ',\n'}{"id":"${e.id}","source":"${e.source}","target":"${e.target}","relation":"${e.kind}","directed":true,"metadata":{"kind":"${e.kind}"}}`;
      first = false;
    }
    yield chunk;
  }
  yield '\n]}}\n';
}

export const jgfFormat: GraphFormat = {
  name: 'jgf',
  extension: 'jgf.json',
  contentType: 'application/vnd.jgf+json; charset=utf-8',
  open: (source, meta) => Readable.from(jgf(source, meta), { objectMode: false }),
};
