import { decodeGlobalId, parseGlobalId, parseIntegerId, toGlobalId } from './global-id';

describe('global IDs', () => {
  it('round-trips a type and a local id', () => {
    const id = toGlobalId('Enterprise', 42);
    expect(id).not.toContain('Enterprise');
    expect(decodeGlobalId(id)).toEqual({ type: 'Enterprise', localId: '42' });
    expect(parseIntegerId(id, 'Enterprise')).toBe(42);
  });

  it('rejects malformed IDs with a message saying what was expected', () => {
    for (const bad of ['', 'not base64!', '42', toGlobalId('Enterprise', 'x y'), 'a'.repeat(500)]) {
      expect(() => parseGlobalId(bad, 'Park')).toThrow(/expected the ID of a Park/);
    }
  });

  it('rejects an ID of another type, naming both types', () => {
    expect(() => parseGlobalId(toGlobalId('Enterprise', 1), 'Park')).toThrow(/is a Enterprise ID; expected the ID of a Park/);
  });

  it('rejects non-positive integer ids', () => {
    expect(() => parseIntegerId(toGlobalId('Park', 0), 'Park')).toThrow(/not a valid Park ID/);
  });
});
