import { migrate, openDatabase, Database } from '../../src/db/database';
import { writeAudit } from '../../src/common/editing/audit';
import { FEED_START, feedHead, readFeed } from '../../src/modules/change-feed/change-feed.service';
import { eventTypesFor, PUBLIC_RECORD_TYPES } from '../../src/modules/change-feed/event-types';
import { createTestDatabase } from '../helpers/test-server';

describe('Migration20261202120000_changes_webhooks on a database with history', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase({ blank: true });
    db = await openDatabase(database.config);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('keeps every earlier audit entry, in order, at the start of the feed; later writes follow', async () => {
    await db.orm.getMigrator().up({ to: 'Migration20261202000000_search_short_names' });
    const em = db.em();
    await em.execute(
      `insert into audit_entry (actor_name, action, record_type, record_id, changes) values
        ('旧数据', 'CREATE', 'Park', 'UGFyazox', '{"nameZh":{"before":null,"after":"旧园区"}}'),
        ('旧数据', 'UPDATE', 'Park', 'UGFyazox', '{"district":{"before":"a","after":"b"}}'),
        ('旧数据', 'CREATE', 'ApiKeyLike', 'x', '{}')`,
    );
    expect(await migrate(db)).toContain('Migration20261202120000_changes_webhooks');

    const all = eventTypesFor(PUBLIC_RECORD_TYPES);
    const legacy = await readFeed(db.em(), FEED_START, all, 100);
    expect(legacy.map((c) => c.eventType)).toEqual(['Park.CREATE', 'Park.UPDATE']);
    expect(legacy[0].changes.nameZh.after).toBe('旧园区');
    // The head lies past every entry, public or not: nothing is left to read after it.
    const head = await feedHead(db.em());
    expect(head.seq).toBe(legacy[1].position.seq);
    expect(await readFeed(db.em(), head, all, 100)).toEqual([]);
    const [{ n }] = (await db.em().execute('select count(*)::int as n from audit_entry')) as Array<{ n: number }>;
    expect(n).toBe(3);

    await db.em().transactional(async (tx) => {
      await writeAudit(tx, { keyId: null, name: '新数据' }, [
        { action: 'DELETE', recordType: 'Park', recordId: 'UGFyazox', changes: { nameZh: { before: '旧园区', after: null } } },
      ]);
    });
    const after = await readFeed(db.em(), legacy[1].position, all, 100);
    expect(after.map((c) => c.eventType)).toEqual(['Park.DELETE']);
    expect(BigInt(after[0].position.seq)).toBeGreaterThan(BigInt(legacy[1].position.seq));
  });
});
