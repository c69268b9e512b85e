import { failure, findNode, gql, gqlAnswer, h, LAYER_ZH, link, notFound, param, qs, run, sampleBanner, sampleTag, show } from './common';

/**
 * /explore/prospects: a park's chain gaps (chainGaps) beside the firms from outside Qingdao that
 * would fill them (prospectsForPark, candidates: OUTSIDE), each with reasons whose contributions
 * sum to its score, and a button per firm that opens a lead (createLead). Reading is public;
 * the button needs a promoter or admin key, typed into the page and kept in sessionStorage only
 * (the item /explore/leads uses, so one key serves both pages of the tab).
 */

const KEY_ITEM = 'qdai.leadKey';
const FIRST = 20;

const PARK = `query ProspectPark($parkId: ID!) { node(id: $parkId) { id __typename ... on Park { nameZh nameEn district } } }`;

const PROSPECTS = `query ParkProspects($parkId: ID!, $first: Int) {
  chainGaps(parkId: $parkId) {
    sector { code nameZh nameEn }
    missingLayers
    missingChainNodes { id path pathEn layer }
  }
  prospectsForPark(parkId: $parkId, first: $first, candidates: OUTSIDE) {
    totalCount
    edges { node {
      score
      enterprise { id nameZh nameEn presence layer headquarters { nameZh province } provenance { kind } }
      reasons { kind detail contribution }
    } }
  }
}`;

const PARKS = `query ProspectParks { parks(first: 100) { edges { node { id nameZh district } } } }`;

const CREATE = `mutation ProspectLead($input: CreateLeadInput!) {
  createLead(input: $input) { lead { id stage } userErrors { code message field } }
}`;

interface Gap {
  sector: { code: string; nameZh: string; nameEn: string };
  missingLayers: string[];
  missingChainNodes: Array<{ id: string; path: string; pathEn: string; layer: string }>;
}
interface Prospect {
  score: number;
  enterprise: {
    id: string;
    nameZh: string;
    nameEn: string | null;
    presence: string;
    layer: string | null;
    headquarters: { nameZh: string; province: string };
    provenance: { kind: string };
  };
  reasons: Array<{ kind: string; detail: string; contribution: number }>;
}

/** Chinese names of the reason kinds; a kind added later shows as its code. */
const REASON_ZH: Record<string, string> = {
  CHAIN_GAP: '补链',
  CHAIN_SEGMENT: '补环节',
  SECTOR_FIT: '领域契合',
  SCENARIO_DEMAND: '场景需求',
  PROVEN_DELIVERY: '落地能力',
  LARGE_MODEL: '大模型',
  PLATFORM_TIES: '平台关联',
  SAME_DISTRICT: '同区布局',
};

const PRESENCE_ZH: Record<string, string> = { OUTSIDE: '市外', BOTH: '市外总部·在青有分支', LOCAL: '在青' };

/** Chinese beside the server's English userError messages. */
const ERROR_ZH: Record<string, string> = {
  DUPLICATE: '本园区已有该企业的进行中线索',
  NOT_FOUND: '企业或园区不存在',
  BAD_USER_INPUT: '输入无效',
};

const fmt = (x: number) => x.toFixed(3);

class KeyRefused extends Error {}

/** createLead with the session's key; a refused key (401, UNAUTHENTICATED, FORBIDDEN) is forgotten. */
async function createLead(key: string, input: Record<string, unknown>): Promise<{ id: string } | string> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: CREATE, variables: { input } }),
  });
  const body = (await res.json().catch(() => null)) as {
    data?: { createLead: { lead: { id: string } | null; userErrors: Array<{ code: string; message: string }> } };
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  } | null;
  const code = body?.errors?.[0]?.extensions?.code;
  if (res.status === 401 || code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
    sessionStorage.removeItem(KEY_ITEM);
    throw new KeyRefused(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  }
  if (!body?.data) throw new Error(body?.errors?.[0]?.message ?? `服务器返回 HTTP ${res.status} The server answered HTTP ${res.status}.`);
  const { lead, userErrors } = body.data.createLead;
  if (userErrors.length || !lead) return userErrors.map((e) => `${ERROR_ZH[e.code] ?? e.code} ${e.message}`).join('; ');
  return lead;
}

/** The key box: shows whether a key is held, lets one be typed or forgotten; never rendered with the key in it. */
function keyBox(message?: { text: string; id: string }): HTMLElement {
  const box = h('section', { id: 'key-box', class: 'key-box' });
  const held = sessionStorage.getItem(KEY_ITEM);
  const note = message ? h('div', { class: 'notice error', role: 'alert', id: message.id }, h('p', {}, message.text)) : null;
  if (held) {
    const forget = h('button', { type: 'button', id: 'forget-key', class: 'forget' }, '清除密钥 Forget the key');
    forget.addEventListener('click', () => {
      sessionStorage.removeItem(KEY_ITEM);
      box.replaceWith(keyBox());
    });
    box.append(h('p', { class: 'hint', id: 'key-held' }, '已输入招商密钥（仅保存在本标签页）。 A promoter key is set for this tab. ', forget));
    return box;
  }
  const input = h('input', { type: 'password', id: 'key', name: 'key', autocomplete: 'off', placeholder: 'qdai_…' });
  const form = h(
    'form',
    { id: 'key-form', class: 'key-form' },
    h('label', { for: 'key' }, '招商密钥 Promoter key '),
    input,
    ' ',
    h('button', { type: 'submit' }, '保存 Keep'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_ITEM, key);
    box.replaceWith(keyBox());
  });
  box.append(
    note ?? '',
    h(
      'p',
      { class: 'hint' },
      '建立线索需要本园区的招商密钥或管理员密钥；浏览候选不需要。密钥只保存在本标签页的会话存储中，关闭标签页即清除。 Opening a lead needs a promoter key of the park or an admin key; browsing does not. The key stays in this tab’s session storage only.',
    ),
    form,
  );
  return box;
}

/** Puts a fresh key box in place of the current one, with a message, and moves the focus to it. */
function askForKey(text: string, id: string): void {
  document.getElementById('key-box')?.replaceWith(keyBox({ text, id }));
  document.getElementById('key')?.focus();
}

function leadButton(parkId: string, prospect: Prospect): HTMLElement {
  const status = h('span', { class: 'lead-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'create-lead', 'data-enterprise': prospect.enterprise.id }, '建立线索 Open a lead');
  button.addEventListener('click', () => {
    const key = sessionStorage.getItem(KEY_ITEM);
    if (!key) {
      askForKey('建立线索需要招商密钥，请先输入。 Opening a lead needs a promoter key: enter it first.', 'key-needed');
      return;
    }
    button.disabled = true;
    status.textContent = '…';
    createLead(key, { enterpriseId: prospect.enterprise.id, parkId, note: `以链招商：得分 ${fmt(prospect.score)} Prospecting score ${fmt(prospect.score)}` })
      .then((result) => {
        if (typeof result === 'string') {
          button.disabled = false;
          status.className = 'lead-status error';
          status.textContent = `未建立 Not opened: ${result}`;
          return;
        }
        status.className = 'lead-status done';
        status.setAttribute('data-lead', result.id);
        status.replaceChildren('已建立线索 Lead opened · ', link(`/explore/leads?${qs({ park: parkId })}`, '看板 Board'));
      })
      .catch((err: unknown) => {
        button.disabled = false;
        status.textContent = '';
        if (err instanceof KeyRefused) askForKey(`密钥被拒绝 The key was refused: ${err.message}`, 'key-refused');
        else status.replaceChildren(failure(err));
      });
  });
  return h('div', { class: 'lead-action' }, button, ' ', status);
}

function gapList(gaps: Gap[]): HTMLElement {
  const open = gaps.filter((g) => g.missingLayers.length || g.missingChainNodes.length);
  if (!open.length) return h('p', { class: 'notice', id: 'gaps' }, '各重点领域的产业链没有缺口。 No chain gaps in the park’s focus sectors.');
  const list = h('ul', { class: 'gaps', id: 'gaps' });
  for (const g of open) {
    const nodes = h('ul', { class: 'gap-nodes' });
    for (const n of g.missingChainNodes) nodes.append(h('li', { 'data-id': n.id, title: n.pathEn }, n.path));
    list.append(
      h(
        'li',
        { class: 'gap', 'data-sector': g.sector.code },
        h('strong', {}, g.sector.nameZh),
        h('span', { class: 'en' }, g.sector.nameEn),
        g.missingLayers.length
          ? h(
              'div',
              { class: 'missing-layers' },
              '缺失层级 Missing layers: ',
              ...g.missingLayers.map((l) => h('span', { class: 'tag layer', 'data-layer': l }, `${LAYER_ZH[l] ?? l} ${l}`)),
            )
          : null,
        g.missingChainNodes.length ? h('details', {}, h('summary', {}, `缺失环节 ${g.missingChainNodes.length} Missing segments`), nodes) : null,
      ),
    );
  }
  return list;
}

function prospectList(parkId: string, prospects: Prospect[]): HTMLElement {
  const list = h('ol', { class: 'prospects', id: 'prospects' });
  prospects.forEach((p, i) => {
    const sum = p.reasons.reduce((s, r) => s + r.contribution, 0);
    const reasons = h('ul', { class: 'reasons' });
    for (const r of p.reasons)
      reasons.append(
        h(
          'li',
          { 'data-kind': r.kind, 'data-contribution': r.contribution },
          h('span', { class: 'tag', title: r.kind }, REASON_ZH[r.kind] ?? r.kind),
          ` ${r.detail} `,
          h('span', { class: 'contribution' }, `+${fmt(r.contribution)}`),
        ),
      );
    const e = p.enterprise;
    list.append(
      h(
        'li',
        { class: 'prospect', 'data-rank': i + 1, 'data-id': e.id, 'data-score': p.score, 'data-provenance': e.provenance.kind },
        h(
          'div',
          { class: 'prospect-head' },
          h('span', { class: 'rank' }, `${i + 1}.`),
          link(`/explore/enterprise?${qs({ id: e.id })}`, e.nameZh, { class: 'firm' }),
          sampleTag(e.provenance.kind),
          h('span', { class: 'score', title: '得分 Score' }, fmt(p.score)),
        ),
        h(
          'div',
          { class: 'meta' },
          `总部 ${e.headquarters.nameZh}（${e.headquarters.province}） · ${PRESENCE_ZH[e.presence] ?? e.presence} ${e.presence}`,
          e.layer ? ` · ${LAYER_ZH[e.layer] ?? e.layer}` : '',
          e.nameEn ? h('span', { class: 'en' }, e.nameEn) : null,
        ),
        reasons,
        h('div', { class: 'reason-sum' }, `理由合计 Reasons sum: ${fmt(sum)} = 得分 score ${fmt(p.score)}`),
        leadButton(parkId, p),
      ),
    );
  });
  return list;
}

async function parkSelect(current: string | null): Promise<HTMLElement> {
  const data = await gql<{ parks: { edges: Array<{ node: { id: string; nameZh: string; district: string | null } }> } }>(PARKS);
  const select = h('select', { id: 'park-select', name: 'park' }, h('option', { value: '' }, '选择园区… Pick a park…'));
  for (const { node } of data.parks.edges) {
    const option = h('option', { value: node.id }, node.district ? `${node.nameZh}（${node.district}）` : node.nameZh);
    if (node.id === current) option.selected = true;
    select.append(option);
  }
  select.addEventListener('change', () => {
    if (select.value) location.search = `?${qs({ park: select.value })}`;
  });
  return h('form', { class: 'park-select', action: '' }, h('label', { for: 'park-select' }, '园区 Park '), select);
}

run(async () => {
  const parkId = param('park');
  const picker = await parkSelect(parkId);
  const title = h('h1', {}, '以链招商', h('small', {}, ' Prospects from chain gaps'));
  if (!parkId) return void show(title, h('p', { class: 'hint' }, '选择一个园区。 Pick a park.'), picker);
  const park = (await findNode<{ node: { id: string; __typename: string; nameZh?: string; nameEn?: string | null } | null }>(PARK, { parkId }))?.node;
  if (!park || park.__typename !== 'Park') return void show(picker, notFound('园区', 'park', parkId));
  const answer = await gqlAnswer<{ chainGaps: Gap[]; prospectsForPark: { totalCount: number; edges: Array<{ node: Prospect }> } }>(PROSPECTS, {
    parkId,
    first: FIRST,
  });
  const prospects = answer.data.prospectsForPark.edges.map((e) => e.node);
  show(
    sampleBanner(answer.notice),
    h('h1', {}, `${park.nameZh} · 以链招商`, h('small', {}, ` Prospects${park.nameEn ? ` for ${park.nameEn}` : ''}`)),
    picker,
    h('h2', {}, '产业链缺口 Chain gaps'),
    gapList(answer.data.chainGaps),
    h('h2', {}, '市外候选企业 Firms from outside Qingdao'),
    h(
      'p',
      { class: 'hint' },
      `共 ${answer.data.prospectsForPark.totalCount} 家，按补链与领域契合排序，显示前 ${prospects.length} 家；各理由的贡献之和等于得分。 `,
      `${answer.data.prospectsForPark.totalCount} firms ranked by chain gaps and sector fit, the first ${prospects.length} shown; each firm’s reasons add up to its score. `,
      link(`/explore/leads?${qs({ park: parkId })}`, '招商线索看板 Lead board'),
    ),
    keyBox(),
    prospects.length ? prospectList(parkId, prospects) : h('p', { class: 'notice' }, '暂无市外候选企业。 No firms from outside to suggest.'),
  );
});
