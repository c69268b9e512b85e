import { csvField, csvText } from './text';

describe('csvText (OWASP CSV injection)', () => {
  it.each(['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])('neutralises %j with a leading quote, quoted', (value) => {
    const cell = csvText(value);
    expect(cell.startsWith(`"'`)).toBe(true);
    // Read back as RFC 4180: strip the outer quotes, undouble inner ones, drop the added quote.
    expect(cell.slice(2, -1).replace(/""/g, '"')).toBe(value);
  });

  it('leaves other text as csvField writes it', () => {
    for (const value of ['崂山区', 'a,b', 'say "hi"', "O'Brien", '1-2', '']) expect(csvText(value)).toBe(csvField(value));
    expect(csvText(null)).toBe('');
  });
});
