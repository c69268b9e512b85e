import type { TestServer } from './test-server';

/** Waits until `condition` holds, polling every 20 ms; throws after `ms`. */
export async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Adds `count` synthetic firms (marked SYNTHETIC, named 合成测试企业 n) in one statement: a graph too
 * large to sit in socket buffers, so an export is still reading while a test acts on it.
 */
export async function insertFillerFirms(server: TestServer, count: number): Promise<void> {
  await server.sql(
    `insert into enterprise (name_zh, name_en, layer, provenance_kind, provenance_source, provenance_verified_at)
     select '合成测试企业' || g, 'Synthetic test firm ' || g, 'APPLICATION', 'SYNTHETIC', 'test filler (not real)', date '2026-01-01'
       from generate_series(1, ${Number(count)}) g`,
  );
}
