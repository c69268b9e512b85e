import { failure, h, link, param, qs, show } from './common';

/**
 * /explore/leads: a park's confidential lead pipeline as a board by stage, the funnel as a chart,
 * stale leads highlighted. The promoter (or admin) key is typed into the page and kept in
 * sessionStorage only: it is gone when the tab closes, and never written to localStorage or a cookie.
 */

const KEY_ITEM = 'qdai.leadKey';
const STALE_DAYS = 30;

const STAGES: Array<[string, string]> = [
  ['LEAD', '线索'],
  ['CONTACTED', '接洽'],
  ['VISITED', '考察'],
  ['NEGOTIATING', '洽谈'],
  ['SIGNED', '签约'],
  ['LANDED', '落地'],
  ['IN_PRODUCTION', '投产'],
  ['LOST', '流失'],
];

const BOARD = `query LeadBoard($parkId: ID!, $days: Int!) {
  park: node(id: $parkId) { id __typename ... on Park { nameZh nameEn } }
  leadFunnel(parkId: $parkId) { total expectedInvestment stages { stage count reached expectedInvestment conversionToNext medianDays } }
  leads(parkId: $parkId, first: 100) {
    totalCount
    edges { node { id stage ownerName expectedInvestment nextAction nextActionDate lastActivityAt lostReason enterprise { nameZh } } }
  }
  staleLeads(days: $days, parkId: $parkId, first: 100) { edges { node { id } } }
}`;

const PARKS = `query LeadParks { parks(first: 100) { edges { node { id nameZh district } } } }`;

interface Lead {
  id: string;
  stage: string;
  ownerName: string | null;
  expectedInvestment: number | null;
  nextAction: string | null;
  nextActionDate: string | null;
  lastActivityAt: string;
  lostReason: string | null;
  enterprise: { nameZh: string };
}
interface FunnelStage {
  stage: string;
  count: number;
  reached: number;
  expectedInvestment: number;
  conversionToNext: number | null;
  medianDays: number | null;
}
interface Board {
  park: { id: string; __typename: string; nameZh?: string; nameEn?: string | null } | null;
  leadFunnel: { total: number; expectedInvestment: number; stages: FunnelStage[] };
  leads: { totalCount: number; edges: Array<{ node: Lead }> };
  staleLeads: { edges: Array<{ node: { id: string } }> };
}

class KeyRefused extends Error {}

/** One operation with the session's key; a refused key (401/UNAUTHENTICATED, FORBIDDEN) is forgotten. */
async function gqlWithKey<T>(key: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
  const code = body?.errors?.[0]?.extensions?.code;
  if (res.status === 401 || code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
    sessionStorage.removeItem(KEY_ITEM);
    throw new KeyRefused(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  }
  if (!body) throw new Error(`服务器返回 HTTP ${res.status} The server answered HTTP ${res.status}.`);
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data as T;
}

function keyForm(message?: string): void {
  const input = h('input', { type: 'password', id: 'key', name: 'key', autocomplete: 'off', placeholder: 'qdai_…', size: 56 });
  const form = h(
    'form',
    { id: 'key-form', class: 'key-form' },
    h('label', { for: 'key' }, '招商密钥 Promoter key '),
    input,
    ' ',
    h('button', { type: 'submit' }, '打开 Open'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_ITEM, key);
    void render();
  });
  show(
    h('h1', {}, '招商线索', h('small', {}, ' Lead pipeline')),
    message ? h('div', { class: 'notice error', role: 'alert', id: 'key-refused' }, h('p', {}, `密钥被拒绝 The key was refused: ${message}`)) : null,
    h(
      'p',
      { class: 'hint' },
      '线索是机密数据，需要本园区的招商密钥或管理员密钥。密钥只保存在本标签页的会话存储中，关闭标签页即清除。 Leads are confidential: enter a promoter key of the park, or an admin key. The key stays in this tab’s session storage only and is gone when the tab closes.',
    ),
    form,
  );
}

async function parkPicker(): Promise<void> {
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PARKS }) });
  const data = ((await res.json()) as { data: { parks: { edges: Array<{ node: { id: string; nameZh: string; district: string | null } }> } } }).data;
  const list = h('ul', { class: 'park-picker' });
  for (const { node } of data.parks.edges)
    list.append(h('li', {}, link(`?${qs({ park: node.id })}`, node.nameZh), node.district ? h('span', { class: 'en' }, node.district) : null));
  show(h('h1', {}, '招商线索', h('small', {}, ' Lead pipeline')), h('p', { class: 'hint' }, '选择一个园区。 Pick a park.'), list, forgetButton());
}

function forgetButton(): HTMLElement {
  const button = h('button', { type: 'button', id: 'forget-key', class: 'forget' }, '清除密钥 Forget the key');
  button.addEventListener('click', () => {
    sessionStorage.removeItem(KEY_ITEM);
    keyForm();
  });
  return button;
}

const wan = (x: number) => `${x.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 万元`;
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

function funnelChart(stages: FunnelStage[]): HTMLElement {
  const most = Math.max(1, ...stages.map((s) => s.reached));
  const chart = h('div', { class: 'funnel', id: 'funnel', role: 'img', 'aria-label': '招商漏斗 Lead funnel' });
  for (const s of stages) {
    const zh = STAGES.find(([code]) => code === s.stage)?.[1] ?? s.stage;
    chart.append(
      h(
        'div',
        { class: `funnel-row${s.stage === 'LOST' ? ' lost' : ''}`, 'data-stage': s.stage, 'data-reached': s.reached, 'data-count': s.count },
        h('span', { class: 'label' }, `${zh} ${s.stage}`),
        h('span', { class: 'bar-track' }, h('span', { class: 'bar', style: `width: ${(100 * s.reached) / most}%` })),
        h('span', { class: 'figures' }, `${s.reached} 到达 reached · ${s.count} 当前 now · ${wan(s.expectedInvestment)}`),
        h('span', { class: 'conversion', title: '到下一阶段的转化率 Conversion to the next stage' }, `→ ${pct(s.conversionToNext)}`),
        h('span', { class: 'median', title: '停留天数中位数 Median days in stage' }, s.medianDays === null ? '' : `${s.medianDays} 天 days`),
      ),
    );
  }
  return chart;
}

function board(leads: Lead[], stale: Set<string>): HTMLElement {
  const columns = h('div', { class: 'board', id: 'board' });
  for (const [code, zh] of STAGES) {
    const inStage = leads.filter((l) => l.stage === code);
    const column = h(
      'section',
      { class: 'column', 'data-stage': code },
      h('h3', {}, `${zh} `, h('span', { class: 'en' }, code), h('span', { class: 'n' }, ` ${inStage.length}`)),
    );
    for (const l of inStage) {
      const isStale = stale.has(l.id);
      column.append(
        h(
          'article',
          { class: `card${isStale ? ' stale' : ''}`, 'data-id': l.id },
          h('strong', {}, l.enterprise.nameZh),
          isStale
            ? h('span', { class: 'tag stale-tag', title: `${STALE_DAYS} 天以上无动作 No activity for ${STALE_DAYS} days or more` }, '待跟进 stale')
            : null,
          h(
            'div',
            { class: 'meta' },
            l.ownerName ? `负责人 ${l.ownerName}` : '未分配 unassigned',
            l.expectedInvestment !== null ? ` · ${wan(l.expectedInvestment)}` : '',
          ),
          l.nextAction ? h('div', { class: 'next' }, `下一步 ${l.nextAction}${l.nextActionDate ? `（${l.nextActionDate}）` : ''}`) : null,
          l.lostReason ? h('div', { class: 'lost-reason' }, `流失原因 ${l.lostReason}`) : null,
        ),
      );
    }
    columns.append(column);
  }
  return columns;
}

/** Downloads the park's CSV with the key in the Authorization header (a plain link could not send it). */
function csvButton(key: string, parkId: string): HTMLElement {
  const button = h('button', { type: 'button', id: 'csv-export' }, '导出 CSV Export CSV');
  button.addEventListener('click', () => {
    void (async () => {
      const res = await fetch(`/export/leads.csv?${qs({ park: parkId })}`, { headers: { authorization: `Bearer ${key}` } });
      if (!res.ok) return show(failure(new Error(`导出失败 The export failed: HTTP ${res.status}`)));
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: 'leads.csv' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    })();
  });
  return button;
}

async function render(): Promise<void> {
  const key = sessionStorage.getItem(KEY_ITEM);
  if (!key) return keyForm();
  const parkId = param('park');
  if (!parkId) return parkPicker();
  try {
    const data = await gqlWithKey<Board>(key, BOARD, { parkId, days: STALE_DAYS });
    const leads = data.leads.edges.map((e) => e.node);
    const stale = new Set(data.staleLeads.edges.map((e) => e.node.id));
    const name = data.park?.__typename === 'Park' ? data.park.nameZh : parkId;
    show(
      h('h1', {}, `${name} · 招商线索`, h('small', {}, ` Lead pipeline${data.park?.nameEn ? ` of ${data.park.nameEn}` : ''}`)),
      h(
        'p',
        { class: 'hint' },
        `共 ${data.leadFunnel.total} 条线索，预计投资 ${wan(data.leadFunnel.expectedInvestment)}；${stale.size} 条超过 ${STALE_DAYS} 天未跟进。 `,
        `${data.leadFunnel.total} leads, expected investment ${wan(data.leadFunnel.expectedInvestment)}; ${stale.size} without activity for ${STALE_DAYS} days. `,
        csvButton(key, parkId),
      ),
      h('h2', {}, '漏斗 Funnel'),
      funnelChart(data.leadFunnel.stages),
      h('h2', {}, '看板 Board'),
      board(leads, stale),
      forgetButton(),
    );
  } catch (err) {
    if (err instanceof KeyRefused) return keyForm(err.message);
    show(failure(err));
  }
}

void render();
