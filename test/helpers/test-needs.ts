import fs from 'node:fs';
import path from 'node:path';

const SELECTED = Symbol.for('qingdao-directory.selected-test-files');

/** What the selected test files need prepared before they run. */
export interface TestNeeds {
  /** A seeded template database to copy (files that start the server through test-server.ts). */
  database: boolean;
  /** dist/ built by tsc and web/build.js (child-process servers, browser pages). */
  build: boolean;
}

/** The helpers whose use means a test file needs the database template or the build. */
const DATABASE_HELPERS = ['test/helpers/test-server.ts'];
const BUILD_HELPERS = ['test/helpers/child-server.ts', 'test/helpers/browser.ts'];

/**
 * The test files Jest selected for this run, as recorded by test/helpers/test-sequencer.js, or
 * undefined when the run did not go through that sequencer (then everything is prepared).
 */
export function selectedTestFiles(): string[] | undefined {
  return (globalThis as Record<symbol, string[] | undefined>)[SELECTED];
}

/**
 * Reads the selected files and the test helpers they import (relative imports under test/,
 * followed transitively) to decide what they need. A file that spawns `dist/` without the helper
 * is caught by its literal "dist/" path.
 */
export function needsOf(files: string[] | undefined, root: string): TestNeeds {
  if (!files) return { database: true, build: true };
  const testDir = path.join(root, 'test') + path.sep;
  const database = new Set(DATABASE_HELPERS.map((f) => path.join(root, f)));
  const build = new Set(BUILD_HELPERS.map((f) => path.join(root, f)));
  const needs: TestNeeds = { database: false, build: false };
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (database.has(file)) needs.database = true;
    if (build.has(file)) needs.build = true;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return;
    }
    if (/['"`][^'"`]*\bdist\//.test(text) && !build.has(file)) needs.build = true;
    for (const [, spec] of text.matchAll(/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(path.dirname(file), spec);
      if (target?.startsWith(testDir)) visit(target);
    }
  };
  for (const file of files) visit(file);
  return needs;
}

function resolve(dir: string, spec: string): string | undefined {
  const base = path.join(dir, spec);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
