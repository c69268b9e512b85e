import fs from 'node:fs';
import path from 'node:path';
import { Kind, OperationDefinitionNode, parse, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { loadSynthetic, removeSynthetic } from '../../src/db/synthetic/load';
import { ActionPlanFullDocument, type ActionPlanFullQuery } from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

type Target = ActionPlanFullQuery['actionPlan']['targets'][number];

describe('actionPlan', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  async function plan(): Promise<Map<string, Target>> {
    const res = await server.gql(ActionPlanFullDocument);
    expect(res.errors).toBeUndefined();
    const { targets, baselines } = res.data!.actionPlan;
    expect(targets.every((t) => t.kind === 'TARGET')).toBe(true);
    expect(baselines.every((t) => t.kind === 'BASELINE')).toBe(true);
    return new Map([...targets, ...baselines].map((t) => [t.key, t]));
  }

  const one = async (sql: string) => Number((await server.sql<{ n: number }>(sql))[0].n);

  it('lists every target and baseline of the plan, cited, with live values equal to SQL', async () => {
    const byKey = await plan();
    const [{ targets, baselines }] = await server.sql<{ targets: number; baselines: number }>(
      `select count(*) filter (where kind = 'TARGET')::int as targets, count(*) filter (where kind = 'BASELINE')::int as baselines from plan_indicator`,
    );
    expect([...byKey.values()].filter((t) => t.kind === 'TARGET')).toHaveLength(Number(targets));
    expect([...byKey.values()].filter((t) => t.kind === 'BASELINE')).toHaveLength(Number(baselines));

    const compute = await one(`select sum(capacity_pflops)::float8 as n from compute_center where status = 'OPERATIONAL'`);
    expect(compute).toBeGreaterThan(0);
    const c2026 = byKey.get('compute-2026')!;
    expect(c2026).toMatchObject({ target: 12000, unit: 'PFLOPS', year: 2026, current: compute });
    expect(c2026.progress).toBeCloseTo(compute / 12000, 10);
    expect(c2026.source).toContain('青岛市人工智能产业创新发展行动计划');
    expect(c2026.sourceUrl).toMatch(/^https?:\/\//);
    expect(byKey.get('compute-2024')!.progress).toBeCloseTo(compute / 3300, 10);

    expect(byKey.get('showcase-scenarios-2026')!.current).toBe(await one(`select count(*)::int as n from scenario where status = 'SHOWCASE'`));
    expect(byKey.get('national-open-platforms-2026')!.current).toBe(
      await one(`select count(*)::int as n from innovation_platform where kind = 'NATIONAL_OPEN_INNOVATION_PLATFORM'`),
    );
    expect(byKey.get('public-service-platforms-2026')!.current).toBe(await one(`select count(*)::int as n from innovation_platform where kind = 'PUBLIC_SERVICE_PLATFORM'`));
    expect(byKey.get('featured-parks-2026')!.current).toBe(await one(`select count(*)::int as n from park where role = 'FEATURED'`));
    expect(byKey.get('baseline-large-models-2023')!.current).toBe(
      await one(`select count(*)::int as n from large_model where status in ('RELEASED', 'REGISTERED')`),
    );

    // Sample firms count, and the answer says so.
    const firms = byKey.get('baseline-enterprises-2023')!;
    expect(firms.current).toBe(await one(`select count(*)::int as n from enterprise`));
    expect(firms.sampleRecords).toBe(await one(`select count(*)::int as n from enterprise where provenance_kind = 'SAMPLE'`));
    expect(firms.sampleRecords).toBeGreaterThan(0);

    // What the directory cannot know is null, with the reason.
    for (const key of ['baseline-revenue-2023', 'influential-enterprises-2026', 'national-innovation-tasks-2026']) {
      const t = byKey.get(key)!;
      expect(t.current).toBeNull();
      expect(t.progress).toBeNull();
      expect(t.currentNote.length).toBeGreaterThan(10);
    }
    expect(byKey.get('baseline-revenue-2023')!.currentNote).toContain('revenue');
  });

  it('synthetic records never count towards the plan', async () => {
    const before = await plan();
    await loadSynthetic(server.db.em(), { enterprises: 1200, seed: 11 });
    try {
      // The synthetic set would move these figures if it counted.
      expect(await one(`select count(*)::int as n from park where provenance_kind = 'SYNTHETIC' and role = 'FEATURED'`)).toBeGreaterThan(0);
      expect(await one(`select count(*)::int as n from scenario where provenance_kind = 'SYNTHETIC' and status = 'SHOWCASE'`)).toBeGreaterThan(0);
      const after = await plan();
      for (const [key, t] of before) expect(after.get(key)!.current).toEqual(t.current);
    } finally {
      await removeSynthetic(server.db.em());
    }
  });

  it('the contract operation ActionPlan runs as third-party apps send it', async () => {
    const doc = parse(fs.readFileSync(path.join(__dirname, '../../schema/operations/analysis.graphql'), 'utf8'));
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === 'ActionPlan')!;
    const res = await server.gql({ kind: Kind.DOCUMENT, definitions: [op] } as DocumentNode as TypedDocumentNode<{ actionPlan: { targets: Target[] } }, object>);
    expect(res.errors).toBeUndefined();
    expect(res.data!.actionPlan.targets.find((t) => t.key === 'showcase-scenarios-2026')!.target).toBe(200);
  });
});
