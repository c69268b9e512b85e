import { findNode, h, link, notFound, param, qs, run, show, LAYER_ZH, SECTOR_ZH } from './common';

const DETAIL = `query EnterprisePage($id: ID!) {
  node(id: $id) {
    id
    __typename
    ... on Enterprise {
      nameZh nameEn creditCode layer foundedYear website summary
      sectors { code nameZh }
      parks(first: 20) { edges { node { id nameZh } } }
      platforms(first: 20) { edges { node { id nameZh } } }
      scenarios(first: 20) { edges { node { id nameZh } } }
      provenance { kind source url verifiedAt }
    }
  }
}`;

interface Named {
  id: string;
  nameZh: string;
}
interface Firm {
  id: string;
  __typename: string;
  nameZh: string;
  nameEn: string | null;
  creditCode: string | null;
  layer: string | null;
  foundedYear: number | null;
  website: string | null;
  summary: string | null;
  sectors: { code: string; nameZh: string }[];
  parks: { edges: { node: Named }[] };
  platforms: { edges: { node: Named }[] };
  scenarios: { edges: { node: Named }[] };
  provenance: { kind: string; source: string | null; url: string | null; verifiedAt: string | null } | null;
}

function row(labelZh: string, labelEn: string, value: Node | string | null | undefined): HTMLElement | null {
  if (value === null || value === undefined || value === '') return null;
  return h('tr', {}, h('th', {}, `${labelZh} `, h('span', { class: 'en' }, labelEn)), h('td', {}, value));
}

function names(items: Named[], href?: (n: Named) => string): Node | null {
  if (!items.length) return null;
  const span = h('span', {});
  items.forEach((n, i) => span.append(i ? '、' : '', href ? link(href(n), n.nameZh) : n.nameZh));
  return span;
}

run(async () => {
  const id = param('id');
  const firm = id ? (await findNode<{ node: Firm | null }>(DETAIL, { id }))?.node : null;
  if (!firm || firm.__typename !== 'Enterprise') {
    show(notFound('企业', 'firm', id));
    return;
  }
  const p = firm.provenance;
  show(
    h('h1', {}, firm.nameZh, firm.nameEn ? h('small', {}, ` ${firm.nameEn}`) : null),
    h('p', { class: 'hint' }, link(`/explore/graph?${qs({ around: firm.id })}`, '企业关系图 Firm graph')),
    h(
      'table',
      { class: 'detail' },
      row('统一社会信用代码', 'Credit code', firm.creditCode),
      row('产业链环节', 'Chain layer', firm.layer ? `${LAYER_ZH[firm.layer] ?? firm.layer} ${firm.layer}` : null),
      row('成立年份', 'Founded', firm.foundedYear ? String(firm.foundedYear) : null),
      row('网站', 'Website', firm.website ? link(firm.website, firm.website, { rel: 'noopener noreferrer' }) : null),
      row('简介', 'Summary', firm.summary),
      row('重点领域', 'Sectors', firm.sectors.map((s) => s.nameZh || SECTOR_ZH[s.code] || s.code).join('、') || null),
      row(
        '所在园区',
        'Parks',
        names(
          firm.parks.edges.map((e) => e.node),
          (n) => `/explore/match?${qs({ park: n.id })}`,
        ),
      ),
      row('创新平台', 'Platforms', names(firm.platforms.edges.map((e) => e.node))),
      row('应用场景', 'Scenarios', names(firm.scenarios.edges.map((e) => e.node))),
      row('数据来源', 'Provenance', p ? [p.kind, p.source, p.verifiedAt].filter(Boolean).join(' · ') : null),
    ),
  );
});
