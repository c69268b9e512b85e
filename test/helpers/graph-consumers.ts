import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import cytoscape from 'cytoscape';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';

/**
 * Independent consumers of the graph exports: the tools researchers load them with. Each returns
 * what it read, so tests compare it with the database.
 */

const PROJECT_ROOT = path.resolve(__dirname, '../..');
const SCHEMAS = path.resolve(PROJECT_ROOT, 'test/fixtures/formats');

export interface ReadGraph {
  nodes: string[];
  edges: Array<[string, string]>;
  /** nameZh by node ID. */
  names: Record<string, string>;
  /** Node kind (GraphNodeKind) and provenance kind by node ID, as the consumer read them. */
  kinds: Record<string, string>;
  provenance: Record<string, string>;
  /** Relation kind of each edge, in the order of `edges`. */
  edgeKinds: string[];
}

const tempDirs: string[] = [];

/** Writes an export to a file of its own for a consumer that reads files; see removeTempFiles(). */
export function tempFile(name: string, content: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-export-'));
  tempDirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Removes every file tempFile() wrote (call it in afterAll). */
export function removeTempFiles(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs xmllint against a schema; returns its exit code and messages. */
// The server under test runs in this process: the consumers run as child processes without
// blocking its event loop.
const run = promisify(execFile);

export async function xmllint(file: string, schema: 'graphml/graphml.xsd' | 'gexf13/gexf.xsd'): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('xmllint', ['--noout', '--schema', path.relative(PROJECT_ROOT, path.join(SCHEMAS, schema)), file], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    return { ok: true, output: `${stdout}${stderr}`.slice(0, 2000) };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}`.slice(0, 2000) };
  }
}

const PYTHON_READERS = `
import json, sys, csv, io, zipfile
import networkx as nx
kind, file = sys.argv[1], sys.argv[2]
if kind == 'graphml':
    g = nx.read_graphml(file)
elif kind == 'gexf':
    g = nx.read_gexf(file)
else:
    z = zipfile.ZipFile(file)
    g = nx.MultiDiGraph()
    with z.open('nodes.csv') as f:
        for row in csv.DictReader(io.TextIOWrapper(f, encoding='utf-8', newline='')):
            g.add_node(row['Id'], nameZh=row['nameZh'], label=row['Label'], kind=row['kind'], provenanceKind=row['provenanceKind'])
    with z.open('edges.csv') as f:
        missing = 0
        for row in csv.DictReader(io.TextIOWrapper(f, encoding='utf-8', newline='')):
            if row['Source'] not in g or row['Target'] not in g:
                missing += 1
            g.add_edge(row['Source'], row['Target'], kind=row['kind'])
        if missing:
            raise SystemExit(f'{missing} edge endpoints are not in nodes.csv')
print(json.dumps({
    'nodes': list(g.nodes()),
    'edges': [[u, v] for u, v in g.edges()],
    'names': {n: d.get('nameZh') for n, d in g.nodes(data=True)},
    'kinds': {n: d.get('kind') for n, d in g.nodes(data=True)},
    'provenance': {n: d.get('provenanceKind') for n, d in g.nodes(data=True)},
    'edgeKinds': [d.get('kind') for u, v, d in g.edges(data=True)],
}, ensure_ascii=False))
`;

/** networkx (python3 on PATH) reading GraphML or GEXF, or Python's csv reading the Gephi pair. */
export async function readWithPython(kind: 'graphml' | 'gexf' | 'csv', file: string): Promise<ReadGraph> {
  const { stdout } = await run('python3', ['-c', PYTHON_READERS, kind, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as ReadGraph;
}

/** graphology-gexf parsing the GEXF text. */
export function readWithGraphology(text: string): ReadGraph {
  const graph = parseGexf(Graph, text);
  const names: Record<string, string> = {};
  const kinds: Record<string, string> = {};
  const provenance: Record<string, string> = {};
  graph.forEachNode((id, attrs) => {
    names[id] = attrs.nameZh as string;
    kinds[id] = attrs.kind as string;
    provenance[id] = attrs.provenanceKind as string;
  });
  return {
    nodes: graph.nodes(),
    edges: graph.mapEdges((_e, _a, s, t) => [s, t] as [string, string]),
    names,
    kinds,
    provenance,
    edgeKinds: graph.mapEdges((_e, a) => a.kind as string),
  };
}

/** Headless Cytoscape.js loading the elements (it throws on dangling edges and duplicate IDs). */
export function readWithCytoscape(text: string): ReadGraph {
  const doc = JSON.parse(text) as { elements: cytoscape.ElementsDefinition };
  const cy = cytoscape({ headless: true, elements: doc.elements });
  const names: Record<string, string> = {};
  const kinds: Record<string, string> = {};
  const provenance: Record<string, string> = {};
  cy.nodes().forEach((n) => {
    names[n.id()] = n.data('nameZh') as string;
    kinds[n.id()] = n.data('kind') as string;
    provenance[n.id()] = n.data('provenanceKind') as string;
  });
  return {
    nodes: cy.nodes().map((n) => n.id()),
    edges: cy.edges().map((e) => [e.source().id(), e.target().id()] as [string, string]),
    names,
    kinds,
    provenance,
    edgeKinds: cy.edges().map((e) => e.data('kind') as string),
  };
}

/** ajv validating against the published JSON Graph Format v2 schema (draft-07, as it declares). */
export function readJgf(text: string): ReadGraph & { valid: boolean; errors: string; dangling: number } {
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'jgf/json-graph-schema_v2.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: false });
  const validate = ajv.compile(schema);
  const doc = JSON.parse(text) as {
    graph: {
      nodes: Record<string, { label: string; metadata: { nameZh: string; kind: string; provenanceKind: string } }>;
      edges: Array<{ source: string; target: string; relation: string }>;
    };
  };
  const valid = validate(doc);
  const nodes = Object.keys(doc.graph.nodes);
  const dangling = doc.graph.edges.filter((e) => !(e.source in doc.graph.nodes) || !(e.target in doc.graph.nodes)).length;
  const names = Object.fromEntries(Object.entries(doc.graph.nodes).map(([id, n]) => [id, n.metadata.nameZh]));
  const kinds = Object.fromEntries(Object.entries(doc.graph.nodes).map(([id, n]) => [id, n.metadata.kind]));
  const provenance = Object.fromEntries(Object.entries(doc.graph.nodes).map(([id, n]) => [id, n.metadata.provenanceKind]));
  return {
    valid,
    errors: JSON.stringify(validate.errors ?? []).slice(0, 1000),
    dangling,
    nodes,
    edges: doc.graph.edges.map((e) => [e.source, e.target]),
    names,
    kinds,
    provenance,
    edgeKinds: doc.graph.edges.map((e) => e.relation),
  };
}

/**
 * Downloads `/export/graph.<ext><query>` from a running server and reads it in every consumer
 * that understands the format, checking the XML against its schema and the JSON Graph against
 * its own; returns what they agree on.
 */
export async function readExport(origin: string, ext: string, query = ''): Promise<ReadGraph> {
  const res = await fetch(`${origin}/export/graph.${ext}${query}`);
  expect([ext, query, res.status]).toEqual([ext, query, 200]);
  const body = Buffer.from(await res.arrayBuffer());
  const text = body.toString('utf8');
  switch (ext) {
    case 'graphml': {
      const file = tempFile('g.graphml', body);
      expect(await xmllint(file, 'graphml/graphml.xsd')).toEqual({ ok: true, output: expect.stringContaining('validates') });
      return await readWithPython('graphml', file);
    }
    case 'gexf': {
      const file = tempFile('g.gexf', body);
      expect(await xmllint(file, 'gexf13/gexf.xsd')).toEqual({ ok: true, output: expect.stringContaining('validates') });
      const byGraphology = readWithGraphology(text);
      const byNetworkx = await readWithPython('gexf', file);
      expect(byNetworkx.nodes.sort()).toEqual([...byGraphology.nodes].sort());
      expect(byNetworkx.edges.length).toBe(byGraphology.edges.length);
      return byGraphology;
    }
    case 'cyjs':
      return readWithCytoscape(text);
    case 'jgf.json': {
      const read = readJgf(text);
      expect({ valid: read.valid, errors: read.errors, dangling: read.dangling }).toEqual({ valid: true, errors: '[]', dangling: 0 });
      return read;
    }
    case 'csv.zip':
      return await readWithPython('csv', tempFile('g.csv.zip', body));
    default:
      throw new Error(`Unknown export format ${ext}`);
  }
}

/** The five export formats, by file extension. */
export const EXPORT_FORMATS = ['graphml', 'gexf', 'cyjs', 'jgf.json', 'csv.zip'] as const;
