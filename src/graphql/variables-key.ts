import { createHash } from 'node:crypto';

/**
 * Variables up to this length (as JSON) key a cache as they are; longer ones (100 IDs for `nodes`
 * are about 2.4 KB) by their SHA-256, so a long list is neither worked on again on every request
 * nor kept whole in a cache's keys.
 */
const MAX_PLAIN_CHARS = 512;
/** Variables longer than this key nothing: hashing them would cost more than a cache saves. */
const MAX_KEYED_CHARS = 64 * 1024;

const keys = new WeakMap<object, string | null>();

/**
 * A cache key for a request's variables (equal variables, equal keys; the order of an object's
 * fields counts, as clients send the same order for the same operation), or null when they are
 * too long to key. Computed once per variables object: the cost model and the read compiler
 * both key their caches with it.
 */
export function variablesKey(variables: Record<string, unknown> | undefined): string | null {
  if (!variables) return '{}';
  let key = keys.get(variables);
  if (key !== undefined) return key;
  const json = JSON.stringify(variables);
  if (json.length <= MAX_PLAIN_CHARS) key = json;
  else if (json.length <= MAX_KEYED_CHARS) key = `#${createHash('sha256').update(json).digest('base64')}`;
  else key = null;
  keys.set(variables, key);
  return key;
}
