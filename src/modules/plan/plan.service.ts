import type { Context } from '../../common/context';
import { tableOf } from '../../common/entity-type';
import { EVIDENCE_KINDS, INVENTED_KINDS, ProvenanceKind } from '../../common/provenance';
import { INFLUENTIAL_DESIGNATIONS } from '../../common/vocabulary/designation.enums';
import { Designation } from '../designation/designation.entity';
import { PLAN_ACTIONS } from './plan.actions';
import { IndicatorKind, PlanIndicator } from './plan-indicator.entity';
import { ActionPlan, Citation, PlanAction, PlanTarget } from './plan.types';

/**
 * The capacities of operational compute facilities, one row per figure. A figure counts as
 * evidence by its own provenance, unless its facility is invented (SAMPLE, SYNTHETIC): then it
 * takes the facility's, so an invented facility never counts whatever its figures cite.
 */
const operationalCapacity = `(select cap.kind, cap.capacity_pflops,
    case when cc.provenance_kind in ('SAMPLE', 'SYNTHETIC') then cc.provenance_kind else cap.provenance_kind end as provenance_kind
  from compute_capacity cap join compute_center cc on cc.id = cap.compute_center_id where cc.status = 'OPERATIONAL') as capacity`;

/** How a metric is computed: a table, a condition, and what to aggregate. */
interface MetricDefinition {
  table: string;
  where: string;
  /** Column summed over the evidence-based rows; they are counted when omitted. */
  sum?: string;
  /** A further condition an evidence-based row must meet to count, beyond its own provenance (e.g. real winners). */
  evidenceAlso?: string;
  note: string;
}

/** `'A', 'B'`: constants of this file (enum values), never input. */
const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Metrics the directory can compute. Each names what it measures; only records resting on
 * evidence count, and the others matching the metric are reported beside the value.
 */
export const METRICS: Record<string, MetricDefinition> = {
  INTELLIGENT_COMPUTE_PFLOPS: {
    table: operationalCapacity,
    where: `kind = 'INTELLIGENT'`,
    sum: 'capacity_pflops',
    note: '已投运算力设施中来源注明为智算的容量之和；规划中和在建的、类别未注明的不计。 Intelligent compute (智能算力): the capacities of operational facilities that a source states are intelligent; planned and unfinished facilities, and figures of unstated kind, are not counted.',
  },
  ALL_COMPUTE_PFLOPS: {
    table: operationalCapacity,
    where: 'true',
    sum: 'capacity_pflops',
    note: '已投运算力设施各类容量（通算、智算、超算、边缘及类别未注明者）之和。目录只收录有来源的容量，故为下限。 All compute (算力规模): every stated capacity of operational facilities, of any kind or none stated. The directory holds only the capacities a source states, so this is a lower bound.',
  },
  NATIONAL_OPEN_PLATFORMS: {
    table: 'innovation_platform',
    where: `kind = 'NATIONAL_OPEN_INNOVATION_PLATFORM'`,
    note: '国家新一代人工智能开放创新平台数量 Number of national open innovation platforms in the directory.',
  },
  PUBLIC_SERVICE_PLATFORMS: {
    table: 'innovation_platform',
    where: `kind = 'PUBLIC_SERVICE_PLATFORM'`,
    note: '人工智能公共服务平台数量（各级） Number of public service platforms in the directory, any level.',
  },
  FEATURED_PARKS: {
    table: 'park',
    where: `role = 'FEATURED'`,
    note: '特色承载区园区数量（不含主承载区） Number of featured parks; the primary park (主承载区) is not counted.',
  },
  SHOWCASE_SCENARIOS: {
    table: 'scenario',
    where: `status = 'SHOWCASE'`,
    note: '典型示范应用场景数量 Number of scenarios recognised as showcases.',
  },
  // A real firm counts when its recognition rests on evidence too; a sample firm holding a sample
  // recognition matches, so it is reported in sampleRecords, never in the value.
  INFLUENTIAL_ENTERPRISES: {
    table: 'enterprise',
    where: `exists (select 1 from "${tableOf(Designation)}" d where d.enterprise_id = enterprise.id
              and d.kind in (${quoted(INFLUENTIAL_DESIGNATIONS)})
              and (d.provenance_kind in (${quoted(EVIDENCE_KINDS)}) or enterprise.provenance_kind not in (${quoted(EVIDENCE_KINDS)})))`,
    note:
      '持有专精特新“小巨人”、独角兽或链主认定（任一级别，认定本身有据可查）的企业数量；高新技术企业、瞪羚和省市级专精特新不计。示例企业不计。 ' +
      'Firms holding a 专精特新 "little giant", unicorn or chain-leader recognition (any level, the recognition itself resting on evidence); ' +
      'high-tech, gazelle and provincial or municipal 专精特新 recognitions do not count. Sample firms never count.',
  },
  ENTERPRISES: {
    table: 'enterprise',
    where: 'true',
    note: '目录收录的人工智能企业数量 Number of AI firms in the directory (the directory may not list every firm).',
  },
  NATIONAL_INNOVATION_TASKS: {
    table: 'national_innovation_task',
    where: `year >= 2024 and (${winnerExists('enterprise', 'enterprise_id')} or ${winnerExists('institution', 'institution_id')})`,
    evidenceAlso: `(${winnerExists('enterprise', 'enterprise_id', EVIDENCE_KINDS)} or ${winnerExists('institution', 'institution_id', EVIDENCE_KINDS)})`,
    note: '行动计划期内（2024年起）目录内企业或高校院所揭榜的国家人工智能创新任务数量；任务本身及至少一个揭榜单位须有来源（示例、合成和编辑整理的不计）。 National AI innovation tasks won from 2024 (the plan’s period) by firms or institutions of the directory (all in Qingdao); a task counts only when it and at least one of its winners rest on evidence (sample, synthetic and editorial records do not count).',
  },
  LARGE_MODEL_PRODUCTS: {
    table: 'large_model',
    where: 'true',
    note: '大模型产品数量，含研发中、已发布和已备案的，与计划“重点研发的大模型产品”口径一致。 Number of large-model products, those in development included, as the plan counts them.',
  },
};

/**
 * `exists` a winner of the task (a row of `national_innovation_task`) in the firm or institution
 * pivot, optionally one whose own provenance is one of `kinds` (constants, not user input).
 */
function winnerExists(member: 'enterprise' | 'institution', column: string, kinds?: readonly ProvenanceKind[]): string {
  const provenance = kinds ? ` and m.provenance_kind in (${kinds.map((k) => `'${k}'`).join(', ')})` : '';
  return `exists (select 1 from national_task_${member}_winner w join ${member} m on m.id = w.${column} where w.task_id = national_innovation_task.id${provenance})`;
}

/** Why the directory cannot compute a metric. */
export const UNAVAILABLE: Record<string, string> = {
  REVENUE:
    '目录只收录部分企业的年度营收（Enterprise.figures、enterpriseFacets.byFigureYear），其合计不是全市人工智能产业营收。 The directory holds the revenue of some firms only (Enterprise.figures, enterpriseFacets.byFigureYear); their sum is not the city’s AI industry revenue.',
};

interface Live {
  value: number;
  evidence: number;
  invented: number;
  editorial: number;
}

/**
 * Every metric in one statement: per metric, the evidence-based aggregate and how many
 * evidence, invented and editorial records match, all computed by the database.
 */
async function liveMetrics(ctx: Context): Promise<Map<string, Live>> {
  const names = Object.keys(METRICS);
  const params: unknown[] = [];
  const kinds = (list: readonly ProvenanceKind[]) => {
    params.push(...list);
    return `provenance_kind in (${list.map(() => '?').join(', ')})`;
  };
  const columns = names.map((name, i) => {
    const m = METRICS[name];
    const also = m.evidenceAlso ? ` and ${m.evidenceAlso}` : '';
    const evidence = kinds(EVIDENCE_KINDS) + also;
    const value = m.sum ? `coalesce(sum(${m.sum}) filter (where ${evidence}), 0)` : `count(*) filter (where ${evidence})`;
    return `(select json_build_object('value', ${value}, 'evidence', count(*) filter (where ${kinds(EVIDENCE_KINDS)}${also}),
              'invented', count(*) filter (where ${kinds(INVENTED_KINDS)}), 'editorial', count(*) filter (where ${kinds([ProvenanceKind.EDITORIAL])}))
            from ${m.table} where ${m.where}) as m${i}`;
  });
  const [row] = (await ctx.em.execute(`select ${columns.join(',\n')}`, params)) as Array<Record<string, unknown>>;
  return new Map(
    names.map((name, i) => {
      const raw = row[`m${i}`];
      const v = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<keyof Live, number | string>;
      return [name, { value: Number(v.value), evidence: Number(v.evidence), invented: Number(v.invented), editorial: Number(v.editorial) }];
    }),
  );
}

/**
 * The plan's targets and baselines with live current values, flat and grouped by the seven
 * actions: two statements, one reading the indicators, one computing every metric at once.
 */
export async function actionPlan(ctx: Context): Promise<ActionPlan> {
  const [rows, live] = await Promise.all([
    ctx.em.execute('select * from plan_indicator order by year, key') as Promise<Record<string, unknown>[]>,
    liveMetrics(ctx),
  ]);

  const all = rows.map((row) => {
    const indicator = ctx.em.map(PlanIndicator, row as never);
    const metric = indicator.metric ?? null;
    const found = metric ? live.get(metric) : undefined;
    const current = found ? found.value : null;
    const isTarget = indicator.kind === IndicatorKind.TARGET;
    const citations = (typeof indicator.citations === 'string' ? JSON.parse(indicator.citations) : indicator.citations) as Citation[];
    return Object.assign(new PlanTarget(), {
      key: indicator.key,
      kind: indicator.kind,
      action: indicator.action,
      titleZh: indicator.titleZh,
      titleEn: indicator.titleEn,
      unit: indicator.unit,
      year: indicator.year,
      target: indicator.minValue,
      comparator: indicator.comparator,
      min: indicator.minValue,
      max: indicator.maxValue ?? null,
      approximate: indicator.approximate,
      shape: indicator.shape,
      metric,
      current,
      progress: isTarget && current !== null && indicator.minValue ? current / indicator.minValue : null,
      met: isTarget && current !== null ? current >= indicator.minValue : null,
      currentNote: found ? METRICS[metric!].note : ((metric && UNAVAILABLE[metric]) ?? '目录无法计算此指标。 The directory cannot compute this figure.'),
      evidenceRecords: found?.evidence ?? 0,
      sampleRecords: found?.invented ?? 0,
      editorialRecords: found?.editorial ?? 0,
      source: indicator.provenance.source,
      sourceUrl: indicator.provenance.url ?? null,
      sourceNote: indicator.provenance.note ?? null,
      citations: citations.map((c) => Object.assign(new Citation(), c)),
    });
  });
  const targets = all.filter((t) => t.kind === IndicatorKind.TARGET);
  const baselines = all.filter((t) => t.kind === IndicatorKind.BASELINE);
  const actions = PLAN_ACTIONS.map((a) =>
    Object.assign(new PlanAction(), {
      ...a,
      targets: targets.filter((t) => t.action === a.code),
      baselines: baselines.filter((t) => t.action === a.code),
    }),
  );
  return Object.assign(new ActionPlan(), { actions, targets, baselines });
}
