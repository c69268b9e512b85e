import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Tests that start `node dist/src/main.js` as a child process need a current build. */
export default function buildOnce(): void {
  const root = path.join(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
