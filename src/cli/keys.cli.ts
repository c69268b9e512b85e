import 'reflect-metadata';
import { loadConfig } from '../common/config';
import { ROLES, type Role } from '../common/auth';
import { bootstrapDatabase } from '../db/bootstrap';
import { openDatabase } from '../db/database';
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/api-key/api-key.service';
import { decodeGlobalId, toGlobalId } from '../common/global-id';
import { runCommand, UsageError } from './runner';

/** `--parks`: comma-separated park IDs as the API shows them (global IDs) or database ids. */
function parseParks(text: string | undefined): number[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      if (/^\d{1,9}$/.test(item)) return Number(item);
      const decoded = decodeGlobalId(item);
      if (decoded?.type === 'Park' && /^\d{1,9}$/.test(decoded.localId)) return Number(decoded.localId);
      throw new UsageError(`--parks: "${item.slice(0, 40)}" is not a park ID`);
    });
}

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
    parks: {
      type: 'string',
      value: 'ID,…',
      description: 'create --role promoter: the parks whose leads the key works (park IDs from the API, or database ids)',
    },
  },
  examples: [
    'npm run keys -- create --role editor --name "市北区招商局"',
    'npm run keys -- create --role promoter --parks UGFyazox --name "崂山区招商中心"',
    'npm run keys -- list',
    'npm run keys -- revoke qdai_AbCdEfGh',
  ],
  notes: 'The embedded database (DATA_DIR) belongs to one process: stop the server first, or set DATABASE_URL.',
  async run({ values, positionals: [command, target] }) {
    if (!['create', 'list', 'revoke'].includes(command)) throw new UsageError(`unknown action "${command}" (create, list or revoke)`);
    const role = values.role as Role | undefined;
    const name = String(values.name ?? '').trim();
    if (command === 'create' && !role) throw new UsageError('create needs --role');
    if (command === 'create' && !ROLES.includes(role!)) throw new UsageError(`--role must be ${ROLES.join(', ')}; got "${role}"`);
    if (command === 'create' && !name) throw new UsageError('create needs --name');
    if (command === 'revoke' && !target) throw new UsageError('missing argument <key>');
    const parkIds = parseParks(values.parks as string | undefined);
    if (command === 'create' && role === 'promoter' && parkIds.length === 0) throw new UsageError('a promoter key needs --parks <id,…>');
    if (command === 'create' && role !== 'promoter' && parkIds.length > 0) throw new UsageError('--parks is for promoter keys only');
    const config = loadConfig();
    const db = await openDatabase(config);
    try {
      // Same start as the server: migrate, and seed an empty directory (unless SEED_ON_START=false).
      await bootstrapDatabase(db, { seed: config.seedOnStart });
      const em = db.em();
      if (command === 'create') {
        const { key, summary } = await createApiKey(em, name, role!, parkIds);
        const scope = summary.parkIds.length ? ` for parks ${summary.parkIds.map((p) => toGlobalId('Park', p)).join(', ')}` : '';
        process.stdout.write(
          `created key ${summary.id} "${summary.name}" (${summary.role})${scope}\n\n  ${key}\n\nThis is the only time the key is shown: store it now. It is sent as "Authorization: Bearer <key>".\n`,
        );
      } else if (command === 'list') {
        for (const k of await listApiKeys(em)) {
          const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
          const parks = k.parkIds.length ? `  parks ${k.parkIds.map((p) => toGlobalId('Park', p)).join(',')}` : '';
          process.stdout.write(`${String(k.id).padStart(4)}  ${k.prefix}…  ${k.role.padEnd(8)}  ${state.padEnd(32)}  ${k.name}${parks}\n`);
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
