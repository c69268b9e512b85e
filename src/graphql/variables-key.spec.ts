import { variablesKey } from './variables-key';

describe('variablesKey', () => {
  it('keys short variables by their JSON and equal variables alike', () => {
    expect(variablesKey({ first: 10 })).toBe('{"first":10}');
    expect(variablesKey({ first: 10 })).toBe(variablesKey({ first: 10 }));
    expect(variablesKey(undefined)).toBe('{}');
  });

  it('keys long variables by a hash that still tells different values apart', () => {
    const ids = (n: number) => Array.from({ length: 100 }, (_, i) => `RW50ZXJwcmlzZTo${i + n}`);
    const a = variablesKey({ ids: ids(0) });
    expect(a).toMatch(/^#[A-Za-z0-9+/]{43}=$/);
    expect(variablesKey({ ids: ids(0) })).toBe(a);
    expect(variablesKey({ ids: ids(1) })).not.toBe(a);
  });

  it('keys nothing when the variables are too long to be worth hashing', () => {
    expect(variablesKey({ text: 'x'.repeat(70 * 1024) })).toBeNull();
  });
});
