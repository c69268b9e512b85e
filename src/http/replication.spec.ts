import { parseLsn } from '../db/replicas';
import { formatToken, tokenPosition } from './replication';

describe('consistency tokens', () => {
  it('reads a token back to its position; anything else asks for the primary (beyond every position)', () => {
    const lsn = parseLsn('5/ABC')!;
    expect(tokenPosition(formatToken(lsn))).toBe(lsn);
    for (const bad of ['garbage', 'pg:', 'pg:1/2/3', '5/ABC', 'pg:5/ABC; drop table x', '']) {
      expect(tokenPosition(bad)).toBeGreaterThan(parseLsn('FFFFFFFF/FFFFFFFF')! - 1n);
    }
  });
});
