import 'reflect-metadata';
import { loadConfig } from '../common/config';
import { ROLES, type Role } from '../common/auth';
import { bootstrapDatabase } from '../db/bootstrap';
import { openDatabase } from '../db/database';
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/api-key/api-key.service';
import { runCommand, UsageError } from './runner';

/** `npm run keys`: creates, lists and revokes the API keys that sign writes. */
runCommand({
  name: 'keys',
  summary: 'Creates, lists and revokes API keys (a key is shown once, when it is created; only its hash is stored).',
  positionals: [
    { name: 'create|list|revoke', description: 'what to do', required: true },
    { name: 'key', description: 'revoke: the key id or the key prefix' },
  ],
  flags: {
    role: { type: 'string', value: ROLES.join('|'), description: 'create: what the key may do' },
    name: { type: 'string', value: 'NAME', description: 'create: who holds the key, e.g. 市北区招商局' },
  },
  examples: ['npm run keys -- create --role editor --name "市北区招商局"', 'npm run keys -- list', 'npm run keys -- revoke qdai_AbCdEfGh'],
  notes: 'The embedded database (DATA_DIR) belongs to one process: stop the server first, or set DATABASE_URL.',
  async run({ values, positionals: [command, target] }) {
    if (!['create', 'list', 'revoke'].includes(command)) throw new UsageError(`unknown action "${command}" (create, list or revoke)`);
    const role = values.role as Role | undefined;
    const name = String(values.name ?? '').trim();
    if (command === 'create' && !role) throw new UsageError('create needs --role');
    if (command === 'create' && !ROLES.includes(role!)) throw new UsageError(`--role must be ${ROLES.join(', ')}; got "${role}"`);
    if (command === 'create' && !name) throw new UsageError('create needs --name');
    if (command === 'revoke' && !target) throw new UsageError('missing argument <key>');
    const config = loadConfig();
    const db = await openDatabase(config);
    try {
      // Same start as the server: migrate, and seed an empty directory (unless SEED_ON_START=false).
      await bootstrapDatabase(db, { seed: config.seedOnStart });
      const em = db.em();
      if (command === 'create') {
        const { key, summary } = await createApiKey(em, name, role!);
        process.stdout.write(
          `created key ${summary.id} "${summary.name}" (${summary.role})\n\n  ${key}\n\nThis is the only time the key is shown: store it now. It is sent as "Authorization: Bearer <key>".\n`,
        );
      } else if (command === 'list') {
        for (const k of await listApiKeys(em)) {
          const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
          process.stdout.write(`${String(k.id).padStart(4)}  ${k.prefix}…  ${k.role.padEnd(6)}  ${state.padEnd(32)}  ${k.name}\n`);
        }
      } else {
        const k = await revokeApiKey(em, target);
        process.stdout.write(`revoked key ${k.id} "${k.name}" (${k.prefix}…)\n`);
      }
    } finally {
      await db.close();
    }
  },
});
