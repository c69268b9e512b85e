import { decodeCursor, encodeCursor, toPage } from './pagination';

describe('pagination arguments', () => {
  it('defaults to the first 20', () => {
    expect(toPage({})).toEqual({ direction: 'forward', limit: 20, cursor: null, offset: 0 });
  });

  it('accepts 1 and 100 and refuses 0 and 101', () => {
    expect(toPage({ first: 1 }).limit).toBe(1);
    expect(toPage({ last: 100 }).limit).toBe(100);
    expect(() => toPage({ first: 0 })).toThrow(/between 1 and 100/);
    expect(() => toPage({ first: 101 })).toThrow(/between 1 and 100/);
    expect(() => toPage({ last: -1 })).toThrow(/between 1 and 100/);
  });

  it('refuses first with last, and mixed directions', () => {
    expect(() => toPage({ first: 5, last: 5 })).toThrow(/not both/);
    expect(() => toPage({ last: 5, after: 'x' })).toThrow(/pass one of them/);
    expect(() => toPage({ first: 5, before: 'x' })).toThrow(/"before" goes with "last"/);
  });

  it('accepts an offset of 0 to 10000 with first, never with a cursor or last', () => {
    expect(toPage({ first: 10, offset: 30 })).toEqual({ direction: 'forward', limit: 10, cursor: null, offset: 30 });
    expect(toPage({ offset: 10000 }).offset).toBe(10000);
    expect(() => toPage({ offset: -1 })).toThrow(/between 0 and 10000/);
    expect(() => toPage({ offset: 10001 })).toThrow(/between 0 and 10000/);
    expect(() => toPage({ first: 5, offset: 5, after: 'x' })).toThrow(/cannot be combined/);
    expect(() => toPage({ last: 5, offset: 5, before: 'x' })).toThrow(/cannot be combined/);
    expect(() => toPage({ last: 5, offset: 5 })).toThrow(/with "first"/);
  });

  it('round-trips cursors and refuses a cursor of another ordering', () => {
    const cursor = encodeCursor('name', ['崂山', 7]);
    expect(decodeCursor(cursor, 'name', 2, 'after')).toEqual(['崂山', 7]);
    expect(() => decodeCursor(cursor, 'id', 1, 'after')).toThrow(/not a cursor of this list/);
    expect(() => decodeCursor('%%%', 'id', 1, 'after')).toThrow(/not a cursor of this list/);
  });
});

describe('decodeCursor with key types', () => {
  const enc = (json: string) => Buffer.from(json, 'utf8').toString('base64url');
  it('accepts values of the declared types', () => {
    expect(decodeCursor(encodeCursor('name:asc', ['laoshan', '崂山', 7]), 'name:asc', ['text', 'text', 'int'], 'after')).toEqual(['laoshan', '崂山', 7]);
    expect(decodeCursor(encodeCursor('audit', ['9007199254740993']), 'audit', ['bigint'], 'after')).toEqual(['9007199254740993']);
  });
  it.each([
    ['text for an integer', '["id","abc"]', ['int']],
    ['a number JSON cannot hold', '["id",1e400]', ['int']],
    ['beyond int4', '["id",2147483648]', ['int']],
    ['a fraction', '["id",1.5]', ['int']],
    ['a number for a text key', '["name:asc",5,"x",1]', ['text', 'text', 'int']],
    ['NUL in text', '["name:asc","a\\u0000","x",1]', ['text', 'text', 'int']],
    ['a non-numeric bigint', '["audit","1 or 1=1"]', ['bigint']],
  ] as const)('refuses %s with BAD_USER_INPUT', (_what, json, types) => {
    const ordering = JSON.parse(json.replace('1e400', '0'))[0] as string;
    expect(() => decodeCursor(enc(json), ordering, types, 'after')).toThrow(/not a valid cursor/);
  });
});
