import { built, join, raw, sql } from './sql-fragment';

describe('sql fragments', () => {
  it('makes every interpolated value a parameter and embeds fragments', () => {
    const inner = sql`x = ${"'; drop table t; --"}`;
    const f = sql`select ${raw('a')} from t where ${inner} and y in (${join([sql`${1}`, sql`${2}`], ', ')})`;
    expect(f.text).toBe('select a from t where x = ? and y in (?, ?)');
    expect(f.values).toEqual(["'; drop table t; --", 1, 2]);
  });

  it('refuses compiler text with a parameter mark', () => {
    expect(() => raw('a = ?')).toThrow();
  });

  it('spreads array parameters of built SQL one per element, as knex does when it runs it', () => {
    const f = built('a in (?) and b = ? and c = any(array[?]::text[])', [['x', 'y'], 3, ['z']]);
    expect(f.text).toBe('a in (?, ?) and b = ? and c = any(array[?]::text[])');
    expect(f.values).toEqual(['x', 'y', 3, 'z']);
  });
});
