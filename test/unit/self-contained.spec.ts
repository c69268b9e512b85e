import fs from 'node:fs';
import path from 'node:path';
import { projectFiles } from '../helpers/project-files';

const ROOT = path.join(__dirname, '../..');

/**
 * The project owns its contract and its fixtures: no file of it (documentation aside, where the
 * history of the contract may be told) points at a folder beside the repository.
 */
describe('the project stands alone', () => {
  // Built from parts so that this file does not match itself.
  const outside = new RegExp(['\\.\\.', 'shared', ''].join('/') + '|' + ['', 'work', 'shared'].join('/'));
  const files = projectFiles(ROOT).filter((f) => !f.endsWith('.md'));

  it('lists the project files', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'codegen.yml', 'web/build.js', 'schema/operations/directory.graphql']));
  });

  it('no file outside the Markdown documentation refers to the sibling folder outside the project (shared)', () => {
    const offenders = files.filter((f) => {
      const buf = fs.readFileSync(path.join(ROOT, f));
      return !buf.includes(0) && outside.test(buf.toString('utf8'));
    });
    expect(offenders).toEqual([]);
  });

  it("holds the contract operations and the export formats' schemas it tests with", () => {
    for (const f of ['analysis.graphql', 'directory.graphql', 'editing.graphql']) expect(files).toContain(`schema/operations/${f}`);
    for (const f of ['graphml/graphml.xsd', 'gexf13/gexf.xsd', 'jgf/json-graph-schema_v2.json']) expect(files).toContain(`test/fixtures/formats/${f}`);
  });
});
