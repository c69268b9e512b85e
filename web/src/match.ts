import { findNode, gql, gqlAnswer, h, link, notFound, param, qs, run, sampleBanner, sampleTag, show } from './common';

const MATCH = `query MatchPark($parkId: ID!) {
  node(id: $parkId) { id __typename ... on Park { nameZh nameEn district } }
}`;

const CANDIDATES = `query MatchCandidates($parkId: ID!, $first: Int) {
  matchEnterprisesForPark(parkId: $parkId, first: $first) {
    score
    enterprise { id nameZh nameEn provenance { kind } }
    reasons { kind detail contribution }
  }
}`;

const PARKS = `query MatchParks { parks(first: 100) { edges { node { id nameZh district } } } }`;

interface Candidate {
  score: number;
  enterprise: { id: string; nameZh: string; nameEn: string | null; provenance: { kind: string } };
  reasons: { kind: string; detail: string; contribution: number }[];
}

const FIRST = 20;

/** Chinese names of the reason kinds known today; a new kind shows as its code. */
const REASON_ZH: Record<string, string> = {
  SECTOR_FIT: '领域契合',
  PLATFORM_TIES: '平台关联',
  LARGE_MODEL: '大模型',
  PROVEN_DELIVERY: '落地案例',
};

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

async function parkPicker(): Promise<void> {
  const data = await gql<{ parks: { edges: { node: { id: string; nameZh: string; district: string | null } }[] } }>(PARKS);
  const list = h('ul', { class: 'park-picker' });
  for (const { node } of data.parks.edges)
    list.append(h('li', {}, link(`?${qs({ park: node.id })}`, node.nameZh), node.district ? h('span', { class: 'en' }, node.district) : null));
  show(h('h1', {}, '园区招商匹配', h('small', {}, ' Firm candidates for a park')), h('p', { class: 'hint' }, '选择一个园区。 Pick a park.'), list);
}

run(async () => {
  const parkId = param('park');
  if (!parkId) return parkPicker();
  const park = (await findNode<{ node: { id: string; __typename: string; nameZh?: string; nameEn?: string } | null }>(MATCH, { parkId }))?.node;
  if (!park || park.__typename !== 'Park') {
    show(notFound('园区', 'park', parkId));
    return;
  }
  const answer = await gqlAnswer<{ matchEnterprisesForPark: Candidate[] }>(CANDIDATES, { parkId, first: FIRST });
  const candidates = answer.data.matchEnterprisesForPark;
  const table = h(
    'table',
    { class: 'candidates', id: 'candidates' },
    h('thead', {}, h('tr', {}, h('th', {}, '排名 #'), h('th', {}, '企业 Firm'), h('th', {}, '得分 Score'), h('th', {}, '理由 Reasons'))),
  );
  const body = h('tbody');
  candidates.forEach((c, i) => {
    const reasons = h('ul', { class: 'reasons' });
    for (const r of c.reasons)
      reasons.append(
        h(
          'li',
          {},
          h('span', { class: 'tag', title: r.kind }, REASON_ZH[r.kind] ?? r.kind),
          ` ${r.detail} `,
          h('span', { class: 'contribution' }, `+${fmt(r.contribution)}`),
        ),
      );
    body.append(
      h(
        'tr',
        { 'data-rank': i + 1, 'data-id': c.enterprise.id, 'data-provenance': c.enterprise.provenance.kind },
        h('td', { class: 'rank' }, i + 1),
        h(
          'td',
          {},
          link(`/explore/enterprise?${qs({ id: c.enterprise.id })}`, c.enterprise.nameZh, { class: 'firm' }),
          sampleTag(c.enterprise.provenance.kind),
          c.enterprise.nameEn ? h('span', { class: 'en' }, c.enterprise.nameEn) : null,
        ),
        h('td', { class: 'score' }, fmt(c.score)),
        h('td', {}, reasons),
      ),
    );
  });
  table.append(body);
  show(
    sampleBanner(answer.notice),
    h('h1', {}, `${park.nameZh} · 招商匹配`, h('small', {}, ` Firm candidates${park.nameEn ? ` for ${park.nameEn}` : ''}`)),
    h(
      'p',
      { class: 'hint' },
      '按匹配得分排序的候选企业及理由。 Candidate firms ranked by score, with the reasons. ',
      link(`/explore/graph?${qs({ around: parkId })}`, '园区关系图 Park graph'),
    ),
    candidates.length ? table : h('p', { class: 'notice' }, '暂无候选企业。 No candidates.'),
  );
});
