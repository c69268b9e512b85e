import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { connectionType } from '../../common/relay/connection.types';
import { AuditEntry } from './audit-entry.entity';
import { auditLog } from './audit.service';

export const AuditEntryConnection = connectionType(() => AuditEntry, 'AuditEntry', 'audit entry');

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(Authorize.ADMIN)
  @Query(() => AuditEntryConnection, {
    description:
      '审计日志 The audit trail, oldest first (admin keys only); page forward with first/after, back with last/before. Narrow it to one record or one import batch.',
  })
  auditLog(
    @Arg('recordId', () => ID, { nullable: true, description: 'Only entries about this record (its global ID; deleted records keep their history).' })
    recordId: string | null,
    @Arg('batchId', () => ID, { nullable: true, description: 'Only entries of this import batch.' }) batchId: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Return the first N entries (1-100; default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Return entries after this cursor (an endCursor).' }) after: string | null,
    @Arg('last', () => Int, { nullable: true, description: 'Return the last N entries (1-100), the newest when without `before`.' }) last: number | null,
    @Arg('before', () => String, { nullable: true, description: 'Return entries before this cursor (a startCursor).' }) before: string | null,
    @Ctx() ctx: Context,
  ) {
    return auditLog(ctx, { recordId, batchId, first, after, last, before });
  }
}
