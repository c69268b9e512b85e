import { Migration } from '@mikro-orm/migrations';
import { refreshRows } from '../../common/search-columns';
import { SECTOR_CODES } from '../../modules/sector/sector-code.enum';
import { readChainNodeSeeds } from '../seed/chain-node-seeds';

/**
 * The industry chain map (产业链图谱, issue 13): a tree of chain nodes under the three layers
 * (layer → segment → sub-segment), seeded from seeds/chain-nodes.json (the segments the plan names,
 * OFFICIAL_PLAN, and the editorial ones the eight sectors need), and the firm ↔ chain node links.
 *
 * Each node keeps its ancestors' ids in `id_path` ('/1/4/9/'): the `chain_node_closure` view pairs
 * every node with itself and each descendant, so "a node includes its descendants" is one join in
 * every filter, count and gap query. Existing databases get the tree and no links; nothing else changes.
 */
export class Migration20261203100000_chain_map extends Migration {
  override async up(): Promise<void> {
    await this.execute(
      `create table "chain_node" ("id" serial primary key, "parent_id" int null references "chain_node" ("id") on update cascade on delete restrict,` +
        ` "key" text null unique, "layer" text check ("layer" in ('FOUNDATION', 'TECHNOLOGY', 'APPLICATION')) not null,` +
        // A check, not a foreign key: on a fresh database the sectors are seeded after the migrations.
        ` "sector_code" text null check ("sector_code" in (${SECTOR_CODES.map((c) => `'${c}'`).join(', ')})),` +
        ` "name_zh" text not null, "name_en" text null, "description" text null, "position" int not null default 0,` +
        ` "retired" boolean not null default false, "id_path" text not null default '',` +
        ` "search_text" text not null default '', "search_pinyin" text not null default '', "search_initials" text not null default '',` +
        ` "name_pinyin" text not null default '', "version" int not null default 1,` +
        ` "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'EDITORIAL', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null,` +
        ` "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date null, "provenance_note" text null,` +
        ` "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now())`,
    );
    await this.execute('create index "chain_node_parent_id_index" on "chain_node" ("parent_id")');
    await this.execute('create index "chain_node_id_path_index" on "chain_node" ("id_path" text_pattern_ops)');
    // One name per parent (the roots share the parent "none"), whatever its case or spacing.
    await this.execute('create unique index "chain_node_sibling_name_unique" on "chain_node" (coalesce("parent_id", 0), lower(btrim("name_zh")))');
    for (const column of ['search_text', 'search_pinyin', 'search_initials']) {
      await this.execute(`create index "chain_node_${column}_trgm" on "chain_node" using gin ("${column}" gin_trgm_ops)`);
    }
    await this.execute('create index "chain_node_name_pinyin_index" on "chain_node" ("name_pinyin" collate "C", "id")');
    await this.execute(
      `create table "enterprise_chain_node" ("enterprise_id" int not null references "enterprise" ("id") on update cascade on delete cascade,` +
        ` "chain_node_id" int not null references "chain_node" ("id") on update cascade on delete restrict,` +
        ` constraint "enterprise_chain_node_pkey" primary key ("enterprise_id", "chain_node_id"))`,
    );
    await this.execute('create index "enterprise_chain_node_chain_node_id_index" on "enterprise_chain_node" ("chain_node_id")');
    await this.execute(
      `create view "chain_node_closure" as select a.id as ancestor_id, d.id as descendant_id from chain_node a join chain_node d on d.id_path like a.id_path || '%'`,
    );
    // Each firm once under every node it is linked to directly or through a descendant (ChainNode.enterprises).
    await this.execute(
      `create view "chain_node_enterprise" as select distinct c.ancestor_id as chain_node_id, l.enterprise_id` +
        ` from chain_node_closure c join enterprise_chain_node l on l.chain_node_id = c.descendant_id`,
    );

    const ids = new Map<string, number>();
    for (const r of readChainNodeSeeds()) {
      const parentId = r.parent === null ? null : ids.get(r.parent)!;
      const [row] = (await this.execute(
        `insert into "chain_node" ("parent_id", "key", "layer", "sector_code", "name_zh", "name_en", "position",` +
          ` "provenance_kind", "provenance_source", "provenance_url", "provenance_verified_at", "provenance_note")` +
          ` values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as date), ?) returning id`,
        [
          parentId,
          r.key,
          r.layer,
          r.sector,
          r.nameZh,
          r.nameEn,
          r.position,
          r.provenance.kind,
          r.provenance.source,
          r.provenance.url,
          r.provenance.verifiedAt,
          r.provenance.note,
        ],
      )) as Array<{ id: number }>;
      const id = Number(row.id);
      ids.set(r.key, id);
      await this.execute(
        `update "chain_node" set "id_path" = coalesce((select p.id_path from "chain_node" p where p.id = ?), '/') || ? || '/' where id = ?`,
        [parentId, String(id), id],
      );
    }
    await refreshRows((text, params) => this.execute(text, params), { table: 'chain_node', aliases: false }, [...ids.values()]);
  }

  override async down(): Promise<void> {
    await this.execute('drop view if exists "chain_node_enterprise"');
    await this.execute('drop view if exists "chain_node_closure"');
    await this.execute('drop table if exists "enterprise_chain_node"');
    await this.execute('drop table if exists "chain_node"');
  }
}
