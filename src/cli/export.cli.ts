import 'reflect-metadata';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigError, loadConfig } from '../common/config';
import { bootstrapDatabase } from '../db/bootstrap';
import { openDatabase } from '../db/database';
import { GRAPH_FORMATS, GraphFormat, formatByName } from '../modules/graph/formats';
import { exportGraph } from '../modules/graph/graph.export';
import type { GraphFilterInput } from '../modules/graph/graph.filter';

const USAGE = `Usage: npm run export -- --format <${GRAPH_FORMATS.map((f) => f.name).join('|')}> [filters] [--out FILE] [--server URL]

Filters (repeat a flag or separate values by commas):
  --sector CODE       e.g. SMART_OCEAN         --park ID          a Park global ID
  --district NAME     e.g. 崂山区              --node-kind KIND   PARK, ENTERPRISE, ...
  --edge-kind KIND    e.g. LOCATED_IN          --around ID --depth 1..3   ego network
Output:
  --out FILE          default qingdao-ai-graph.<ext>; "-" writes to standard output
  --server URL        fetch from a running server (e.g. http://localhost:4000) instead of opening the database

Without --server the command opens the database the server would (DATABASE_URL, or the embedded
one in DATA_DIR). When a running server holds the embedded data folder, it asks that server
(http://127.0.0.1:$PORT) instead.`;

class UsageError extends Error {}

interface Args {
  format: GraphFormat;
  filter: GraphFilterInput;
  query: URLSearchParams;
  out: string;
  server?: string;
}

const LIST_FLAGS = {
  '--sector': ['sectors', 'sectors'],
  '--park': ['parkIds', 'parks'],
  '--district': ['districts', 'districts'],
  '--node-kind': ['nodeKinds', 'nodeKinds'],
  '--edge-kind': ['edgeKinds', 'edgeKinds'],
  '--provenance-kind': ['provenanceKinds', 'provenanceKinds'],
} as const;

export function parseArgs(argv: readonly string[]): Args {
  const filter: GraphFilterInput = {};
  const lists: Record<string, string[]> = {};
  const query = new URLSearchParams();
  let format: GraphFormat | undefined;
  let out: string | undefined;
  let server: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--help' || flag === '-h') throw new UsageError('');
    else if (flag === '--format') {
      const name = value();
      format = formatByName(name);
      if (!format) throw new UsageError(`Unknown format "${name}"; supported: ${GRAPH_FORMATS.map((f) => f.name).join(', ')}.`);
    } else if (flag in LIST_FLAGS) {
      const [field, param] = LIST_FLAGS[flag as keyof typeof LIST_FLAGS];
      const values = value().split(',').map((v) => v.trim()).filter(Boolean);
      (lists[field] ??= []).push(...values);
      for (const v of values) query.append(param, v);
    } else if (flag === '--around') {
      filter.around = value();
      query.set('around', filter.around);
    } else if (flag === '--depth') {
      const raw = value();
      if (!/^\d+$/.test(raw)) throw new UsageError(`--depth must be 1, 2 or 3; got "${raw}".`);
      filter.depth = Number(raw);
      query.set('depth', raw);
    } else if (flag === '--out' || flag === '-o') out = value();
    else if (flag === '--server') server = value().replace(/\/+$/, '').replace(/\/graphql$/, '');
    else throw new UsageError(`Unknown option "${argv[i]}".`);
  }
  if (!format) throw new UsageError('--format is required.');
  Object.assign(filter, lists);
  return { format, filter, query, out: out ?? `qingdao-ai-graph.${format.extension}`, server };
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const sink = args.out === '-' ? process.stdout : fs.createWriteStream(args.out);
  let where: string;
  let stream: Readable;
  let close = async () => undefined as void;
  if (args.server) {
    stream = await fromServer(args.server, args);
    where = args.server;
  } else {
    const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    try {
      const db = await openDatabase(config);
      close = () => db.close();
      await bootstrapDatabase(db, { seed: false });
      stream = await exportGraph(db.em(), args.format, args.filter);
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
  try {
    await pipeline(stream, sink);
  } finally {
    await close();
  }
  if (args.out !== '-') {
    const bytes = fs.statSync(args.out).size;
    process.stderr.write(`wrote ${args.out} (${args.format.name}, ${bytes} bytes) from ${where} in ${Math.round(performance.now() - started)} ms\n`);
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message ? `${error.message}\n\n` : ''}${USAGE}\n`);
    process.exit(error.message ? 2 : 0);
  }
  const code = (error as { extensions?: { code?: string } }).extensions?.code;
  const message = error instanceof ConfigError || code === 'BAD_USER_INPUT' ? (error as Error).message : `export failed: ${(error as Error)?.stack ?? error}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
