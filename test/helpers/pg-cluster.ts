import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const execFileAsync = promisify(execFile);

/** The machine's PostgreSQL binaries (Debian's layout); PG_BIN overrides. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user. */
async function pg(tool: string, args: string[]): Promise<string> {
  const bin = path.join(PG_BIN, tool);
  const asRoot = process.getuid?.() === 0;
  const { stdout } = asRoot ? await execFileAsync('runuser', ['-u', 'postgres', '--', bin, ...args]) : await execFileAsync(bin, args);
  return stdout;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One PostgreSQL server of the test's own, in a temporary folder. */
export class PgServer {
  constructor(
    readonly name: string,
    readonly dataDir: string,
    readonly port: number,
    readonly logFile: string,
  ) {}

  url(database = 'directory'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    await pg('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', 'start']);
  }

  /** Stops the server; `immediate` is a crash from the clients' point of view. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await pg('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']).catch(() => undefined);
  }

  /** Runs one statement in a session of its own. */
  async sql<T = Record<string, unknown>>(text: string, database = 'directory'): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** The statements this server logged (log_statement = all), for checking where a query ran. */
  log(): string {
    return fs.readFileSync(this.logFile, 'utf8');
  }
}

export interface ReplicatedCluster {
  primary: PgServer;
  /** The first replica (`replicas[0]`). */
  replica: PgServer;
  /** Every replica, each streaming from the primary. */
  replicas: PgServer[];
  close(): Promise<void>;
}

const SETTINGS = [
  "listen_addresses = '127.0.0.1'",
  'wal_level = replica',
  'max_wal_senders = 5',
  'hot_standby = on',
  // A long read on the replica is not cancelled by the replay of a vacuum on the primary.
  'hot_standby_feedback = on',
  'max_connections = 60',
  'shared_buffers = 16MB',
  'fsync = off',
  'full_page_writes = off',
  // Every statement lands in the server's own log: the tests read there where a query ran.
  "log_statement = 'all'",
  "log_line_prefix = '%m [%p] %a '",
  'wal_receiver_status_interval = 1s',
];

/**
 * A primary and `count` streaming replicas (one by default) made from the machine's binaries:
 * initdb, pg_basebackup -R, free ports, a temporary folder. `close()` stops them all and removes
 * the folder.
 */
export async function startReplicatedCluster({ count = 1 }: { count?: number } = {}): Promise<ReplicatedCluster> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-replicas-'));
  if (process.getuid?.() === 0) await execFileAsync('chown', ['postgres:postgres', root]);
  const primary = new PgServer('primary', path.join(root, 'primary'), await freePort(), path.join(root, 'primary.log'));
  const replicas: PgServer[] = [];
  for (let i = 0; i < count; i++) {
    const name = i === 0 ? 'replica' : `replica${i + 1}`;
    replicas.push(new PgServer(name, path.join(root, name), await freePort(), path.join(root, `${name}.log`)));
  }
  const close = async () => {
    for (const replica of replicas) await replica.stop('immediate');
    await primary.stop('immediate');
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    // C.UTF-8 ctype, as on the machine's server: pg_trgm then works on Chinese text.
    await pg('initdb', ['-D', primary.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const conf = [...SETTINGS, `port = ${primary.port}`, `unix_socket_directories = '${root}'`].join('\n');
    fs.appendFileSync(path.join(primary.dataDir, 'postgresql.conf'), `\n${conf}\n`);
    await primary.start();
    await primary.sql('create database directory', 'postgres');
    for (const replica of replicas) {
      await pg('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(primary.port),
        '-U',
        'postgres',
        '-D',
        replica.dataDir,
        '-R',
        '-X',
        'stream',
        '--no-sync',
        '--checkpoint=fast',
      ]);
      fs.appendFileSync(path.join(replica.dataDir, 'postgresql.conf'), `\nport = ${replica.port}\n`);
      await replica.start();
    }
    return { primary, replica: replicas[0], replicas, close };
  } catch (error) {
    await close();
    throw error;
  }
}
