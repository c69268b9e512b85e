import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/common/auth';
import { hashKey, KEY_PREFIX } from '../../src/modules/api-key/api-key.service';
import type { TestServer } from './test-server';

/** Creates an API key straight in the test database and returns the Authorization header. */
export async function createTestKey(
  server: TestServer,
  role: Role,
  name = `${role} key`,
): Promise<{ headers: Record<string, string>; key: string; id: number }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await server.sql<{ id: number }>('insert into api_key (name, role, prefix, key_hash) values ($1, $2, $3, $4) returning id', [
    name,
    role,
    key.slice(0, 13),
    hashKey(key),
  ]);
  return { key, id: row.id, headers: { authorization: `Bearer ${key}` } };
}
