import { BadUserInputError } from './errors';

/**
 * Global IDs are opaque to clients: base64url of `Type:localId`. Clients must not parse them;
 * the server does, to route `node(id)` and to check that an argument names the right type.
 */
export function toGlobalId(type: string, localId: number | string): string {
  return Buffer.from(`${type}:${localId}`, 'utf8').toString('base64url');
}

export interface DecodedGlobalId {
  type: string;
  localId: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const DECODED = /^([A-Za-z][A-Za-z0-9]*):([A-Za-z0-9_]+)$/;

/** Decodes a global ID, or returns null when it is not one of ours. */
export function decodeGlobalId(id: string): DecodedGlobalId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || !BASE64URL.test(id)) {
    return null;
  }
  const match = DECODED.exec(Buffer.from(id, 'base64url').toString('utf8'));
  return match ? { type: match[1], localId: match[2] } : null;
}

/**
 * Decodes a global ID that must name one of `types`; a malformed ID or one of another type is a
 * BAD_USER_INPUT error that says what was expected.
 */
export function parseGlobalId(id: string, types: string | readonly string[], argument = 'id'): DecodedGlobalId {
  const expected = typeof types === 'string' ? [types] : types;
  const decoded = decodeGlobalId(id);
  if (!decoded) {
    throw new BadUserInputError(`Argument "${argument}": "${truncate(id)}" is not a valid ID; expected the ID of a ${expected.join(' or ')}.`, { argument });
  }
  if (!expected.includes(decoded.type)) {
    throw new BadUserInputError(`Argument "${argument}": the ID is a ${decoded.type} ID; expected the ID of a ${expected.join(' or ')}.`, { argument });
  }
  return decoded;
}

/** Like {@link parseGlobalId}, for types whose local IDs are integers. */
export function parseIntegerId(id: string, type: string, argument = 'id'): number {
  const { localId } = parseGlobalId(id, type, argument);
  const n = Number(localId);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new BadUserInputError(`Argument "${argument}": "${truncate(id)}" is not a valid ${type} ID.`, { argument });
  }
  return n;
}

function truncate(s: unknown): string {
  const text = String(s);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * The same global ID computed by PostgreSQL, for bulk reads (exports) that should not spend
 * Node's CPU on base64. `keyExpr` is an SQL expression of the local id.
 */
export function globalIdSql(type: string, keyExpr: string): string {
  if (!/^[A-Za-z]+$/.test(type)) throw new Error(`invalid type name ${type}`);
  return `rtrim(translate(encode(convert_to('${type}:' || (${keyExpr})::text, 'UTF8'), 'base64'), '+/', '-_'), '=')`;
}
