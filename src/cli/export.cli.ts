import 'reflect-metadata';
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigError, loadConfig } from '../common/config';
import { bootstrapDatabase } from '../db/bootstrap';
import { openDatabase } from '../db/database';
import { GRAPH_FORMATS, GraphFormat, formatByName } from '../modules/graph/formats';
import { exportGraph, snapshotModeFor } from '../modules/graph/graph.export';
import type { GraphFilterInput } from '../modules/graph/graph.filter';
import { startProgress } from './progress';
import { FlagSpec, FlagValues, runCommand, UsageError } from './runner';

interface Args {
  format: GraphFormat;
  filter: GraphFilterInput;
  query: URLSearchParams;
  out: string;
  server?: string;
}

/** Filter flags: the GraphFilterInput field each fills, and the query parameter of GET /export/graph.*. */
const LIST_FLAGS = {
  sector: ['sectors', 'sectors', 'CODE', 'a sector, e.g. SMART_OCEAN'],
  park: ['parkIds', 'parks', 'ID', 'a Park global ID'],
  district: ['districts', 'districts', 'NAME', 'a district, e.g. 崂山区'],
  'node-kind': ['nodeKinds', 'nodeKinds', 'KIND', 'PARK, ENTERPRISE, ...'],
  'edge-kind': ['edgeKinds', 'edgeKinds', 'KIND', 'e.g. LOCATED_IN'],
  'provenance-kind': ['provenanceKinds', 'provenanceKinds', 'KIND', 'SAMPLE, PUBLIC_SOURCE, OFFICIAL_PLAN, EDITORIAL, ...'],
} as const;

function toArgs(values: FlagValues): Args {
  const name = values.format as string | undefined;
  if (!name) throw new UsageError('missing --format');
  const format = formatByName(name);
  if (!format) throw new UsageError(`unknown format "${name}" for --format (${GRAPH_FORMATS.map((f) => f.name).join(', ')})`);
  const filter: GraphFilterInput = {};
  const query = new URLSearchParams();
  for (const [flag, [field, param]] of Object.entries(LIST_FLAGS)) {
    const list = ((values[flag] as string[] | undefined) ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (!list.length) continue;
    (filter as Record<string, string[]>)[field] = list;
    for (const v of list) query.append(param, v);
  }
  if (values.around !== undefined) {
    filter.around = values.around as string;
    query.set('around', filter.around);
  }
  if (values.depth !== undefined) {
    const raw = values.depth as string;
    if (!/^\d+$/.test(raw)) throw new UsageError(`--depth must be 1, 2 or 3; got "${raw}"`);
    filter.depth = Number(raw);
    query.set('depth', raw);
  }
  const server = (values.server as string | undefined)?.replace(/\/+$/, '').replace(/\/graphql$/, '');
  return { format, filter, query, out: (values.out as string | undefined) ?? `qingdao-ai-graph.${format.extension}`, server };
}

async function fromServer(base: string, args: Args): Promise<Readable> {
  const url = `${base}/export/graph.${args.format.extension}${args.query.size ? `?${args.query}` : ''}`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (error) {
    throw new ConfigError(`no server answers at ${base} (${(error as Error).message})`);
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new ConfigError(`the server answered ${res.status}: ${body.message ?? res.statusText}`);
  }
  return Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
}

async function main(values: FlagValues): Promise<void> {
  const args = toArgs(values);
  const started = performance.now();
  const sink = args.out === '-' ? process.stdout : fs.createWriteStream(args.out);
  let where: string;
  let stream: Readable;
  let close = async () => undefined as void;
  if (args.server) {
    stream = await fromServer(args.server, args);
    where = args.server;
  } else {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
    try {
      const db = await openDatabase(config);
      close = () => db.close();
      await bootstrapDatabase(db, { seed: false });
      stream = await exportGraph(db.em(), args.format, args.filter, { snapshot: snapshotModeFor(db.kind) });
      where = db.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
    } catch (error) {
      if (!(error instanceof ConfigError && /is in use by process/.test(error.message))) throw error;
      // The running server owns the embedded database: ask it for the same export.
      const base = `http://127.0.0.1:${config.port}`;
      try {
        stream = await fromServer(base, args);
      } catch (httpError) {
        throw new ConfigError(`${error.message}; and ${(httpError as Error).message}. Pass --server URL, or stop the server.`);
      }
      where = `the running server at ${base}`;
    }
  }
  // Progress in kilobytes written (the size of the file is not known until it is written).
  const progress = startProgress('export', 'KB');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      progress.update(Math.floor(bytes / 1024));
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, count, sink);
    progress.finish(`${bytes} bytes written`);
  } finally {
    await close();
  }
  if (args.out !== '-') {
    const bytes = fs.statSync(args.out).size;
    process.stderr.write(`wrote ${args.out} (${args.format.name}, ${bytes} bytes) from ${where} in ${Math.round(performance.now() - started)} ms\n`);
  }
}

/** `npm run export`: the relation graph as a file, from the database or a running server. */
runCommand({
  name: 'export',
  summary: 'Writes the relation graph (parks, firms, platforms, scenarios, models and their links) as a file, whole or filtered.',
  flags: {
    format: { type: 'string', value: GRAPH_FORMATS.map((f) => f.name).join('|'), description: 'the file format (required)' },
    ...Object.fromEntries(
      Object.entries(LIST_FLAGS).map(([flag, [, , value, description]]) => [
        flag,
        { type: 'string', multiple: true, value, description: `${description}; or several, comma-separated` } as FlagSpec,
      ]),
    ),
    around: { type: 'string', value: 'ID', description: 'only the ego network around this node' },
    depth: { type: 'string', value: '1..3', description: 'with --around: how many steps out' },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'where to write; "-" is standard output (default: qingdao-ai-graph.<ext>)' },
    server: { type: 'string', value: 'URL', description: 'fetch from a running server (e.g. http://localhost:4000) instead of opening the database' },
  },
  examples: ['npm run export -- --format graphml', 'npm run export -- --format csv --district 崂山区 --sector SMART_OCEAN --out laoshan.zip'],
  notes:
    'Without --server the command opens the database the server would (DATABASE_URL, or the embedded one in DATA_DIR). When a running\n' +
    'server holds the embedded data folder, it asks that server (http://127.0.0.1:$PORT) instead.',
  async run({ values }) {
    try {
      await main(values);
    } catch (error) {
      // The filter's own checks (an unknown park ID, a depth out of range) are the caller's to fix.
      if ((error as { extensions?: { code?: string } }).extensions?.code === 'BAD_USER_INPUT') throw new ConfigError((error as Error).message);
      throw error;
    }
  },
});
