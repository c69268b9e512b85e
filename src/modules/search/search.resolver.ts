import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { search } from './search.service';
import { SearchResultConnection, SearchType } from './search.types';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description:
      '搜索 Finds parks, enterprises, innovation platforms, scenarios, universities and institutes (高校院所) and national tasks by name or alias: Chinese substrings (崂山), full pinyin with or without spaces (laoshan, lao shan), pinyin initials (lsq), traditional characters (人工智慧 → 人工智能) and English, case-insensitive. Best matches first: exact name, then prefix, then substring, then pinyin.',
  })
  search(
    @Arg('query', () => String, { description: 'What to look for: 1-200 characters, not only spaces. % _ and \\ are ordinary characters.' }) query: string,
    @Arg('types', () => [SearchType], {
      nullable: true,
      description: 'Only these kinds of record (default: parks, enterprises, platforms and scenarios; CHAIN_NODE only when listed).',
    })
    types: SearchType[] | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return search(ctx, query, types, args, info);
  }
}
