import fs from 'node:fs';
import path from 'node:path';
import { Extension, PGlite } from '@electric-sql/pglite';
import { ConfigError } from '../common/config';
import { ensureWritableDir } from './preflight';

// The extension's subpath export has no types under CommonJS module resolution; the value loads fine.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a subpath export the node10 module resolution cannot type
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

/**
 * Opens (creating if needed) the embedded PostgreSQL in `dataDir`. One folder belongs to one
 * process at a time; the CLIs refuse to open it while a server holds it (see {@link lockDataDir}).
 */
export async function openPglite(dataDir: string): Promise<{ pglite: PGlite; release: () => void }> {
  ensureWritableDir(dataDir);
  const release = lockDataDir(dataDir);
  try {
    // PostgreSQL's own files live in a subfolder: initdb refuses a non-empty folder, and ours
    // holds the lock file.
    const pglite = new PGlite(path.join(dataDir, 'pgdata'), { extensions: { pg_trgm } });
    await pglite.waitReady;
    return { pglite, release };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Marks the data folder as held by this process. Returns a release function. A second process
 * finding a live holder gets a ConfigError instead of corrupting the database.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'directory.lock');
  const holder = readHolder(lockFile);
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new ConfigError(`DATA_DIR "${dataDir}" is in use by process ${holder} (a running server?); stop it or use DATABASE_URL`);
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    if (readHolder(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
  };
}

function readHolder(lockFile: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
