import { formatLsn, isReadOnlySql, parseLsn } from './replicas';

describe('WAL positions', () => {
  it('parses PostgreSQL LSNs and orders them by position', () => {
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    for (const bad of ['', '0/', '/1', '1/2/3', 'x/1', '123456789/0', null, undefined]) expect(parseLsn(bad)).toBeUndefined();
  });

  it('formats back to what PostgreSQL prints', () => {
    for (const lsn of ['0/3000148', '16/B374D848', '0/0']) expect(formatLsn(parseLsn(lsn)!)).toBe(lsn);
  });
});

describe('isReadOnlySql', () => {
  it('lets plain reads go to a replica', () => {
    expect(isReadOnlySql('select id from park where id = 1')).toBe(true);
    expect(isReadOnlySql('  WITH x AS (select 1) select * from x')).toBe(true);
    expect(isReadOnlySql('select "e"."updated_at" from enterprise e')).toBe(true);
  });

  it('keeps writes, locks and side effects on the primary', () => {
    for (const sql of [
      'insert into park (name) values (1)',
      'update park set name = 1',
      'delete from park',
      'with d as (delete from park returning id) select * from d',
      'select * from park for update',
      'select * from webhook_delivery for no key update skip locked',
      "select nextval('park_id_seq')",
      'select pg_advisory_lock(1)',
      'select * into copy from park',
      'truncate park',
      'begin',
    ]) {
      expect([sql, isReadOnlySql(sql)]).toEqual([sql, false]);
    }
  });
});
