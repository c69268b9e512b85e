import { spawnSync } from 'node:child_process';
import { CreateEnterpriseDocument } from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

/** `npm run keys`: create, use, list, revoke; and a clear refusal while the server holds DATA_DIR. */
describe('keys command line', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const keys = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent' };
    if (server.config.databaseUrl) env.DATABASE_URL = server.config.databaseUrl;
    else {
      delete env.DATABASE_URL;
      env.DATA_DIR = server.config.dataDir;
    }
    return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/keys.cli.ts', ...args], { env, encoding: 'utf8', timeout: 60000 });
  };

  if (process.env.DATABASE_URL) {
    it('creates a key shown once, which then signs writes; revoking it by prefix makes it UNAUTHENTICATED', async () => {
      const created = keys('create', '--role', 'editor', '--name', '命令行测试');
      expect(created.status).toBe(0);
      const key = /qdai_[A-Za-z0-9_-]{43}/.exec(created.stdout)![0];
      const [stored] = await server.sql<{ key_hash: string; name: string }>('select key_hash, name from api_key where name = $1', ['命令行测试']);
      expect(stored.key_hash).not.toContain(key.slice(5));
      const headers = { authorization: `Bearer ${key}` };
      const ok = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '命令行密钥示例企业', layer: 'APPLICATION' } }, headers);
      expect(ok.data!.createEnterprise.userErrors).toEqual([]);

      const listed = keys('list');
      expect(listed.stdout).toContain('命令行测试');
      expect(listed.stdout).not.toContain(key);
      const revoked = keys('revoke', key.slice(0, 13));
      expect(revoked.status).toBe(0);
      const refused = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '吊销后示例企业', layer: 'APPLICATION' } }, headers);
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  } else {
    it('refuses to open the embedded database while the server holds it, saying what to do', () => {
      const result = keys('list');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/in use/);
      expect(result.stderr).toMatch(/DATABASE_URL/);
    });
  }
});
