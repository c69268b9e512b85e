import { Migration } from '@mikro-orm/migrations';
import { refreshAllSearchColumns } from '../../common/search-columns';

/**
 * Search columns now also hold each name's short form without its Qingdao division suffix
 * (崂山区人工智能产业园 → 崂山人工智能产业园, initials `lsrgzncyy`): recompute them for the rows
 * that exist. No schema change; down() has nothing to undo (the longer columns stay valid).
 */
export class Migration20261202000000_search_short_names extends Migration {
  override async up(): Promise<void> {
    await refreshAllSearchColumns((sql, params) => this.execute(sql, params), [
      { table: 'park', aliases: true },
      { table: 'enterprise', aliases: true },
      { table: 'innovation_platform', aliases: true },
      { table: 'scenario', aliases: false },
    ]);
  }

  override async down(): Promise<void> {
    // The extra short forms only widen matches; the columns need no change to go back.
  }
}
