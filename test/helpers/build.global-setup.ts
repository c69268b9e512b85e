import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Tests that start `node dist/src/main.js` as a child process need a current build, and the
 * browser tests need the bundled pages in dist/public (web/build.js).
 */
export default function buildOnce(): void {
  const root = path.join(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'web/build.js')], { cwd: root, stdio: 'inherit' });
}
