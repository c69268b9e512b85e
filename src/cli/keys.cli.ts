import 'reflect-metadata';
import { ConfigError, loadConfig } from '../common/config';
import { ROLES, type Role } from '../common/auth';
import { bootstrapDatabase } from '../db/bootstrap';
import { openDatabase } from '../db/database';
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/api-key/api-key.service';

const USAGE = `usage:
  npm run keys -- create --role editor|admin|reader --name "市北区招商局"
  npm run keys -- list
  npm run keys -- revoke <id or key prefix>
The embedded database (DATA_DIR) belongs to one process: stop the server first, or set DATABASE_URL.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!command || !['create', 'list', 'revoke'].includes(command)) throw new ConfigError(USAGE);
  const db = await openDatabase(loadConfig());
  try {
    // Same start as the server: migrate, and seed an empty directory (unless SEED_ON_START=false).
    await bootstrapDatabase(db, { seed: loadConfig().seedOnStart });
    const em = db.em();
    if (command === 'create') {
      const role = (option(args, 'role') ?? '') as Role;
      const name = option(args, 'name') ?? '';
      if (!ROLES.includes(role) || !name.trim()) throw new ConfigError(USAGE);
      const { key, summary } = await createApiKey(em, name, role);
      process.stdout.write(`created key ${summary.id} "${summary.name}" (${summary.role})\n\n  ${key}\n\nThis is the only time the key is shown: store it now. It is sent as "Authorization: Bearer <key>".\n`);
    } else if (command === 'list') {
      for (const k of await listApiKeys(em)) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
        process.stdout.write(`${String(k.id).padStart(4)}  ${k.prefix}…  ${k.role.padEnd(6)}  ${state.padEnd(32)}  ${k.name}\n`);
      }
    } else {
      if (!args[0]) throw new ConfigError(USAGE);
      const k = await revokeApiKey(em, args[0]);
      process.stdout.write(`revoked key ${k.id} "${k.name}" (${k.prefix}…)\n`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  const message = error instanceof ConfigError ? error.message : `keys: ${(error as Error)?.message ?? error}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
