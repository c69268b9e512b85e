import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

const run = promisify(execFile);
const root = path.join(__dirname, '../..');
const source = path.join(root, 'test/clients');
const build = path.join(root, 'dist/test-clients');

/**
 * Third-party clients against the live server, as a developer outside the project would use them:
 * GraphQL Code Generator's client preset reads the schema from the server by introspection, tsc
 * compiles the programs in test/clients with the generated types, and each program runs in its own
 * Node process and asserts on real data (Apollo Client, urql with its defaults, graphql-request,
 * and the typed client).
 */
describe('client programs against the live server', () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startTestServer();
    const editor = await createTestKey(server, 'editor', '客户端示例');
    env = { ...process.env, NODE_OPTIONS: '', CLIENT_API_URL: server.url, CLIENT_EDITOR_KEY: editor.key, CLIENT_GQL_DIR: path.join(build, 'gql/') };
    fs.rmSync(build, { recursive: true, force: true });
    fs.mkdirSync(build, { recursive: true });
    for (const file of fs.readdirSync(source)) {
      if (file.endsWith('.ts') || file.endsWith('.json')) fs.copyFileSync(path.join(source, file), path.join(build, file));
    }
  });
  afterAll(() => server?.close());

  it('codegen with the scalar map generates from the live schema, and tsc compiles every program against it', async () => {
    await run(process.execPath, [path.join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'test/clients/codegen.ts'], { cwd: root, env });
    const generated = fs.readFileSync(path.join(build, 'gql/graphql.ts'), 'utf8');
    // Without the scalar map these would be `unknown`.
    expect(generated).toContain('latitude: number | null');
    expect(generated).toContain('website: string | null');
    expect(generated).toContain('verifiedAt: string');
    const tsc = await run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(build, 'tsconfig.json')], {
      cwd: root,
      env,
    }).catch((e: { stdout: string }) => {
      throw new Error(`tsc failed:\n${e.stdout}`);
    });
    expect(tsc.stdout).toBe('');
    for (const program of ['apollo', 'urql', 'graphql-request', 'typed']) expect(fs.existsSync(path.join(build, 'out', `${program}.js`))).toBe(true);
  });

  it('the scalar map covers every custom scalar of the schema', async () => {
    const schema = fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8');
    const custom = [...schema.matchAll(/^scalar (\w+)/gm)].map((m) => m[1]).sort();
    const config = fs.readFileSync(path.join(source, 'codegen.ts'), 'utf8');
    const mapped = [...config.slice(config.indexOf('scalars = {'), config.indexOf('} as const')).matchAll(/^\s+(\w+): '/gm)].map((m) => m[1]).sort();
    expect(mapped).toEqual(custom);
  });

  it.each([['apollo'], ['urql'], ['graphql-request'], ['typed']])('%s', async (program) => {
    const result = await run(process.execPath, [path.join(build, 'out', `${program}.js`)], { cwd: build, env }).catch(
      (e: { stdout: string; stderr: string; code: number }) => {
        throw new Error(`${program} exited ${e.code}:\n${e.stdout}\n${e.stderr}`);
      },
    );
    console.log(result.stdout.trim());
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^\[[\w-]+\] ok: /);
  });
});
