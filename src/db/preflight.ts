import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AppConfig, ConfigError, describeDatabaseUrl } from '../common/config';

const PROBE_TIMEOUT_MS = 5000;

/**
 * Cheap checks that run before the heavy modules load, so a misconfigured start fails in well
 * under a second with one line: the database port must accept connections, or the data folder
 * must be writable. (The driver still checks properly afterwards.)
 */
export async function preflight(config: AppConfig): Promise<void> {
  if (config.databaseUrl) await probePostgres(config.databaseUrl);
  else ensureWritableDir(config.dataDir);
}

export function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.unlinkSync(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(`DATA_DIR "${dir}" is not a writable folder (${reason})`);
  }
}

async function probePostgres(url: string): Promise<void> {
  let host: string;
  let port: number;
  try {
    const parsed = new URL(url);
    host = decodeURIComponent(parsed.hostname) || 'localhost';
    port = Number(parsed.port || 5432);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)');
  }
  if (host.startsWith('/')) return; // a Unix socket folder: leave it to the driver
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new ConfigError(`cannot connect to PostgreSQL at ${describeDatabaseUrl(url)}: ${reason}`));
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => fail(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
  });
}
