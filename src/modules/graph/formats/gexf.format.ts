import { Readable } from 'node:stream';
import { NODE_ATTRIBUTES } from '../graph.model';
import type { GraphSource } from '../graph.service';
import type { ExportMeta, GraphFormat } from './format';
import { xml } from './text';

const TYPES = { string: 'string', int: 'integer' } as const;

/** GEXF 1.3 (gexf.net): typed node attributes; each edge carries its relation as `kind` and `label`. */
async function* gexf(source: GraphSource, meta: ExportMeta): AsyncGenerator<string> {
  let head =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n' +
    `  <meta lastmodifieddate="${meta.generatedAt.toISOString().slice(0, 10)}">\n` +
    '    <creator>qingdao-ai-directory</creator>\n' +
    `    <description>${xml(`${meta.title}. ${meta.description}`)}</description>\n` +
    '  </meta>\n' +
    '  <graph defaultedgetype="directed" mode="static" idtype="string">\n' +
    '    <attributes class="node" mode="static">\n';
  for (const a of NODE_ATTRIBUTES) head += `      <attribute id="${a.name}" title="${a.name}" type="${TYPES[a.type]}"/>\n`;
  head +=
    '    </attributes>\n' +
    '    <attributes class="edge" mode="static">\n' +
    '      <attribute id="kind" title="kind" type="string"/>\n' +
    '    </attributes>\n' +
    '    <nodes>\n';
  yield head;
  for await (const batch of source.nodes()) {
    let chunk = '';
    for (const n of batch) {
      chunk += `      <node id="${n.id}" label="${xml(n.nameZh)}"><attvalues>`;
      for (const a of NODE_ATTRIBUTES) {
        const v = n[a.name];
        if (v !== null) chunk += `<attvalue for="${a.name}" value="${typeof v === 'number' ? v : xml(v)}"/>`;
      }
      chunk += '</attvalues></node>\n';
    }
    yield chunk;
  }
  yield '    </nodes>\n    <edges>\n';
  for await (const batch of source.edges()) {
    let chunk = '';
    for (const e of batch) {
      chunk +=
        `      <edge id="${e.id}" source="${e.source}" target="${e.target}" label="${e.kind}">` +
        `<attvalues><attvalue for="kind" value="${e.kind}"/></attvalues></edge>\n`;
    }
    yield chunk;
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}

export const gexfFormat: GraphFormat = {
  name: 'gexf',
  extension: 'gexf',
  contentType: 'application/gexf+xml; charset=utf-8',
  open: (source, meta) => Readable.from(gexf(source, meta), { objectMode: false }),
};
