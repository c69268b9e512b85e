import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Folders that are built, installed or written at run time, never part of a clone. */
const NOT_SOURCE = new Set(['.git', 'node_modules', 'dist', 'data', 'coverage', 'test/artifacts']);

/**
 * The files a clone of the project holds, relative to `root`: what git tracks plus new files it
 * does not ignore (so a file about to be committed counts). Outside a git checkout (an exported
 * tree), every file except the built and installed folders.
 */
export function projectFiles(root: string): string[] {
  if (fs.existsSync(path.join(root, '.git'))) {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return [...new Set(out.split('\0').filter(Boolean))].filter((f) => fs.existsSync(path.join(root, f)));
  }
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (NOT_SOURCE.has(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  walk('');
  return files;
}
