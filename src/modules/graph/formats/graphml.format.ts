import { Readable } from 'node:stream';
import { NODE_ATTRIBUTES } from '../graph.model';
import type { GraphSource } from '../graph.service';
import type { ExportMeta, GraphFormat } from './format';
import { xml } from './text';

const TYPES = { string: 'string', int: 'int' } as const;

/** GraphML 1.0 (graphml.graphdrawing.org): keys declared with attr.name/attr.type before the graph. */
async function* graphml(source: GraphSource, meta: ExportMeta): AsyncGenerator<string> {
  let head =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
    `  <desc>${xml(`${meta.title}. ${meta.description} Generated ${meta.generatedAt.toISOString()}.`)}</desc>\n`;
  for (const a of NODE_ATTRIBUTES) {
    head += `  <key id="${a.name}" for="node" attr.name="${a.name}" attr.type="${TYPES[a.type]}"><desc>${xml(a.description)}</desc></key>\n`;
  }
  head += '  <key id="edgeKind" for="edge" attr.name="kind" attr.type="string"><desc>Relation kind</desc></key>\n';
  head += '  <graph id="G" edgedefault="directed">\n';
  yield head;
  for await (const batch of source.nodes()) {
    let chunk = '';
    for (const n of batch) {
      chunk += `    <node id="${n.id}">`;
      for (const a of NODE_ATTRIBUTES) {
        const v = n[a.name];
        if (v !== null) chunk += `<data key="${a.name}">${typeof v === 'number' ? v : xml(v)}</data>`;
      }
      chunk += '</node>\n';
    }
    yield chunk;
  }
  for await (const batch of source.edges()) {
    let chunk = '';
    for (const e of batch) {
      chunk += `    <edge id="${e.id}" source="${e.source}" target="${e.target}"><data key="edgeKind">${e.kind}</data></edge>\n`;
    }
    yield chunk;
  }
  yield '  </graph>\n</graphml>\n';
}

export const graphmlFormat: GraphFormat = {
  name: 'graphml',
  extension: 'graphml',
  contentType: 'application/graphml+xml; charset=utf-8',
  open: (source, meta) => Readable.from(graphml(source, meta), { objectMode: false }),
};
