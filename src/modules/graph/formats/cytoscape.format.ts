import { Readable } from 'node:stream';
import { GraphNode, NODE_ATTRIBUTES } from '../graph.model';
import type { GraphSource } from '../graph.service';
import type { ExportMeta, GraphFormat } from './format';
import { json } from './text';

/** Node data without nulls: Cytoscape styles select on present fields. `name` is what Cytoscape shows. */
export function nodeData(n: GraphNode): Record<string, string | number> {
  const data: Record<string, string | number> = { id: n.id, name: n.nameZh };
  for (const a of NODE_ATTRIBUTES) {
    const v = n[a.name];
    if (v !== null) data[a.name] = v;
  }
  return data;
}

/**
 * Cytoscape.js elements JSON (the .cyjs layout Cytoscape desktop also imports): `data` holds the
 * graph's description and its attribute declarations, `elements.nodes` and `elements.edges` the graph.
 */
async function* cyjs(source: GraphSource, meta: ExportMeta): AsyncGenerator<string> {
  const data = {
    name: meta.title,
    description: meta.description,
    generatedAt: meta.generatedAt.toISOString(),
    directed: true,
    nodeAttributes: Object.fromEntries(NODE_ATTRIBUTES.map((a) => [a.name, a.type === 'int' ? 'Integer' : 'String'])),
    edgeAttributes: { kind: 'String', interaction: 'String' },

    ...(meta.notice ? { dataNotice: meta.notice } : {}),
  };
  yield `{"format_version":"1.0","generated_by":"qingdao-ai-directory","target_cytoscapejs_version":"~3.0","data":${json(data)},"elements":{"nodes":[\n`;
  let first = true;
  for await (const batch of source.nodes()) {
    let chunk = '';
    for (const n of batch) {
      chunk += `${first ? '' : ',\n'}{"data":${json(nodeData(n))}}`;
      first = false;
    }
    yield chunk;
  }
  yield '\n],"edges":[\n';
  first = true;
  for await (const batch of source.edges()) {
    let chunk = '';
    for (const e of batch) {
      chunk += `${first ? '' : ',\n'}{"data":{"id":"${e.id}","source":"${e.source}","target":"${e.target}","kind":"${e.kind}","interaction":"${e.kind}"}}`;
      first = false;
    }
    yield chunk;
  }
  yield '\n]}}\n';
}

export const cytoscapeFormat: GraphFormat = {
  name: 'cyjs',
  extension: 'cyjs',
  contentType: 'application/json; charset=utf-8',
  open: (source, meta) => Readable.from(cyjs(source, meta), { objectMode: false }),
};
