import { parse } from 'graphql';
import { findNulCharacter, findUnstorableText } from './text-input';

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

describe('findUnstorableText', () => {
  const doc = parse('query Q($f: EnterpriseFilter) { enterprises(filter: $f) { totalCount } }');

  it('finds a lone surrogate (either half) in variables, names included, and in literals', () => {
    expect(findUnstorableText(doc, { f: { search: 'a\uD800b' } })).toEqual({ where: '$f.search', problem: expect.stringContaining('U+D800') });
    expect(findUnstorableText(doc, { f: { districts: ['\uDC00'] } })?.where).toBe('$f.districts[0]');
    expect(findUnstorableText(doc, { f: { ['k\uD83D']: 'x' } })?.where).toBe('a field name in $f.k\uD83D');
    expect(findUnstorableText(parse('{ search(query: "x") { totalCount } }'), { q: 'end\uD83D' })?.problem).toMatch(/lone UTF-16 surrogate/);
  });

  it('passes well-formed pairs (emoji, astral Chinese)', () => {
    expect(findUnstorableText(doc, { f: { search: '😀𠀀崂山' } })).toBeNull();
  });

  it("remembers what a document's literals hold, never what variables held (a query sent again with other variables)", () => {
    const bad = parse('{ search(query: "海\\u0000洋") { totalCount } }');
    expect(findUnstorableText(bad, undefined)?.where).toBe('a string literal in the query');
    expect(findUnstorableText(bad, undefined)?.where).toBe('a string literal in the query');
    expect(findUnstorableText(doc, { f: { search: 'fine' } })).toBeNull();
    expect(findUnstorableText(doc, { f: { search: 'a\u0000' } })?.where).toBe('$f.search');
    expect(findUnstorableText(doc, {})).toBeNull();
  });
});
