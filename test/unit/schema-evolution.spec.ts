import fs from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { printAppSchema } from '../../src/graphql/schema';
import { checkSchemaEvolution, readUnreleasedSection, releasedVersionOf } from '../helpers/schema-evolution';

const root = path.join(__dirname, '../..');
const releasedSdl = fs.readFileSync(path.join(root, 'schema/released.graphql'), 'utf8');
const changelog = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');

describe('schema evolution against the released schema (graphql-inspector)', () => {
  it('the current schema breaks nothing that CHANGELOG.md does not record, and removes only what was deprecated', async () => {
    const report = await checkSchemaEvolution(buildSchema(releasedSdl), releasedVersionOf(releasedSdl), buildSchema(printAppSchema()), changelog);
    expect(report.problems).toEqual([]);
  });

  it('the changelog names the released version as released', () => {
    const version = releasedVersionOf(releasedSdl);
    expect(changelog).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] — \\d{4}-\\d{2}-\\d{2}`, 'm'));
  });
});

describe('the evolution check itself (synthetic schemas)', () => {
  const released = buildSchema(`
    type Query {
      firm(id: ID!, legacy: Boolean @deprecated(reason: "Ignored.")): Firm
      oldName: String @deprecated(reason: "Use name.")
      name: String
      count: Int
    }
    type Firm { id: ID! layer: Layer }
    enum Layer { BASE MODEL APPLICATION OLD @deprecated(reason: "Merged into MODEL.") }
    input FirmInput { name: String website: String }
  `);
  const changelogWith = (breaking: string) =>
    `# Changelog\n\n## [0.2.0] — unreleased\n\n### Added\n- something\n\n### Breaking changes\n${breaking}\n\n## [0.1.0] — 2026-12-02\n- first\n`;

  it('accepts additions with no changelog entry', async () => {
    const current = buildSchema(`
      type Query { firm(id: ID!, legacy: Boolean @deprecated(reason: "Ignored.")): Firm oldName: String @deprecated(reason: "Use name.") name: String count: Int extra: Int }
      type Firm { id: ID! layer: Layer }
      enum Layer { BASE MODEL APPLICATION OLD @deprecated(reason: "Merged into MODEL.") }
      input FirmInput { name: String website: String note: String }
    `);
    const report = await checkSchemaEvolution(released, '0.1.0', current, changelogWith(''));
    expect(report.breaking).toEqual([]);
    expect(report.problems).toEqual([]);
  });

  it('fails a breaking change the changelog does not record', async () => {
    const current = buildSchema(`
      type Query { firm(id: ID!, legacy: Boolean @deprecated(reason: "Ignored.")): Firm oldName: String @deprecated(reason: "Use name.") name: String count: String }
      type Firm { id: ID! layer: Layer }
      enum Layer { BASE MODEL APPLICATION OLD @deprecated(reason: "Merged into MODEL.") }
      input FirmInput { name: String website: String }
    `);
    const report = await checkSchemaEvolution(released, '0.1.0', current, changelogWith(''));
    expect(report.breaking.map((c) => c.path)).toEqual(['Query.count']);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/Query\.count.*not recorded/);
  });

  it('fails a recorded breaking change that gives no migration path', async () => {
    const current = buildSchema(`
      type Query { firm(id: ID!, legacy: Boolean @deprecated(reason: "Ignored.")): Firm oldName: String @deprecated(reason: "Use name.") name: String count: String }
      type Firm { id: ID! layer: Layer }
      enum Layer { BASE MODEL APPLICATION OLD @deprecated(reason: "Merged into MODEL.") }
      input FirmInput { name: String website: String }
    `);
    const report = await checkSchemaEvolution(released, '0.1.0', current, changelogWith('- `Query.count` is now a String.'));
    expect(report.problems).toEqual([expect.stringMatching(/without a "Migration:" path/)]);
    const ok = await checkSchemaEvolution(released, '0.1.0', current, changelogWith('- `Query.count` is now a String.\n  Migration: parse it as an integer.'));
    expect(ok.problems).toEqual([]);
  });

  it('fails removing a field, argument, enum value or input field the released schema had not deprecated, even when recorded', async () => {
    const current = buildSchema(`
      type Query { firm(id: ID!, legacy: Boolean @deprecated(reason: "Ignored.")): Firm oldName: String @deprecated(reason: "Use name.") count: Int }
      type Firm { id: ID! layer: Layer }
      enum Layer { BASE MODEL OLD @deprecated(reason: "Merged into MODEL.") }
      input FirmInput { name: String }
    `);
    const recorded = '- `Query.name`, `Layer.APPLICATION`, `FirmInput.website` removed. Migration: none possible.';
    const report = await checkSchemaEvolution(released, '0.1.0', current, changelogWith(recorded));
    expect(report.breaking.map((c) => c.path).sort()).toEqual(['FirmInput.website', 'Layer.APPLICATION', 'Query.name']);
    expect(report.problems).toHaveLength(3);
    for (const problem of report.problems) expect(problem).toMatch(/without having been marked @deprecated/);
  });

  it('accepts removing what the released schema deprecated, once recorded with a migration path', async () => {
    const current = buildSchema(`
      type Query { firm(id: ID!): Firm name: String count: Int }
      type Firm { id: ID! layer: Layer }
      enum Layer { BASE MODEL APPLICATION }
      input FirmInput { name: String website: String }
    `);
    const unrecorded = await checkSchemaEvolution(released, '0.1.0', current, changelogWith(''));
    expect(unrecorded.problems).toHaveLength(3);
    const recorded =
      '- `Query.oldName`, `Query.firm.legacy` and `Layer.OLD` removed after their deprecation in 0.1.0.\n  Migration: select `name`; drop `legacy`; send `MODEL`.';
    const report = await checkSchemaEvolution(released, '0.1.0', current, changelogWith(recorded));
    expect(report.breaking).toHaveLength(3);
    expect(report.problems).toEqual([]);
  });

  it('wants the changelog to open with a version above the released one', async () => {
    const same = await checkSchemaEvolution(released, '0.2.0', released, changelogWith(''));
    expect(same.problems).toEqual([expect.stringMatching(/must be above the released 0\.2\.0/)]);
    const none = await checkSchemaEvolution(released, '0.1.0', released, '# Changelog\n\n## [0.1.0] — 2026-12-02\n');
    expect(none.problems).toEqual([expect.stringMatching(/must open with the next version/)]);
  });

  it('reads bullets that wrap over several lines', () => {
    const section = readUnreleasedSection(changelogWith('- `A.b` and\n  `A.c` changed.\n  Migration: use\n  `A.d`.'));
    expect(section).toEqual({ version: '0.2.0', breaking: [{ coordinates: ['A.b', 'A.c'], migration: 'use\n  `A.d`.' }] });
  });
});
