import fs from 'node:fs';
import path from 'node:path';

/**
 * The project root, found from this file whether it runs from bench/ (ts-node) or compiled from
 * dist/bench/: the nearest folder above that holds package.json.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(__dirname);
/** The fixed public contract: the project's own copy of the operations third-party apps send. */
export const CONTRACT_DIR = path.resolve(PROJECT_ROOT, 'schema/operations');
