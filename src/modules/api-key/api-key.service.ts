import { createHash, randomBytes } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { type Caller, ROLES, type Role } from '../../common/auth';
import { UnauthenticatedError } from '../../common/errors';
import { onPrimary } from '../../common/read-routing';
import { pgArray } from '../../common/sql';

/** Every key starts with this, so a leaked key is recognisable (e.g. by secret scanners). */
export const KEY_PREFIX = 'qdai_';
const KEY_SHAPE = /^qdai_[A-Za-z0-9_-]{43}$/;
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 8;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether a string has the shape of one of our keys (checked before any database look-up). */
export function isWellFormedKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}

export interface ApiKeySummary {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** A promoter's parks (database ids, ascending); empty for other roles. */
  parkIds: number[];
}

/** The parks of a key, as a column of the key's row. */
const KEY_PARKS = `coalesce((select array_agg(kp.park_id order by kp.park_id) from api_key_park kp where kp.api_key_id = api_key.id), '{}') as park_ids`;
const KEY_COLUMNS = `id, name, role, prefix, created_at, revoked_at, ${KEY_PARKS}`;

/**
 * Creates a key with 256 random bits. Returns the key itself, which is never stored and cannot be
 * shown again, and its summary. A promoter key needs at least one park (`parkIds`, database ids
 * of existing parks); other roles take none. Key and parks are written in one transaction.
 */
export async function createApiKey(
  em: SqlEntityManager,
  name: string,
  role: Role,
  parkIds: readonly number[] = [],
): Promise<{ key: string; summary: ApiKeySummary }> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('a key needs a name (--name), e.g. the office that uses it');
  if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')}, got "${role}"`);
  const parks = [...new Set(parkIds)];
  if (role === 'promoter' && parks.length === 0) throw new Error('a promoter key needs its parks (--parks <id,…>)');
  if (role !== 'promoter' && parks.length > 0) throw new Error(`only promoter keys are scoped to parks; a ${role} key takes no --parks`);
  if (parks.some((p) => !Number.isSafeInteger(p) || p <= 0)) throw new Error('park ids are positive integers or park IDs from the API');
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, SHOWN_PREFIX_LENGTH);
  const row = await em.transactional(async (tx) => {
    if (parks.length) {
      const found = (await tx.execute('select id from park where id = any(?::int[])', [pgArray(parks)])) as Array<{ id: number }>;
      const missing = parks.filter((p) => !found.some((f) => f.id === p));
      if (missing.length) throw new Error(`no park has the id ${missing.join(', ')}`);
    }
    const [inserted] = (await tx.execute('insert into api_key (name, role, prefix, key_hash) values (?, ?, ?, ?) returning id', [
      trimmed,
      role,
      prefix,
      hashKey(key),
    ])) as Array<{ id: number }>;
    if (parks.length) {
      await tx.execute('insert into api_key_park (api_key_id, park_id) select ?, unnest(?::int[])', [inserted.id, pgArray(parks)]);
    }
    const [created] = (await tx.execute(`select ${KEY_COLUMNS} from api_key where id = ?`, [inserted.id])) as RawKeyRow[];
    return created;
  });
  return { key, summary: toSummary(row) };
}

export async function listApiKeys(em: SqlEntityManager): Promise<ApiKeySummary[]> {
  const rows = (await em.execute(`select ${KEY_COLUMNS} from api_key order by id`)) as RawKeyRow[];
  return rows.map(toSummary);
}

/**
 * Revokes the key whose id or shown prefix is `idOrPrefix`. Fails when none or several match, so
 * a typo never revokes the wrong key.
 */
export async function revokeApiKey(em: SqlEntityManager, idOrPrefix: string): Promise<ApiKeySummary> {
  const text = idOrPrefix.trim();
  const rows = (
    /^\d+$/.test(text)
      ? await em.execute(`select ${KEY_COLUMNS} from api_key where id = ?`, [Number(text)])
      : await em.execute(`select ${KEY_COLUMNS} from api_key where prefix like ?`, [`${text.replace(/[\\%_]/g, '\\$&')}%`])
  ) as RawKeyRow[];
  if (rows.length === 0) throw new Error(`no key has the id or prefix "${text}"`);
  if (rows.length > 1) throw new Error(`${rows.length} keys start with "${text}"; give more characters or the id`);
  const [updated] = (await em.execute(`update api_key set revoked_at = coalesce(revoked_at, now()) where id = ? returning ${KEY_COLUMNS}`, [
    rows[0].id,
  ])) as RawKeyRow[];
  return toSummary(updated);
}

/** The caller a presented key stands for, or null when the key is unknown or revoked. */
export async function resolveApiKey(em: SqlEntityManager, key: string): Promise<Caller | null> {
  if (!isWellFormedKey(key)) return null;
  // On the primary even with read replicas: a key created a moment ago works, a revoked one does not.
  const rows = (await onPrimary(() =>
    em.execute(`select id, name, role, ${KEY_PARKS} from api_key where key_hash = ? and revoked_at is null`, [hashKey(key)]),
  )) as RawKeyRow[];
  return rows.length ? { keyId: rows[0].id, name: rows[0].name, role: rows[0].role, parkIds: parkIdsOf(rows[0]) } : null;
}

interface RawKeyRow {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
  park_ids: number[] | string;
}

/** The int[] column as numbers (PGlite and node-postgres both parse it; a text form is parsed here). */
function parkIdsOf(row: Pick<RawKeyRow, 'park_ids'>): number[] {
  const value = row.park_ids;
  if (Array.isArray(value)) return value.map(Number);
  return String(value ?? '')
    .replace(/[{}]/g, '')
    .split(',')
    .filter(Boolean)
    .map(Number);
}

function toSummary(row: RawKeyRow): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    parkIds: parkIdsOf(row),
  };
}

/**
 * The caller an `Authorization` header names: null without a header (anonymous), the key's caller
 * when it is valid. A header that is not `Bearer <key>`, or a key that is malformed, unknown or
 * revoked, is UNAUTHENTICATED: a client that meant to sign its request learns so at once.
 */
export async function authenticate(em: SqlEntityManager, header: string | undefined): Promise<Caller | null> {
  if (header === undefined || header.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <key>".');
  if (!isWellFormedKey(match[1])) throw new UnauthenticatedError('The API key is malformed: keys look like qdai_ followed by 43 characters.');
  const caller = await resolveApiKey(em, match[1]);
  if (!caller) throw new UnauthenticatedError('The API key is unknown or has been revoked.');
  return caller;
}
