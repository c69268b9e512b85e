import { Migration } from '@mikro-orm/migrations';

/**
 * Firm counts kept per common filter shape (issue 15, "counts that scale"): `totalCount` of a
 * list of firms filtered by one sector and/or layers, at the root or in a park, is read from
 * `enterprise_count` instead of counting every match, so it costs the same at 10k and 100k firms.
 *
 * `enterprise_count (park_id, sector_code, layer) → n` holds, for every combination seen, the
 * number of firms in that park (0: anywhere), with that sector ('': any) and that layer ('': any).
 * A firm adds 1 to each key of (its parks + 0) × (its sectors + '') × (its layer + '').
 *
 * The counts are kept by statement triggers on `enterprise`, `enterprise_sector` and
 * `enterprise_park`, so every write path (editing, import, synthetic seed, later migrations,
 * psql) keeps them exact in the same transaction. `enterprise_counted` remembers what each firm
 * was last counted as: after a statement, each firm it touched is counted again from its current
 * rows and the difference to what it was counted as goes into `enterprise_count`. Working from the
 * firm rather than from the changed row makes the order in which cascaded deletes fire irrelevant.
 *
 * Concurrency: the firm's `enterprise_counted` row is locked first, so two transactions writing to
 * one firm take turns and the second (read committed: a new snapshot per statement) counts from
 * what the first committed. Writers to different firms both update the shared count rows (always
 * in key order); they wait for each other's commit, which is short.
 */
export class Migration20261204120000_enterprise_counts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "enterprise_count" (
      "park_id" int not null,
      "sector_code" text not null,
      "layer" text not null,
      "n" int not null,
      primary key ("park_id", "sector_code", "layer"));`);
    this.addSql(`create table "enterprise_counted" (
      "enterprise_id" int primary key,
      "layer" text not null,
      "sectors" text[] not null,
      "parks" int[] not null);`);

    this.addSql(`create function "enterprise_count_refresh"(ids int[]) returns void language plpgsql as $$
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  -- Writers to one firm take turns; the statement below then sees what the other one committed.
  perform 1 from enterprise_counted where enterprise_id = any(ids) order by enterprise_id for update;
  with was as (
    select c.enterprise_id, c.layer, c.sectors, c.parks from enterprise_counted c where c.enterprise_id = any(ids)
  ), now_is as (
    select e.id as enterprise_id, e.layer,
      array(select s.sector_code from enterprise_sector s where s.enterprise_id = e.id order by 1) as sectors,
      array(select p.park_id from enterprise_park p where p.enterprise_id = e.id order by 1) as parks
    from enterprise e where e.id = any(ids)
  ), gone as (
    delete from enterprise_counted c where c.enterprise_id = any(ids) and not exists (select 1 from now_is where now_is.enterprise_id = c.enterprise_id)
  ), kept as (
    insert into enterprise_counted (enterprise_id, layer, sectors, parks) select * from now_is
    on conflict (enterprise_id) do update set layer = excluded.layer, sectors = excluded.sectors, parks = excluded.parks
  ), delta as (
    select p.park_id, s.sector_code, l.layer, sum(x.d)::int as d
    from (select -1 as d, * from was union all select 1, * from now_is) x
    cross join lateral unnest(x.parks || 0) p(park_id)
    cross join lateral unnest(x.sectors || ''::text) s(sector_code)
    cross join lateral unnest(array[x.layer, '']) l(layer)
    group by 1, 2, 3 having sum(x.d) <> 0
  )
  insert into enterprise_count as c (park_id, sector_code, layer, n)
  select park_id, sector_code, layer, d from delta order by 1, 2, 3
  on conflict (park_id, sector_code, layer) do update set n = c.n + excluded.n;
end $$;`);

    // The firms a statement touched, read from its transition tables; tg_argv[0] names their id column.
    this.addSql(`create function "enterprise_count_inserted"() returns trigger language plpgsql as $$
begin
  perform enterprise_count_refresh(array(select distinct (to_jsonb(r) ->> tg_argv[0])::int from new_rows r));
  return null;
end $$;`);
    this.addSql(`create function "enterprise_count_deleted"() returns trigger language plpgsql as $$
begin
  perform enterprise_count_refresh(array(select distinct (to_jsonb(r) ->> tg_argv[0])::int from old_rows r));
  return null;
end $$;`);
    this.addSql(`create function "enterprise_count_updated"() returns trigger language plpgsql as $$
begin
  perform enterprise_count_refresh(array(
    select (to_jsonb(r) ->> tg_argv[0])::int from new_rows r union select (to_jsonb(r) ->> tg_argv[0])::int from old_rows r));
  return null;
end $$;`);
    // A firm's own row counts only through its layer: other edits (names, figures) cost nothing here.
    this.addSql(`create function "enterprise_count_layer_updated"() returns trigger language plpgsql as $$
begin
  perform enterprise_count_refresh(array(
    select n.id from new_rows n join old_rows o on o.id = n.id where n.layer is distinct from o.layer
    union select n.id from new_rows n where not exists (select 1 from old_rows o where o.id = n.id)
    union select o.id from old_rows o where not exists (select 1 from new_rows n where n.id = o.id)));
  return null;
end $$;`);
    this.addSql(`create function "enterprise_count_rebuild"() returns void language plpgsql as $$
begin
  delete from enterprise_count;
  delete from enterprise_counted;
  perform enterprise_count_refresh(array(select id from enterprise));
end $$;`);
    this.addSql(`create function "enterprise_count_truncated"() returns trigger language plpgsql as $$
begin
  perform enterprise_count_rebuild();
  return null;
end $$;`);

    for (const [table, id] of [
      ['enterprise', 'id'],
      ['enterprise_sector', 'enterprise_id'],
      ['enterprise_park', 'enterprise_id'],
    ]) {
      this.addSql(
        `create trigger "${table}_count_insert" after insert on "${table}" referencing new table as new_rows for each statement execute function "enterprise_count_inserted"('${id}');`,
      );
      this.addSql(
        `create trigger "${table}_count_delete" after delete on "${table}" referencing old table as old_rows for each statement execute function "enterprise_count_deleted"('${id}');`,
      );
      const onUpdate = table === 'enterprise' ? `"enterprise_count_layer_updated"()` : `"enterprise_count_updated"('${id}')`;
      this.addSql(
        `create trigger "${table}_count_update" after update on "${table}" referencing old table as old_rows new table as new_rows for each statement execute function ${onUpdate};`,
      );
      this.addSql(`create trigger "${table}_count_truncate" after truncate on "${table}" for each statement execute function "enterprise_count_truncated"();`);
    }
    this.addSql(`select enterprise_count_rebuild();`);
  }

  override async down(): Promise<void> {
    for (const table of ['enterprise', 'enterprise_sector', 'enterprise_park']) {
      for (const event of ['insert', 'delete', 'update', 'truncate']) this.addSql(`drop trigger if exists "${table}_count_${event}" on "${table}";`);
    }
    for (const fn of [
      'enterprise_count_truncated()',
      'enterprise_count_rebuild()',
      'enterprise_count_layer_updated()',
      'enterprise_count_updated()',
      'enterprise_count_deleted()',
      'enterprise_count_inserted()',
      'enterprise_count_refresh(int[])',
    ]) {
      this.addSql(`drop function if exists ${fn};`);
    }
    this.addSql(`drop table if exists "enterprise_counted";`);
    this.addSql(`drop table if exists "enterprise_count";`);
  }
}
