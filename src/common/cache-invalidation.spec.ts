import { ALL_TYPES, invalidateCache, noteStatement, registerCacheInvalidator, typesOfTables, withCacheInvalidation } from './cache-invalidation';

describe('cache invalidation of writes', () => {
  it('maps written tables to the types whose answers they change', () => {
    expect(typesOfTables(['enterprise_park']).sort()).toEqual(['Enterprise', 'Park']);
    expect(typesOfTables(['audit_entry'])).toEqual([]);
    expect(typesOfTables(['enterprise', 'some_new_table'])).toEqual([ALL_TYPES]);
  });

  it('invalidates the tables a committed write wrote to, and nothing for a failed one', async () => {
    const seen: string[][] = [];
    const unregister = registerCacheInvalidator(async (types) => {
      seen.push([...types].sort());
    });
    try {
      await withCacheInvalidation(async () => {
        noteStatement('select * from park');
        noteStatement('insert into "enterprise" ("name_zh") values (?)');
        noteStatement('insert into enterprise_sector (enterprise_id, sector_code) values (1, ?) on conflict do update set x = 1');
      });
      await expect(
        withCacheInvalidation(async () => {
          noteStatement('delete from scenario where id = 1');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      noteStatement('update park set name_zh = 1'); // outside a tracked write: ignored
      await invalidateCache([]);
    } finally {
      unregister();
    }
    expect(seen).toEqual([['ChainNode', 'Enterprise', 'Sector']]);
  });
});
