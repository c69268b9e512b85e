import { CreateEnterpriseDocument, SearchAllDocument, UpdateEnterpriseDocument } from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

/** Records written through mutations are found by search at once, under their new names too. */
describe('search after edits', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '数据维护')).headers;
  });
  afterAll(() => server?.close());

  const names = async (q: string) => {
    const res = await server.gql(SearchAllDocument, { q });
    expect(res.errors).toBeUndefined();
    return res.data!.search.edges.map((e) => (e.node as { nameZh?: string }).nameZh);
  };

  it('finds a created firm by pinyin and initials, and a renamed one by its new name only', async () => {
    const created = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '鲸帆智控科技有限公司', layer: 'TECHNOLOGY' } }, editor);
    expect(created.data!.createEnterprise.userErrors).toEqual([]);
    const { id, version } = created.data!.createEnterprise.enterprise!;
    expect(await names('jingfanzhikong')).toContain('鲸帆智控科技有限公司');
    expect(await names('jfzk')).toContain('鲸帆智控科技有限公司');

    const renamed = await server.gql(UpdateEnterpriseDocument, { input: { id, expectedVersion: version, nameZh: '澄澜智控科技有限公司' } }, editor);
    expect(renamed.data!.updateEnterprise.userErrors).toEqual([]);
    expect(await names('chenglan')).toContain('澄澜智控科技有限公司');
    expect(await names('jingfan')).not.toContain('鲸帆智控科技有限公司');
  });
});
