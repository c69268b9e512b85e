import { pgArray } from './audit';

describe('pgArray', () => {
  it('quotes every item, escapes quotes and backslashes, and writes NULL for missing values', () => {
    expect(pgArray(['a', 'b "c"', 'd\\e', '简称,逗号', null, 3])).toBe('{"a","b \\"c\\"","d\\\\e","简称,逗号",NULL,3}');
    expect(pgArray([])).toBe('{}');
  });
});
