import { MemoryResponseStore } from './response-cache';

describe('in-process response store', () => {
  // Answers with Chinese text: the bound counts the bytes kept (UTF-8), not characters.
  const answer = (i: number) => ({ parks: Array.from({ length: 10 }, (_, j) => ({ id: `${i}-${j}`, nameZh: '青岛人工智能产业园'.repeat(3) })) });
  const bytes = Buffer.byteLength(JSON.stringify(answer(0)), 'utf8');

  it('keeps at most its bound in bytes, evicting the least recently used answers', async () => {
    const store = new MemoryResponseStore(60, 20 * bytes);
    for (let i = 0; i < 200; i++) await store.save(`k${i}`, [], answer(i));
    expect(store.size).toBeLessThanOrEqual(20 * bytes);
    expect(store.size).toBeGreaterThan(10 * bytes);
    expect((await store.lookup('k199', [])).data).toEqual(answer(199));
    expect((await store.lookup('k0', [])).data).toBeUndefined();
  });

  it('does not keep one answer larger than an eighth of the bound', async () => {
    const store = new MemoryResponseStore(60, 4 * bytes);
    await store.save('big', [], answer(1));
    expect(store.size).toBe(0);
    expect((await store.lookup('big', [])).data).toBeUndefined();
  });

  it('hands out a copy: a caller changing its answer does not change the cache', async () => {
    const store = new MemoryResponseStore(60, 100 * bytes);
    await store.save('k', [], answer(1));
    const first = (await store.lookup('k', [])).data as ReturnType<typeof answer>;
    first.parks.length = 0;
    expect((await store.lookup('k', [])).data).toEqual(answer(1));
  });
});
