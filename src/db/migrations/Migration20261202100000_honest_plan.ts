import { Migration } from '@mikro-orm/migrations';
import { pgArray } from '../../common/editing/audit';
import { refreshRows } from '../../common/search-columns';
import { sampleCreditCode } from '../../common/credit-code';

const PROVENANCE_TABLES = ['enterprise', 'large_model', 'park', 'innovation_platform', 'compute_center', 'plan_indicator', 'sector', 'scenario'];
const KINDS = ['OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC', 'EDITORIAL'];
const NAMED_TABLES = ['enterprise', 'innovation_platform', 'scenario', 'large_model', 'park'];
const SEARCHABLE = new Set(['enterprise', 'innovation_platform', 'scenario', 'park']);

const LAUNCH_REPORT = { title: "《青岛市人工智能产业创新发展行动计划(2024-2026)》发布（发布会新闻报道）", url: "https://m.163.com/news/article/J31AG3FG05148U2B.html", kind: 'PUBLIC_SOURCE' };
const EDITORIAL = { title: "本项目编辑整理 Written or inferred by the project's editors (not stated by the plan or a source)", verifiedAt: "2026-12-02" };

/** The shipped indicators as the plan states them (a snapshot: later seed edits do not change this migration). */
const INDICATORS: Record<string, { action: string; shape: string; min: number; max: number | null; approximate: boolean; metric: string | null; note?: string }> = {
  'compute-2024': { action: 'COMPUTE_INFRASTRUCTURE', shape: 'REACH', min: 3300, max: null, approximate: false, metric: 'INTELLIGENT_COMPUTE_PFLOPS', note: undefined },
  'compute-2025': { action: 'COMPUTE_INFRASTRUCTURE', shape: 'REACH', min: 10000, max: null, approximate: false, metric: 'INTELLIGENT_COMPUTE_PFLOPS', note: "The 2025 milestone is stated in the launch report." },
  'compute-2026': { action: 'COMPUTE_INFRASTRUCTURE', shape: 'REACH', min: 12000, max: null, approximate: false, metric: 'INTELLIGENT_COMPUTE_PFLOPS', note: "The companion ocean large-model plan (ocean-model-cluster-plan) repeats 12 EFLOPS for 2026." },
  'influential-enterprises-2026': { action: 'CORE_INDUSTRIES', shape: 'ABOUT', min: 20, max: 20, approximate: true, metric: 'INFLUENTIAL_ENTERPRISES', note: undefined },
  'national-open-platforms-2026': { action: 'INNOVATION_PLATFORMS', shape: 'RANGE', min: 2, max: 3, approximate: false, metric: 'NATIONAL_OPEN_PLATFORMS', note: "The plan gives a range: 2 to 3 (2\u81f33\u4e2a)." },
  'public-service-platforms-2026': { action: 'INNOVATION_PLATFORMS', shape: 'AT_LEAST', min: 5, max: null, approximate: false, metric: 'PUBLIC_SERVICE_PLATFORMS', note: undefined },
  'national-innovation-tasks-2026': { action: 'INNOVATION_PLATFORMS', shape: 'AT_LEAST', min: 15, max: null, approximate: false, metric: 'NATIONAL_INNOVATION_TASKS', note: undefined },
  'featured-parks-2026': { action: 'INDUSTRY_ECOSYSTEM', shape: 'ABOUT', min: 10, max: 10, approximate: true, metric: 'FEATURED_PARKS', note: undefined },
  'showcase-scenarios-2026': { action: 'SCENARIO_APPLICATIONS', shape: 'REACH', min: 200, max: null, approximate: false, metric: 'SHOWCASE_SCENARIOS', note: undefined },
  'baseline-compute-2023': { action: 'COMPUTE_INFRASTRUCTURE', shape: 'AT_LEAST', min: 2300, max: null, approximate: false, metric: 'ALL_COMPUTE_PFLOPS', note: "\u7b97\u529b\u89c4\u6a21 is all computing capacity (general-purpose, intelligent and supercomputing), not the intelligent compute (\u667a\u80fd\u7b97\u529b) the targets count." },
  'baseline-enterprises-2023': { action: 'CORE_INDUSTRIES', shape: 'AT_LEAST', min: 500, max: null, approximate: false, metric: 'ENTERPRISES', note: undefined },
  'baseline-revenue-2023': { action: 'CORE_INDUSTRIES', shape: 'AT_LEAST', min: 680, max: null, approximate: false, metric: 'REVENUE', note: undefined },
  'baseline-large-models-2023': { action: 'ALGORITHMS_AND_MODELS', shape: 'AT_LEAST', min: 20, max: null, approximate: false, metric: 'LARGE_MODEL_PRODUCTS', note: "The plan counts products under key development (\u91cd\u70b9\u7814\u53d1), released or not." },
};

const SECTOR_NOTE = "领域名称出自行动计划（场景应用“赋能”：聚焦工业制造、智慧海洋、现代农业、交通运输、医养健康、智慧教育、文化旅游、社会治理等重点领域；见发布会报道 plan-launch-report 与全文镜像 plan）；描述由本项目编辑撰写，不是行动计划的原文。 The sector's name is the plan's (the scenario-applications action lists the eight sectors; see the launch report and the full text's mirror); the description was written by the project's editors and is not the plan's wording.";

/** The two compute facilities the plan names without a status; the status they carry is the editors' inference. */
const INFERRED_STATUS: Record<string, string> = {
  "中国移动智算中心（青岛）": "行动计划只点名“加快建设曙光、移动等智算中心”，未说明其状态；“在建”是编辑据此推断的。 Named in the plan (plan, plan-launch-report: 加快建设曙光、移动等智算中心), which does not state its status: UNDER_CONSTRUCTION is the editors' inference from \"speed up building\". No reliable public detail found; capacity, location and park are unknown.",
  "海洋高性能混合算力平台": "行动计划只提出“加快建设…海洋高性能混合算力平台”，未说明其状态；“在建”是编辑据此推断的。 Named in the plan (plan, plan-launch-report: 加快建设…海洋高性能混合算力平台), which does not state its status: UNDER_CONSTRUCTION is the editors' inference from \"speed up building\". The closest match found is 海洋高性能科学计算与系统仿真平台 at Laoshan Laboratory (即墨区鳌山卫; source qingdaonews-ocean-hpc-2015); that match is uncertain, so its figures are not used. Operator and capacity are unknown.",
};

/**
 * Honest plan: the plan's targets as it states them (min, max, approximate, shape, action,
 * citations; metrics renamed for what they measure), the EDITORIAL provenance kind for what the
 * editors wrote (sector descriptions, the two inferred compute statuses), sample records that
 * cannot be mistaken for real ones (（示例） in every Chinese name, credit codes under division
 * 000000), and no verifiedAt on SAMPLE or SYNTHETIC records. Every record is kept.
 *
 * Everything runs through `execute`, in order, inside the migration's transaction.
 */
export class Migration20261202100000_honest_plan extends Migration {
  override async up(): Promise<void> {
    const run = (sql: string, params: unknown[] = []) => this.execute(sql, params);
    const kinds = KINDS.map((k) => `'${k}'`).join(', ');
    for (const table of PROVENANCE_TABLES) {
      await run(`alter table "${table}" drop constraint if exists "${table}_provenance_kind_check"`);
      await run(`alter table "${table}" add constraint "${table}_provenance_kind_check" check ("provenance_kind" in (${kinds}))`);
      await run(`alter table "${table}" alter column "provenance_verified_at" drop not null`);
      await run(`update "${table}" set provenance_verified_at = null where provenance_kind in ('SAMPLE', 'SYNTHETIC')`);
    }

    // Targets: new columns, filled from the snapshot above (or, for an indicator it does not
    // know, from the old value and comparator), then made required.
    await run(
      `alter table "plan_indicator" add column "action" text null, add column "min_value" double precision null, add column "max_value" double precision null,
         add column "approximate" boolean null, add column "shape" text null, add column "citations" jsonb null`,
    );
    const indicators = (await run(`select id, key, kind, value, comparator, metric, provenance_kind, provenance_source, provenance_url, provenance_note from plan_indicator`)) as Array<{
      id: number; key: string; kind: string; value: number; comparator: string; metric: string | null;
      provenance_kind: string; provenance_source: string; provenance_url: string | null; provenance_note: string | null;
    }>;
    for (const row of indicators) {
      const known = INDICATORS[row.key];
      const shape = known?.shape ?? (row.comparator === 'EXACT' ? 'REACH' : row.comparator);
      const own = { title: row.provenance_source, url: row.provenance_url, kind: row.provenance_kind };
      const citations = row.provenance_kind === 'OFFICIAL_PLAN' ? [LAUNCH_REPORT, own] : [own];
      await run(
        `update plan_indicator set action = ?, min_value = ?, max_value = ?, approximate = ?, shape = ?, citations = ?::jsonb, metric = ?, provenance_note = ? where id = ?`,
        [
          known?.action ?? 'CORE_INDUSTRIES',
          known?.min ?? Number(row.value),
          known ? known.max : shape === 'ABOUT' ? Number(row.value) : null,
          known?.approximate ?? shape === 'ABOUT',
          shape,
          JSON.stringify(citations),
          known ? known.metric : row.metric,
          known && known.note !== undefined ? known.note : row.provenance_note,
          row.id,
        ],
      );
    }
    await run(
      `alter table "plan_indicator" alter column "action" set not null, alter column "min_value" set not null, alter column "approximate" set not null,
         alter column "shape" set not null, alter column "citations" set not null,
         add constraint "plan_indicator_action_check" check ("action" in ('COMPUTE_INFRASTRUCTURE', 'ALGORITHMS_AND_MODELS', 'DATA_ELEMENTS', 'CORE_INDUSTRIES', 'INNOVATION_PLATFORMS', 'INDUSTRY_ECOSYSTEM', 'SCENARIO_APPLICATIONS')),
         add constraint "plan_indicator_shape_check" check ("shape" in ('REACH', 'AT_LEAST', 'ABOUT', 'RANGE'))`,
    );

    // Editorial text stops posing as the plan's: the sector descriptions and the inferred statuses.
    await run(
      `update sector set provenance_kind = 'EDITORIAL', provenance_source = ?, provenance_url = null, provenance_verified_at = ?, provenance_note = ? where provenance_kind = 'OFFICIAL_PLAN'`,
      [EDITORIAL.title, EDITORIAL.verifiedAt, SECTOR_NOTE],
    );
    for (const [name, note] of Object.entries(INFERRED_STATUS)) {
      await run(
        `update compute_center set provenance_kind = 'EDITORIAL', provenance_source = ?, provenance_url = null, provenance_verified_at = ?, provenance_note = ? where name_zh = ? and provenance_kind = 'OFFICIAL_PLAN'`,
        [EDITORIAL.title, EDITORIAL.verifiedAt, note, name],
      );
    }

    // Sample names say so in Chinese too; their search columns follow.
    for (const table of NAMED_TABLES) {
      const renamed = (await run(
        `update "${table}" set name_zh = name_zh || '（示例）' where provenance_kind = 'SAMPLE' and position('示例' in name_zh) = 0 returning id`,
      )) as Array<{ id: number }>;
      if (SEARCHABLE.has(table) && renamed.length) await refreshRows(run, { table, aliases: table !== 'scenario' }, renamed.map((r) => Number(r.id)));
    }

    // Sample and synthetic credit codes move to division 000000, which no registration carries.
    const codes = (await run(
      `select id, credit_code from enterprise where provenance_kind in ('SAMPLE', 'SYNTHETIC') and credit_code is not null and substr(credit_code, 3, 6) <> '000000'`,
    )) as Array<{ id: number; credit_code: string }>;
    if (codes.length) {
      await run(`update enterprise e set credit_code = u.code from unnest(?::int[], ?::text[]) as u(id, code) where e.id = u.id`, [
        pgArray(codes.map((c) => Number(c.id))),
        pgArray(codes.map((c) => sampleCreditCode(c.credit_code))),
      ]);
    }
  }

  override async down(): Promise<void> {
    // The renamed names, moved codes and cleared dates are kept: they are the honest values, and
    // the earlier schema reads them. Only the new columns and the new kind go.
    const run = (sql: string) => this.execute(sql);
    await run(`update sector set provenance_kind = 'OFFICIAL_PLAN' where provenance_kind = 'EDITORIAL'`);
    await run(`update compute_center set provenance_kind = 'OFFICIAL_PLAN' where provenance_kind = 'EDITORIAL'`);
    await run(`alter table "plan_indicator" drop column "action", drop column "min_value", drop column "max_value", drop column "approximate", drop column "shape", drop column "citations"`);
    const kinds = KINDS.filter((k) => k !== 'EDITORIAL').map((k) => `'${k}'`).join(', ');
    for (const table of PROVENANCE_TABLES) {
      await run(`update "${table}" set provenance_verified_at = current_date where provenance_verified_at is null`);
      await run(`alter table "${table}" alter column "provenance_verified_at" set not null`);
      await run(`alter table "${table}" drop constraint if exists "${table}_provenance_kind_check"`);
      await run(`alter table "${table}" add constraint "${table}_provenance_kind_check" check ("provenance_kind" in (${kinds}))`);
    }
  }
}
