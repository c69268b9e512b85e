import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127000000_initial } from './Migration20261127000000_initial';
import { Migration20261127100000_editing } from './Migration20261127100000_editing';
import { Migration20261201000000_search } from './Migration20261201000000_search';
import { Migration20261202000000_search_short_names } from './Migration20261202000000_search_short_names';
import { Migration20261202100000_honest_plan } from './Migration20261202100000_honest_plan';
import { Migration20261202110000_districts } from './Migration20261202110000_districts';
import { Migration20261202120000_changes_webhooks } from './Migration20261202120000_changes_webhooks';
import { Migration20261203100000_chain_map } from './Migration20261203100000_chain_map';

/**
 * Every committed migration, in order. Listed explicitly so the same list runs from src/ under
 * ts-node or Jest and from dist/ after a build, with no folder scanning.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261127000000_initial', class: Migration20261127000000_initial },
  { name: 'Migration20261127100000_editing', class: Migration20261127100000_editing },
  { name: 'Migration20261201000000_search', class: Migration20261201000000_search },
  { name: 'Migration20261202000000_search_short_names', class: Migration20261202000000_search_short_names },
  { name: 'Migration20261202100000_honest_plan', class: Migration20261202100000_honest_plan },
  { name: 'Migration20261202110000_districts', class: Migration20261202110000_districts },
  { name: 'Migration20261202120000_changes_webhooks', class: Migration20261202120000_changes_webhooks },
  { name: 'Migration20261203100000_chain_map', class: Migration20261203100000_chain_map },
];
