import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { pgArray, sql, toQuery } from './sql';

// MikroORM's own PostgreSQL platform turns `?` placeholders into the statement the server gets:
// asserting on its output shows what would really run, without a database.
const platform = new PostgreSqlPlatform();
const formatted = (fragment: ReturnType<typeof sql>): string => {
  const [text, values] = toQuery(fragment);
  return values.length ? platform.formatQuery(text, values) : text;
};

describe('sql tagged template', () => {
  it('turns every interpolated value into a parameter, never text', () => {
    const name = "x' or 1=1 --";
    const q = sql`select id from park where name_zh = ${name} and id > ${3}`;
    expect(q.text).toBe('select id from park where name_zh = ? and id > ?');
    expect(q.values).toEqual([name, 3]);
    expect(formatted(q)).toBe("select id from park where name_zh = 'x'' or 1=1 --' and id > 3");
  });

  it('quotes identifiers and doubles the quotes inside them', () => {
    const evil = 'park" where 1=1; drop table park; --';
    const q = sql`select * from ${sql.ident(evil)}`;
    expect(q.values).toEqual([]);
    expect(formatted(q)).toBe('select * from "park"" where 1=1; drop table park; --"');
  });

  it('qualifies identifiers part by part', () => {
    expect(sql`${sql.ident('p', 'name_zh')}`.text).toBe('"p"."name_zh"');
    expect(sql`${sql.ident('a.b')}`.text).toBe('"a.b"');
  });

  it('refuses empty identifiers and NUL characters', () => {
    expect(() => sql.ident('')).toThrow(TypeError);
    expect(() => sql.ident('a\0b')).toThrow(TypeError);
    expect(() => sql.ident()).toThrow(TypeError);
  });

  it('keeps a question mark in an identifier or the text from being read as a placeholder', () => {
    const q = sql`select ${sql.ident('who?')} from t where data ? 'k' and id = ${7}`;
    expect(q.values).toEqual([7]);
    expect(formatted(q)).toBe(`select "who?" from t where data ? 'k' and id = 7`);
    expect(formatted(sql`select data ? 'k' from t`)).toBe(`select data ? 'k' from t`);
  });

  it('keeps a value that looks like a placeholder or a fragment a value', () => {
    const q = sql`select ${'?'}, ${'??'}, ${{ text: 'drop table park', values: [] }}`;
    expect(q.text).toBe('select ?, ?, ?');
    expect(q.values).toHaveLength(3);
    expect(formatted(sql`select ${'?'} as a, ${"'?'"} as b`)).toBe(`select '?' as a, '''?''' as b`);
  });

  it('nests fragments, their values in order', () => {
    const cond = sql`name_zh = ${'a'}`;
    const q = sql`select 1 from ${sql.ident('park')} where ${cond} and id = ${2}`;
    expect(q.text).toBe('select 1 from "park" where name_zh = ? and id = ?');
    expect(q.values).toEqual(['a', 2]);
  });

  it('joins fragments and builds value lists', () => {
    const cols = sql.join(
      ['a', 'b'].map((c) => sql.ident(c)),
      ', ',
    );
    const q = sql`insert into t (${cols}) values (${sql.list([1, "x'); drop table t; --"])})`;
    expect(q.text).toBe('insert into t ("a", "b") values (?, ?)');
    expect(formatted(q)).toBe(`insert into t ("a", "b") values (1, 'x''); drop table t; --')`);
    expect(sql`${sql.empty}x`.text).toBe('x');
  });

  it('passes arrays as one typed array parameter', () => {
    const q = sql`select unnest(${sql.array(['a"b', 'c\\d', null], 'text')})`;
    expect(q.text).toBe('select unnest(?::text[])');
    expect(q.values).toEqual([pgArray(['a"b', 'c\\d', null])]);
    expect(q.values[0]).toBe('{"a\\"b","c\\\\d",NULL}');
  });
});
