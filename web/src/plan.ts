import { gqlAnswer, h, run, sampleBanner, sampleTag, show } from './common';

const PLAN = `query PlanAtAGlance {
  actionPlan {
    actions {
      code nameZh nameEn slogan summaryZh
      targets { ...Figure }
      baselines { ...Figure }
    }
  }
}
fragment Figure on PlanTarget {
  key kind titleZh titleEn unit year min max approximate shape
  current met currentNote evidenceRecords sampleRecords editorialRecords
  source sourceUrl citations { title url kind }
}`;

interface Figure {
  key: string;
  kind: 'TARGET' | 'BASELINE';
  titleZh: string;
  titleEn: string;
  unit: string;
  year: number;
  min: number;
  max: number | null;
  approximate: boolean;
  shape: 'REACH' | 'AT_LEAST' | 'ABOUT' | 'RANGE';
  current: number | null;
  met: boolean | null;
  currentNote: string;
  evidenceRecords: number;
  sampleRecords: number;
  editorialRecords: number;
  source: string;
  sourceUrl: string | null;
  citations: { title: string; url: string | null; kind: string }[];
}

interface Action {
  code: string;
  nameZh: string;
  nameEn: string;
  slogan: string;
  summaryZh: string;
  targets: Figure[];
  baselines: Figure[];
}

const num = (x: number) => x.toLocaleString('zh-CN', { maximumFractionDigits: 1 });

/** The target as the plan words it: 达到 12,000, ≥ 5, 2–3, ≈ 10. */
function targetText(f: Figure): string {
  const unit = ` ${f.unit}`;
  if (f.shape === 'RANGE' && f.max !== null) return `${num(f.min)}–${num(f.max)}${unit}`;
  if (f.shape === 'ABOUT' || f.approximate) return `≈ ${num(f.min)}${unit}（左右 about）`;
  if (f.shape === 'AT_LEAST') return `≥ ${num(f.min)}${unit}（以上 or more）`;
  return `${num(f.min)}${unit}`;
}

/** Links to every document the figure is cited from (the API's citations, then its source URL). */
function sources(f: Figure): HTMLElement {
  const seen = new Set<string>();
  const links: HTMLElement[] = [];
  for (const c of [...f.citations, { title: f.source, url: f.sourceUrl, kind: '' }]) {
    if (!c.url || seen.has(c.url)) continue;
    seen.add(c.url);
    links.push(h('a', { class: 'source', href: c.url, rel: 'noopener noreferrer', target: '_blank', 'data-kind': c.kind || undefined }, c.title));
  }
  const list = h('span', { class: 'sources' }, '来源 Source: ');
  if (links.length === 0) list.append(f.source);
  links.forEach((a, i) => list.append(...(i ? ['；', a] : [a])));
  return list;
}

/** A baseline is drawn on a target's bar when it measures in the same unit and starts below the target. */
function referencesFor(target: Figure, baselines: Figure[]): Figure[] {
  return baselines.filter((b) => b.unit === target.unit && b.min < (target.max ?? target.min));
}

const pct = (x: number, scale: number) => `${Math.max(0, Math.min(100, (x / scale) * 100)).toFixed(2)}%`;

/**
 * One target as a bar: the filled part is the current value (evidence only), the band is the
 * target (a range from min to max, a tick for a single figure, an open band for 以上), and
 * dashed lines are the baselines. Sample records are never drawn on it.
 */
function targetBar(t: Figure, refs: Figure[]): HTMLElement {
  const top = Math.max(t.max ?? t.min, t.current ?? 0, ...refs.map((r) => r.min));
  const scale = top * (t.shape === 'AT_LEAST' ? 1.25 : 1.1) || 1;
  const bar = h('div', {
    class: 'bar',
    role: 'img',
    'data-scale': scale,
    'aria-label': `当前 ${t.current ?? '未知'}，目标 ${targetText(t)} Current ${t.current ?? 'unknown'}, target ${targetText(t)}`,
  });
  if (t.current !== null) bar.append(h('div', { class: 'fill', 'data-value': t.current, style: `width:${pct(t.current, scale)}` }));
  const end = t.shape === 'AT_LEAST' ? scale : (t.max ?? t.min);
  const band = t.shape === 'RANGE' || t.shape === 'AT_LEAST';
  bar.append(
    h('div', {
      class: `goal${band ? ' band' : ''}${t.shape === 'AT_LEAST' ? ' open' : ''}`,
      'data-min': t.min,
      'data-max': t.max ?? undefined,
      style: band ? `left:${pct(t.min, scale)};width:calc(${pct(end, scale)} - ${pct(t.min, scale)})` : `left:${pct(t.min, scale)}`,
      title: `目标 Target ${targetText(t)}（${t.year}年）`,
    }),
  );
  for (const r of refs)
    bar.append(h('div', { class: 'ref', 'data-key': r.key, style: `left:${pct(r.min, scale)}`, title: `${r.year}年基数 Baseline ${num(r.min)} ${r.unit}` }));
  return bar;
}

function currentText(f: Figure): HTMLElement {
  if (f.current === null)
    return h('span', { class: 'current unknown' }, '当前：目录无法计算 Current: not computable — ', h('span', { class: 'note' }, f.currentNote));
  return h(
    'span',
    { class: 'current' },
    `当前 Current: ${num(f.current)} ${f.unit}`,
    h('span', { class: 'en' }, `（${f.evidenceRecords} 条有依据的记录 evidence-based records）`),
  );
}

/** The records that match the figure but do not count: shown beside it, apart from the bar. */
function apart(f: Figure): HTMLElement | null {
  if (!f.sampleRecords && !f.editorialRecords) return null;
  return h(
    'p',
    { class: 'apart', 'data-sample': f.sampleRecords, 'data-editorial': f.editorialRecords },
    f.sampleRecords ? sampleTag('SAMPLE') : null,
    f.sampleRecords ? ` ${f.sampleRecords} 条示例记录，不计入进度 sample records, not counted` : null,
    f.sampleRecords && f.editorialRecords ? '；' : null,
    f.editorialRecords ? ` ${f.editorialRecords} 条编辑记录，不计入 editorial records, not counted` : null,
  );
}

function targetRow(t: Figure, baselines: Figure[]): HTMLElement {
  const refs = referencesFor(t, baselines);
  return h(
    'li',
    { class: 'figure target', 'data-key': t.key, 'data-current': t.current ?? '', 'data-met': String(t.met) },
    h('div', { class: 'figure-head' }, h('span', { class: 'year' }, `${t.year}年`), h('strong', {}, t.titleZh), h('span', { class: 'en' }, t.titleEn)),
    targetBar(t, refs),
    h(
      'p',
      { class: 'figures' },
      currentText(t),
      h('span', { class: 'goal-text' }, `目标 Target: ${targetText(t)}，${t.year}年 by ${t.year}`),
      t.met ? h('span', { class: 'met' }, '已达成 Met') : null,
      ...refs.map((r) => h('span', { class: 'ref-text' }, `┆ ${r.year}年基数 baseline ${num(r.min)} ${r.unit}`)),
    ),
    apart(t),
    h('p', { class: 'cite' }, sources(t)),
  );
}

function baselineRow(b: Figure): HTMLElement {
  return h(
    'li',
    { class: 'figure baseline', 'data-key': b.key },
    h('div', { class: 'figure-head' }, h('span', { class: 'year' }, `${b.year}年基数`), h('strong', {}, b.titleZh), h('span', { class: 'en' }, b.titleEn)),
    h('p', { class: 'figures' }, h('span', {}, `基数 Baseline: ${num(b.min)} ${b.unit}`), currentText(b)),
    apart(b),
    h('p', { class: 'cite' }, sources(b)),
  );
}

function actionSection(a: Action, index: number): HTMLElement {
  return h(
    'section',
    { class: 'action', 'data-action': a.code, id: a.code.toLowerCase() },
    h('h2', {}, `${index + 1}. ${a.nameZh}“${a.slogan}”`, h('small', {}, ` ${a.nameEn}`)),
    h('p', { class: 'summary' }, a.summaryZh),
    a.targets.length
      ? h('ol', { class: 'figures-list' }, ...a.targets.map((t) => targetRow(t, a.baselines)))
      : h('p', { class: 'hint no-targets' }, '行动计划未给此行动设定数值目标。 The plan sets no figure for this action.'),
    a.baselines.length ? h('ul', { class: 'figures-list baselines' }, ...a.baselines.map(baselineRow)) : null,
  );
}

/** Every figure with sample records matching it, listed on its own so nobody reads them as progress. */
function sampleSection(actions: Action[]): HTMLElement | null {
  const figures = actions.flatMap((a) => [...a.targets, ...a.baselines].map((f) => ({ a, f }))).filter(({ f }) => f.sampleRecords > 0);
  if (figures.length === 0) return null;
  return h(
    'section',
    { class: 'sample-records', id: 'sample-records' },
    h('h2', {}, '示例记录（不计入进度）', h('small', {}, ' Sample records (not counted)')),
    h(
      'p',
      { class: 'hint' },
      '以下记录是虚构的示例数据，与上面的指标口径相符，但不计入任何进度条。 These records are invented sample data; they match the figures above but count toward no bar.',
    ),
    h(
      'ul',
      {},
      ...figures.map(({ a, f }) =>
        h(
          'li',
          { 'data-key': f.key, 'data-sample': f.sampleRecords },
          sampleTag('SAMPLE'),
          ` ${a.nameZh} · ${f.titleZh}：${f.sampleRecords} 条示例记录`,
          h('span', { class: 'en' }, `${f.sampleRecords} sample records`),
        ),
      ),
    ),
  );
}

run(async () => {
  const { data, notice } = await gqlAnswer<{ actionPlan: { actions: Action[] } }>(PLAN);
  const actions = data.actionPlan.actions;
  show(
    sampleBanner(notice),
    h('h1', {}, '行动计划进展', h('small', {}, ' The action plan at a glance')),
    h(
      'p',
      { class: 'hint' },
      '《青岛市人工智能产业创新发展行动计划（2024—2026年）》的七大行动与目标。进度条只计有依据的记录（官方规划、公开来源、用户录入）；示例、合成和编辑记录另列，不计入。虚线为 2023 年基数。',
      h(
        'span',
        { class: 'en' },
        'The seven actions of Qingdao’s AI action plan 2024–2026 and their targets. Bars count only records resting on evidence (the plan, public sources, user entries); sample, synthetic and editorial records are listed apart and never counted. Dashed lines are the 2023 baseline.',
      ),
    ),
    h(
      'ul',
      { class: 'plan-legend' },
      h('li', {}, h('i', { class: 'key fill' }), '当前 Current'),
      h('li', {}, h('i', { class: 'key goal' }), '目标 Target'),
      h('li', {}, h('i', { class: 'key ref' }), '基数 Baseline'),
    ),
    h('div', { class: 'plan', id: 'plan' }, ...actions.map(actionSection)),
    sampleSection(actions),
  );
});
