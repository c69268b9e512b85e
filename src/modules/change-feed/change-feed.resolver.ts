import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { selectsField } from '../../common/relay/selection';
import { Change, ChangeConnection } from './change.types';
import { changes, encodeFeedCursor, feedHead } from './change-feed.service';

/**
 * The change feed for mirrors. It needs an API key of any role: a feed is polled by programs,
 * and a key names the program in logs and limits (and keeps its answers out of the shared
 * response cache, so a poll never gets a stale page).
 */
@Resolver(() => Change)
export class ChangeFeedResolver {
  @Authorized()
  @Query(() => ChangeConnection, {
    description:
      '变更流 Every committed create, update, delete, link and unlink of directory records, in commit order, with the changed fields: a mirror applies them in order and stays exact without re-reading the directory. Page forward with `after` (an endCursor or a Change.cursor); a change never appears behind a cursor you already hold. Needs an API key (any role).',
  })
  changes(
    @Arg('after', () => String, {
      nullable: true,
      description: 'Return changes committed after this cursor (a Change.cursor, an endCursor or latestChangeCursor); from the first change when absent.',
    })
    after: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Return the first N changes (1-100; default 20).' }) first: number | null,
    @Arg('types', () => [String], {
      nullable: true,
      description:
        'Only these event types: `<RecordType>.<ACTION>` (e.g. `Enterprise.UPDATE`), `<RecordType>.*`, `*.<ACTION>` or `*`. All when absent. totalCount counts the matching changes after the cursor.',
    })
    types: string[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return changes(ctx.em, ctx.caller, { after, first, types }, selectsField(info, 'totalCount'));
  }

  @Authorized()
  @Query(() => String, {
    description:
      '最新变更位置 The cursor of the newest committed change. A new mirror reads it first, then copies the directory, then follows `changes(after:)` from it (re-applying a change it already copied is harmless). Needs an API key.',
  })
  async latestChangeCursor(@Ctx() ctx: Context): Promise<string> {
    return encodeFeedCursor(await feedHead(ctx.em));
  }
}
