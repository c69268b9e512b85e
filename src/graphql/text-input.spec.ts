import { parse } from 'graphql';
import { findNulCharacter } from './text-input';

describe('findNulCharacter', () => {
  const doc = parse('query Q($f: EnterpriseFilter) { enterprises(filter: $f) { totalCount } }');

  it('names the variable path that carries U+0000', () => {
    expect(findNulCharacter(doc, { f: { districts: ['崂山区', 'a\u0000b'] } })).toBe('$f.districts[1]');
    expect(findNulCharacter(doc, { f: { AND: [{ NOT: { search: '\u0000' } }] } })).toBe('$f.AND[0].NOT.search');
  });

  it('finds U+0000 in a string literal of the document (written as the escape \\u0000)', () => {
    expect(findNulCharacter(parse('{ search(query: "海\\u0000洋") { totalCount } }'), undefined)).toBe('a string literal in the query');
  });

  it('passes any other text, control characters and astral planes included', () => {
    expect(findNulCharacter(doc, { f: { search: '\u0007\b\n\r\t\u001b😀\u{10ffec}崂山', foundedYear: { min: 0 } }, n: null })).toBeNull();
    expect(findNulCharacter(parse('{ search(query: "海洋") { totalCount } }'), {})).toBeNull();
  });
});
