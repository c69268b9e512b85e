import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from './errors';

/**
 * Roles an API key can hold. Anonymous callers read. A `reader` key identifies a client (for logs
 * and limits) but grants nothing more than anonymous access; `editor` writes directory data;
 * `promoter` (a park's 招商 team) reads and works the confidential lead pipeline of its own parks
 * and nothing else beyond reading; `admin` has every right, reads the audit log and every park's leads.
 */
export const ROLES = ['reader', 'editor', 'promoter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the API key the request presented, resolved once per request. */
export interface Caller {
  keyId: number;
  /** The key's name, e.g. 市北区招商局; recorded as the author of every write. */
  name: string;
  role: Role;
  /** A promoter's parks (database ids): the only parks whose leads it may read or change. Empty for other roles. */
  parkIds: readonly number[];
}

/**
 * Whether `role` includes the rights of `needed`: admin ⊇ editor ⊇ reader and admin ⊇ promoter ⊇
 * reader. Editor and promoter are side by side: an editor cannot see leads, a promoter cannot edit
 * the directory.
 */
export function roleGrants(role: Role, needed: Role): boolean {
  return role === needed || role === 'admin' || needed === 'reader';
}

/** The role names used in `@Authorized(...)`: upper-case forms of {@link Role}. */
export const Authorize = { EDITOR: 'EDITOR', PROMOTER: 'PROMOTER', ADMIN: 'ADMIN' } as const;

/**
 * The one place authorisation is decided: type-graphql calls it for every `@Authorized` field.
 * No key → UNAUTHENTICATED; a key without the role → FORBIDDEN. (Unknown or revoked keys never
 * get here: the request is refused when its context is built.)
 */
export const authChecker: AuthChecker<{ caller: Caller | null }> = ({ context }, roles) => {
  const caller = context.caller;
  if (!caller) {
    throw new UnauthenticatedError('This operation needs an API key: send "Authorization: Bearer <key>".');
  }
  const needed = roles.map((r) => r.toLowerCase() as Role);
  if (needed.length === 0 || needed.some((r) => roleGrants(caller.role, r))) return true;
  throw new ForbiddenError(`The key "${caller.name}" has the role ${caller.role}; this operation needs ${needed.join(' or ')}.`);
};
