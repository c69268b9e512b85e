import type { Context } from '../../common/context';
import { District } from './district.entity';
import { DistrictKind } from './district-kind.enum';

/** Every district reference entry (divisions, then functional zones); loaded once per request. */
export async function allDistricts(ctx: Context): Promise<District[]> {
  return ctx.loaders
    .get<'all', District[]>('district:all', async (keys) => {
      const rows = (await ctx.em.execute('select * from district order by position')) as Record<string, unknown>[];
      const districts = rows.map((r) => ctx.em.map(District, r));
      return keys.map(() => districts);
    })
    .load('all');
}

/** Names compared as typed, except that English is case-insensitive and spaces around are ignored. */
function normalise(name: string): string {
  return name.trim().toLowerCase();
}

/** The entry one of whose names (Chinese, English or alias) is `name`, or null. */
export async function districtByName(ctx: Context, name: string): Promise<District | null> {
  const wanted = normalise(name);
  if (!wanted) return null;
  return (await allDistricts(ctx)).find((d) => [d.nameZh, d.nameEn, ...d.aliases].some((n) => normalise(n) === wanted)) ?? null;
}

export function isDivision(d: District): boolean {
  return d.kind !== DistrictKind.FUNCTIONAL_ZONE;
}

/**
 * Where a park's `district` text places it: the administrative division (null when the text names
 * a functional zone no source places in a division, or nothing the reference knows) and the
 * functional zone (the zone named, or the zone covering exactly the named division).
 */
export async function placeOf(ctx: Context, districtText: string): Promise<{ division: District | null; zone: District | null }> {
  const entry = await districtByName(ctx, districtText);
  if (!entry) return { division: null, zone: null };
  const all = await allDistricts(ctx);
  if (isDivision(entry)) {
    return { division: entry, zone: all.find((z) => z.coextensive && z.divisionCode === entry.code) ?? null };
  }
  return { division: entry.divisionCode ? (all.find((d) => d.code === entry.divisionCode) ?? null) : null, zone: entry };
}

/**
 * SQL that holds when the district text in `column` (a park's `district`) lies in any of the
 * areas `names` name. A name may be the canonical name, the English name or an alias; a
 * functional zone that covers exactly one division (西海岸新区 = 黄岛区) selects the same parks as
 * the division. Names the reference does not know still match park districts written the same way.
 * Lowercase comparison makes English names case-insensitive.
 */
export function districtCondition(column: string, names: readonly string[]): [string, unknown[]] {
  const wanted = names.map(normalise);
  const sql =
    `lower(${column}) in (` +
    'select lower(n.name) from district_name n where n.code in (' +
    ' select q.code from district_name q where lower(q.name) in (?)' +
    ' union select z.code from district z join district_name q on q.code = z.division_code where z.coextensive and lower(q.name) in (?)' +
    ' union select d.division_code from district d join district_name q on q.code = d.code where d.coextensive and lower(q.name) in (?))' +
    ' union select lower(x) from unnest(array[?]::text[]) as x)';
  return [sql, [wanted, wanted, wanted, wanted]];
}

/**
 * SQL for the canonical name of the division a park's district text (in `column`) lies in: the
 * division itself, the division a functional zone lies in, else the zone or the text as written.
 */
export function canonicalDistrictSql(column: string): string {
  return (
    `coalesce((select coalesce(dv.name_zh, dd.name_zh) from district_name dn join district dd on dd.code = dn.code` +
    ` left join district dv on dv.code = dd.division_code where lower(dn.name) = lower(${column}) limit 1), ${column})`
  );
}
