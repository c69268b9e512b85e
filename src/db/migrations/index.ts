import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127000000_initial } from './Migration20261127000000_initial';
import { Migration20261127100000_editing } from './Migration20261127100000_editing';
import { Migration20261201000000_search } from './Migration20261201000000_search';
import { Migration20261202000000_search_short_names } from './Migration20261202000000_search_short_names';
import { Migration20261202100000_honest_plan } from './Migration20261202100000_honest_plan';
import { Migration20261202110000_districts } from './Migration20261202110000_districts';
import { Migration20261202120000_changes_webhooks } from './Migration20261202120000_changes_webhooks';
import { Migration20261203100000_chain_map } from './Migration20261203100000_chain_map';
import { Migration20261203110000_compute_vouchers } from './Migration20261203110000_compute_vouchers';
import { Migration20261203120000_firm_facts } from './Migration20261203120000_firm_facts';
import { Migration20261203130000_institutions_tasks } from './Migration20261203130000_institutions_tasks';
import { Migration20261203140000_firm_locations } from './Migration20261203140000_firm_locations';
import { Migration20261203150000_leads } from './Migration20261203150000_leads';
import { Migration20261204100000_voucher_program_search } from './Migration20261204100000_voucher_program_search';
import { Migration20261204120000_enterprise_counts } from './Migration20261204120000_enterprise_counts';

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
  { name: 'Migration20261203110000_compute_vouchers', class: Migration20261203110000_compute_vouchers },
  { name: 'Migration20261203120000_firm_facts', class: Migration20261203120000_firm_facts },
  { name: 'Migration20261203130000_institutions_tasks', class: Migration20261203130000_institutions_tasks },
  { name: 'Migration20261203140000_firm_locations', class: Migration20261203140000_firm_locations },
  { name: 'Migration20261203150000_leads', class: Migration20261203150000_leads },
  { name: 'Migration20261204100000_voucher_program_search', class: Migration20261204100000_voucher_program_search },
  { name: 'Migration20261204120000_enterprise_counts', class: Migration20261204120000_enterprise_counts },
];
