import fs from 'node:fs';
import path from 'node:path';
import { Kind, OperationDefinitionNode, parse, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { loadSynthetic, removeSynthetic } from '../../src/db/synthetic/load';
import { ActionPlanByActionDocument, ActionPlanFullDocument, type ActionPlanFullQuery } from '../generated/graphql';
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

  const EVIDENCE = `provenance_kind in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'USER_ENTERED')`;
  const INVENTED = `provenance_kind in ('SAMPLE', 'SYNTHETIC')`;

  it('lists every target and baseline of the plan, cited, with live values counted over evidence only', async () => {
    const byKey = await plan();
    const [{ targets, baselines }] = await server.sql<{ targets: number; baselines: number }>(
      `select count(*) filter (where kind = 'TARGET')::int as targets, count(*) filter (where kind = 'BASELINE')::int as baselines from plan_indicator`,
    );
    expect([...byKey.values()].filter((t) => t.kind === 'TARGET')).toHaveLength(Number(targets));
    expect([...byKey.values()].filter((t) => t.kind === 'BASELINE')).toHaveLength(Number(baselines));

    // Intelligent capacity of operational facilities, each figure resting on evidence.
    const capacity = (kind: string) =>
      one(`select sum(cap.capacity_pflops)::float8 as n from compute_capacity cap join compute_center cc on cc.id = cap.compute_center_id
            where cc.status = 'OPERATIONAL' and cap.${EVIDENCE} and cc.provenance_kind not in ('SAMPLE', 'SYNTHETIC') and ${kind}`);
    const compute = await capacity(`cap.kind = 'INTELLIGENT'`);
    expect(compute).toBeGreaterThan(0);
    const c2026 = byKey.get('compute-2026')!;
    expect(c2026).toMatchObject({
      target: 12000,
      min: 12000,
      max: null,
      shape: 'REACH',
      approximate: false,
      unit: 'PFLOPS',
      year: 2026,
      current: compute,
      metric: 'INTELLIGENT_COMPUTE_PFLOPS',
    });
    expect(c2026.progress).toBeCloseTo(compute / 12000, 10);
    expect(c2026.source).toContain('青岛市人工智能产业创新发展行动计划');
    expect(c2026.sourceUrl).toMatch(/^https?:\/\//);
    // Official figures cite the launch report they were read in as well as the full text's mirror.
    expect(c2026.citations.map((c) => c.kind).sort()).toEqual(['OFFICIAL_PLAN', 'PUBLIC_SOURCE']);
    expect(c2026.citations.map((c) => c.url)).toEqual(
      expect.arrayContaining(['https://m.163.com/news/article/J31AG3FG05148U2B.html', 'http://huahuize.com/falvfagui/zhengcefabu/202466/5057.htm']),
    );
    expect(byKey.get('compute-2024')!.progress).toBeCloseTo(compute / 3300, 10);

    const counted = async (table: string, where: string) => ({
      current: await one(`select count(*)::int as n from ${table} where ${where} and ${EVIDENCE}`),
      sampleRecords: await one(`select count(*)::int as n from ${table} where ${where} and ${INVENTED}`),
    });
    expect(byKey.get('showcase-scenarios-2026')).toMatchObject(await counted('scenario', `status = 'SHOWCASE'`));
    expect(byKey.get('national-open-platforms-2026')).toMatchObject(await counted('innovation_platform', `kind = 'NATIONAL_OPEN_INNOVATION_PLATFORM'`));
    expect(byKey.get('public-service-platforms-2026')).toMatchObject(await counted('innovation_platform', `kind = 'PUBLIC_SERVICE_PLATFORM'`));
    expect(byKey.get('featured-parks-2026')).toMatchObject(await counted('park', `role = 'FEATURED'`));
    expect(byKey.get('baseline-enterprises-2023')).toMatchObject(await counted('enterprise', 'true'));
    // The plan counts large models under development too (重点研发的大模型产品).
    const models = byKey.get('baseline-large-models-2023')!;
    expect(models).toMatchObject({ metric: 'LARGE_MODEL_PRODUCTS', ...(await counted('large_model', 'true')) });
    expect(await one(`select count(*)::int as n from large_model where status = 'IN_DEVELOPMENT'`)).toBeGreaterThan(0);

    // Influential firms: those holding a 小巨人, unicorn or chain-leader recognition; a real firm's
    // recognition must rest on evidence too, and sample firms are only reported beside the value.
    const influential = `exists (select 1 from firm_designation d where d.enterprise_id = enterprise.id
      and d.kind in ('LITTLE_GIANT', 'UNICORN', 'CHAIN_LEADER') and (d.${EVIDENCE} or enterprise.provenance_kind in ('SAMPLE', 'SYNTHETIC')))`;
    expect(byKey.get('influential-enterprises-2026')).toMatchObject({ metric: 'INFLUENTIAL_ENTERPRISES', ...(await counted('enterprise', influential)) });
    expect(byKey.get('influential-enterprises-2026')!.sampleRecords).toBeGreaterThan(0);

    // What the directory cannot know is null, with the reason; 算力规模 (all compute) is not 智能算力.
    // National tasks: counted from the tasks themselves; on the seeds only sample tasks exist, so 0 (not null).
    expect(byKey.get('national-innovation-tasks-2026')).toMatchObject({
      metric: 'NATIONAL_INNOVATION_TASKS',
      current: 0,
      met: false,
      sampleRecords: await one(`select count(*)::int as n from national_innovation_task where year >= 2024 and ${INVENTED}`),
    });
    expect(byKey.get('national-innovation-tasks-2026')!.sampleRecords).toBeGreaterThan(0);
    for (const key of ['baseline-revenue-2023']) {
      const t = byKey.get(key)!;
      expect(t.current).toBeNull();
      expect(t.progress).toBeNull();
      expect(t.met).toBeNull();
      expect(t.currentNote.length).toBeGreaterThan(10);
    }
    expect(byKey.get('baseline-revenue-2023')!.currentNote).toContain('revenue');
    // 算力规模 (all compute) is every stated capacity, of any kind, not only 智能算力.
    expect(byKey.get('baseline-compute-2023')).toMatchObject({
      metric: 'ALL_COMPUTE_PFLOPS',
      min: 2300,
      current: await capacity('true'),
      progress: null,
      met: null,
    });
    expect(byKey.get('baseline-compute-2023')!.currentNote).toContain('算力规模');
  });

  it('states the targets as the plan words them, and on the shipped seeds none is met', async () => {
    const byKey = await plan();
    expect(byKey.get('national-open-platforms-2026')).toMatchObject({ min: 2, max: 3, shape: 'RANGE', approximate: false, target: 2 });
    expect(byKey.get('featured-parks-2026')).toMatchObject({ min: 10, max: 10, shape: 'ABOUT', approximate: true });
    expect(byKey.get('influential-enterprises-2026')).toMatchObject({ min: 20, shape: 'ABOUT', approximate: true });
    expect(byKey.get('public-service-platforms-2026')).toMatchObject({ min: 5, max: null, shape: 'AT_LEAST', approximate: false });

    const targets = [...byKey.values()].filter((t) => t.kind === 'TARGET');
    expect(targets.filter((t) => t.met)).toEqual([]);
    for (const t of targets) expect(t.met).toBe(t.current === null ? null : false);
    for (const b of [...byKey.values()].filter((t) => t.kind === 'BASELINE')) {
      expect(b.progress).toBeNull();
      expect(b.met).toBeNull();
    }
    // Where only sample records exist, current is 0 and they are reported beside it.
    for (const key of ['national-open-platforms-2026', 'public-service-platforms-2026', 'showcase-scenarios-2026', 'baseline-enterprises-2023']) {
      const t = byKey.get(key)!;
      expect(t).toMatchObject({ current: 0, evidenceRecords: 0 });
      expect(t.sampleRecords).toBeGreaterThan(0);
    }
  });

  it('a target is met once evidence-based records reach its lower bound, and not by sample records', async () => {
    const insert = (kind: string, n: number) =>
      server.sql(
        `insert into innovation_platform (name_zh, kind, level, provenance_kind, provenance_source, provenance_verified_at)
         select 'met-rule test ' || g, 'NATIONAL_OPEN_INNOVATION_PLATFORM', 'NATIONAL', $1, 'test', current_date from generate_series(1, ${n}) g`,
        [kind],
      );
    try {
      await insert('SAMPLE', 5);
      let t = (await plan()).get('national-open-platforms-2026')!;
      expect(t).toMatchObject({ current: 0, met: false });
      await insert('USER_ENTERED', 1);
      t = (await plan()).get('national-open-platforms-2026')!;
      expect(t).toMatchObject({ current: 1, met: false, progress: 0.5 });
      await insert('PUBLIC_SOURCE', 3);
      t = (await plan()).get('national-open-platforms-2026')!;
      // 4 is beyond the range's max (3): the range is an aim, not a cap, so it still counts as met.
      expect(t).toMatchObject({ current: 4, met: true, progress: 2, evidenceRecords: 4 });
    } finally {
      await server.sql(`delete from innovation_platform where name_zh like 'met-rule test %'`);
    }
  });

  it('groups every target and baseline under one of the seven actions', async () => {
    const res = await server.gql(ActionPlanByActionDocument);
    expect(res.errors).toBeUndefined();
    const { actions } = res.data!.actionPlan;
    expect(actions.map((a) => `${a.nameZh}“${a.slogan}”`)).toEqual([
      '算力设施“强基”',
      '算法模型“铸魂”',
      '数据要素“提质”',
      '核心产业“固链”',
      '创新平台“领航”',
      '产业生态“聚力”',
      '场景应用“赋能”',
    ]);
    const byKey = await plan();
    const grouped = actions.flatMap((a) => [...a.targets, ...a.baselines].map((t) => t.key));
    expect(grouped.sort()).toEqual([...byKey.keys()].sort());
    const action = (key: string) => actions.find((a) => [...a.targets, ...a.baselines].some((t) => t.key === key))!.code;
    expect(action('compute-2026')).toBe('COMPUTE_INFRASTRUCTURE');
    expect(action('baseline-large-models-2023')).toBe('ALGORITHMS_AND_MODELS');
    expect(action('national-open-platforms-2026')).toBe('INNOVATION_PLATFORMS');
    expect(action('featured-parks-2026')).toBe('INDUSTRY_ECOSYSTEM');
    expect(action('showcase-scenarios-2026')).toBe('SCENARIO_APPLICATIONS');
    for (const a of actions) for (const t of a.targets) expect(byKey.get(t.key)!.action).toBe(a.code);
    expect(actions.every((a) => a.summaryZh.length > 10)).toBe(true);
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
      // They are reported beside it, with the sample records.
      const featured = after.get('featured-parks-2026')!;
      expect(featured.sampleRecords).toBe(await one(`select count(*)::int as n from park where role = 'FEATURED' and ${INVENTED}`));
      expect(featured.sampleRecords).toBeGreaterThan(before.get('featured-parks-2026')!.sampleRecords);
    } finally {
      await removeSynthetic(server.db.em());
    }
  });

  it('the contract operation ActionPlan runs as third-party apps send it', async () => {
    const doc = parse(fs.readFileSync(path.join(__dirname, '../../schema/operations/analysis.graphql'), 'utf8'));
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === 'ActionPlan')!;
    const res = await server.gql({ kind: Kind.DOCUMENT, definitions: [op] } as DocumentNode as TypedDocumentNode<
      { actionPlan: { targets: Target[] } },
      object
    >);
    expect(res.errors).toBeUndefined();
    const targets = res.data!.actionPlan.targets;
    expect(targets.find((t) => t.key === 'showcase-scenarios-2026')!.target).toBe(200);
    // Two sample platforms no longer read as the range 2至3 reached.
    expect(targets.find((t) => t.key === 'national-open-platforms-2026')).toMatchObject({ target: 2, current: 0, progress: 0 });
  });
});
