import { stripVTControlCharacters } from 'node:util';
import { print } from 'graphql';
import { FirmsByFilterDocument } from '../generated/graphql';
import { runServer, stopServers } from '../helpers/child-server';
import { createTestDatabase } from '../helpers/test-server';

/**
 * SQL_DEBUG=true prints every statement a request runs, the compiled read's single statement
 * included (it does not go through the ORM's query builder, so it is logged on purpose): with its
 * values inlined for reading and its time, while it still runs with bound parameters.
 */
describe('SQL_DEBUG', () => {
  afterAll(() => stopServers());

  it('prints the compiled statement with its values and time, and counts it once', async () => {
    // A copy of the seeded template: a first start would print every statement of the seeding too.
    const database = await createTestDatabase({ seeded: true });
    const where: Record<string, string> = database.config.databaseUrl ? { DATABASE_URL: database.config.databaseUrl } : { DATA_DIR: database.config.dataDir };
    const run = runServer({ ...where, SQL_DEBUG: 'true', RESPONSE_CACHE: 'false', LOG_LEVEL: 'info' });
    const endpoint = await run.ready;
    const needle = `debug-needle-${process.pid}`;
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(FirmsByFilterDocument), variables: { filter: { search: needle } } }),
    });
    const body = (await res.json()) as { data: { enterprises: { totalCount: number } } };
    expect(body.data.enterprises.totalCount).toBe(0);
    expect(res.headers.get('x-execution')).toBe('compiled');
    expect(res.headers.get('x-sql-statements')).toBe('1');
    const printed = stripVTControlCharacters(run.stdout())
      .split('\n')
      .filter((line) => line.includes(needle));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/\[query\] select .*json/);
    expect(printed[0]).toMatch(/took \d+ ms/);
  }, 120_000);
});
