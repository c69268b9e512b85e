import type { Context } from '../../common/context';
import { ProvenanceKind } from '../../common/provenance';
import { IndicatorKind, PlanIndicator } from './plan-indicator.entity';
import { ActionPlan, PlanTarget } from './plan.types';

/** How a metric is computed: a table, a condition, and what to aggregate. */
interface MetricDefinition {
  table: string;
  where: string;
  /** Aggregate over the rows; count(*) when omitted. */
  value?: string;
  note: string;
}

/**
 * Metrics the directory can compute. Synthetic records never count; sample records do, and
 * each value says how many of them it includes.
 */
export const METRICS: Record<string, MetricDefinition> = {
  COMPUTE_PFLOPS: {
    table: 'compute_center',
    where: `status = 'OPERATIONAL' and capacity_pflops is not null`,
    value: 'coalesce(sum(capacity_pflops), 0)',
    note: '已投运且容量已知的智算中心算力之和 Sum of the capacity of operational compute centres whose capacity is known; planned and unfinished centres are not counted.',
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
  ENTERPRISES: {
    table: 'enterprise',
    where: 'true',
    note: '目录收录的人工智能企业数量 Number of AI firms in the directory (the directory may not list every firm).',
  },
  LARGE_MODELS: {
    table: 'large_model',
    where: `status in ('RELEASED', 'REGISTERED')`,
    note: '已发布或已备案的大模型产品数量 Number of large-model products released or registered; models in development are not counted.',
  },
};

/** Why the directory cannot compute a metric. */
export const UNAVAILABLE: Record<string, string> = {
  INFLUENTIAL_ENTERPRISES: '“具有行业影响力”没有可计算的定义，目录不作判断。 "Influential" has no countable definition; the directory does not judge it.',
  NATIONAL_INNOVATION_TASKS: '目录不收录国家人工智能创新任务（揭榜挂帅任务）。 The directory does not hold national AI innovation tasks.',
  REVENUE: '目录不收录企业营收数据。 The directory holds no revenue figures.',
};

interface MetricRow {
  [column: string]: number | string | null;
}

/**
 * The plan's targets and baselines with live current values: two statements, one reading the
 * indicators, one computing every metric at once.
 */
export async function actionPlan(ctx: Context): Promise<ActionPlan> {
  const names = Object.keys(METRICS);
  const columns = names.flatMap((name, i) => {
    const m = METRICS[name];
    const base = `from ${m.table} where provenance_kind <> '${ProvenanceKind.SYNTHETIC}' and ${m.where}`;
    return [
      `(select ${m.value ?? 'count(*)'} ${base})::float8 as v${i}`,
      `(select count(*) ${base} and provenance_kind = '${ProvenanceKind.SAMPLE}')::int as s${i}`,
    ];
  });
  const [rows, [values]] = await Promise.all([
    ctx.em.execute('select * from plan_indicator order by year, key') as Promise<Record<string, unknown>[]>,
    ctx.em.execute(`select ${columns.join(', ')}`) as Promise<MetricRow[]>,
  ]);
  const live = new Map(names.map((name, i) => [name, { value: Number(values[`v${i}`]), sample: Number(values[`s${i}`]) }]));

  const all = rows.map((row) => {
    const indicator = ctx.em.map(PlanIndicator, row as never);
    const metric = indicator.metric ?? null;
    const found = metric ? live.get(metric) : undefined;
    const current = found ? found.value : null;
    return Object.assign(new PlanTarget(), {
      key: indicator.key,
      kind: indicator.kind,
      titleZh: indicator.titleZh,
      titleEn: indicator.titleEn,
      unit: indicator.unit,
      year: indicator.year,
      target: indicator.value,
      comparator: indicator.comparator,
      metric,
      current,
      progress: current === null || !indicator.value ? null : current / indicator.value,
      currentNote: found
        ? METRICS[metric!].note
        : (metric && UNAVAILABLE[metric]) ?? '目录无法计算此指标。 The directory cannot compute this figure.',
      sampleRecords: found?.sample ?? 0,
      source: indicator.provenance.source,
      sourceUrl: indicator.provenance.url ?? null,
      sourceNote: indicator.provenance.note ?? null,
    });
  });
  return Object.assign(new ActionPlan(), {
    targets: all.filter((t) => t.kind === IndicatorKind.TARGET),
    baselines: all.filter((t) => t.kind === IndicatorKind.BASELINE),
  });
}
