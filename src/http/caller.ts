import type { Request } from 'express';
import type { Caller } from '../common/auth';
import type { Billing } from '../common/context';

/** A valid API key, as the key store knows it. */
export interface KeyIdentity {
  /** Stable id of the key (not the secret): names the rate-limit counter and appears in logs. */
  id: string;
  /** The key's holder and role, when the store gives them: the request context then needs no second lookup. */
  caller?: Caller;
}

/** Who sends a request: the rate-limit identity and, for a valid key, its holder. */
export interface IdentifiedCaller {
  billing: Billing;
  caller?: Caller;
}

/**
 * Looks up the bearer token of a request. Returns the key's identity when the token is a valid
 * key, null otherwise (the request is then anonymous and billed by IP).
 *
 * THE PLUG POINT for API keys (issue 5): pass the key store's lookup as `resolveKey` to
 * startHttpServer(); until then no token is a valid key.
 */
export type ResolveKey = (token: string) => Promise<KeyIdentity | null>;

export const noKeys: ResolveKey = async () => null;

/** Who is billed for a request: `key:<id>` when it carries a valid key, else `ip:<client address>`. */
export async function identifyCaller(req: Request, resolveKey: ResolveKey): Promise<IdentifiedCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  if (match) {
    const key = await resolveKey(match[1]).catch(() => null);
    if (key) return { billing: { callerId: `key:${key.id}`, keyed: true }, caller: key.caller };
  }
  // req.ip honours X-Forwarded-For only when TRUST_PROXY=true (behind a load balancer).
  return { billing: { callerId: `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, keyed: false } };
}
