import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { withCacheInvalidation } from '../cache-invalidation';
import type { Context } from '../context';
import type { Actor } from './audit';
import { UserError, UserErrorCode, UserErrors, UserErrorsAbort } from './user-error';

/** The writer of a mutation: the key that signed the request (authChecker made sure there is one). */
export function actorOf(ctx: Context): Actor {
  if (!ctx.caller) throw new Error('a write without a caller reached a resolver: is @Authorized missing?');
  return { keyId: ctx.caller.keyId, name: ctx.caller.name };
}

/**
 * Runs one mutation in its own EntityManager fork and its own transaction (aliased root fields
 * of one request must not share a fork: MikroORM issue 6916). User errors found before or during
 * the write roll everything back and come back as the payload's userErrors.
 */
export async function runWrite<T>(
  ctx: Context,
  write: (tx: SqlEntityManager, errors: UserErrors) => Promise<T>,
): Promise<{ result: T | null; userErrors: UserError[] }> {
  const em = ctx.em.fork();
  const errors = new UserErrors();
  try {
    // Cached answers that read the written tables go stale once the transaction has committed.
    const result = await withCacheInvalidation(() =>
      em.transactional(async (tx) => {
        const value = await write(tx as SqlEntityManager, errors);
        if (!errors.empty) throw new UserErrorsAbort(errors.list);
        return value;
      }),
    );
    return { result, userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorsAbort) return { result: null, userErrors: error.errors };
    // Two writers racing for one unique value: the checks passed for both, the database stopped one.
    if (error instanceof UniqueConstraintViolationException) {
      errors.add(['input'], 'Another record was just saved with the same unique value (e.g. credit code); re-read and retry.', UserErrorCode.DUPLICATE);
      return { result: null, userErrors: errors.list.slice(-1) };
    }
    throw error;
  }
}

/** Stops the write with the errors collected so far, if any. */
export function abortIfErrors(errors: UserErrors): void {
  if (!errors.empty) throw new UserErrorsAbort(errors.list);
}
