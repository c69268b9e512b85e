import { classifyDatabaseError } from './database-errors';

describe('classifyDatabaseError', () => {
  const sqlstate = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

  it('reads a cancelled statement as a timeout and lost connections as the database being unavailable', () => {
    expect(classifyDatabaseError(sqlstate('57014'))).toBe('timeout');
    expect(classifyDatabaseError(sqlstate('08006'))).toBe('unavailable');
    expect(classifyDatabaseError(sqlstate('57P01'))).toBe('unavailable');
    expect(classifyDatabaseError(new Error('wrapped', { cause: sqlstate('ECONNREFUSED') }))).toBe('unavailable');
  });

  it('does not take a protocol violation (a statement the server could not read) for an outage', () => {
    expect(classifyDatabaseError(sqlstate('08P01'))).toBe('other');
    expect(classifyDatabaseError(sqlstate('22021'))).toBe('other');
  });
});
