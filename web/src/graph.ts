import cytoscape from 'cytoscape';
import { findNode, gqlAnswer, h, link, notFound, param, qs, run, sampleBanner, show } from './common';

const CENTRE = `query GraphCentre($id: ID!) {
  node(id: $id) {
    id
    __typename
    ... on Park { nameZh }
    ... on Enterprise { nameZh }
    ... on InnovationPlatform { nameZh }
    ... on Scenario { nameZh }
    ... on Sector { nameZh }
    ... on LargeModel { nameZh }
    ... on ComputeCenter { nameZh }
    ... on DataProduct { nameZh }
  }
}`;

const GRAPH = `query EgoGraph($filter: RelationGraphFilter, $first: Int) {
  relationGraph(filter: $filter, first: $first) {
    nodes { id kind nameZh provenanceKind }
    edges { id kind source target }
  }
}`;

interface Graph {
  nodes: { id: string; kind: string; nameZh: string; provenanceKind: string }[];
  edges: { id: string; kind: string; source: string; target: string }[];
}

/** Colour and Chinese name per node kind (GraphNodeKind). */
export const KINDS: Record<string, { colour: string; zh: string; en: string }> = {
  PARK: { colour: '#d9480f', zh: '产业园区', en: 'Park' },
  ENTERPRISE: { colour: '#1c7ed6', zh: '企业', en: 'Firm' },
  PLATFORM: { colour: '#2f9e44', zh: '创新平台', en: 'Platform' },
  SCENARIO: { colour: '#ae3ec9', zh: '应用场景', en: 'Scenario' },
  SECTOR: { colour: '#f08c00', zh: '重点领域', en: 'Sector' },
  LARGE_MODEL: { colour: '#0ca678', zh: '大模型', en: 'Large model' },
  COMPUTE_CENTER: { colour: '#495057', zh: '算力中心', en: 'Compute centre' },
  DATA_PRODUCT: { colour: '#6741d9', zh: '数据产品', en: 'Data product' },
  VOUCHER_PROGRAM: { colour: '#c2255c', zh: '算力券项目', en: 'Compute-voucher programme' },
};

const EDGE_ZH: Record<string, string> = {
  DEVELOPS: '研发',
  FOCUSES_ON: '聚焦',
  HOSTS: '承载',
  IN_SECTOR: '属于',
  LOCATED_IN: '位于',
  PROVIDES: '提供',
  SERVES: '服务',
  GRANTED: '获得算力券',
  REDEEMED_AT: '兑付于',
};

const TYPE_ZH: Record<string, string> = {
  Park: '园区',
  Enterprise: '企业',
  InnovationPlatform: '平台',
  Scenario: '场景',
  Sector: '领域',
  LargeModel: '大模型',
  ComputeCenter: '算力中心',
  ComputeVoucherProgram: '算力券项目',
};

const FORMATS = [
  { ext: 'graphml', label: 'GraphML' },
  { ext: 'gexf', label: 'GEXF' },
  { ext: 'cyjs', label: 'Cytoscape JSON' },
  { ext: 'jgf.json', label: 'JSON Graph' },
  { ext: 'csv.zip', label: 'CSV (zip)' },
];

const MAX_NODES = 500;
const RING_ORDER = ['SECTOR', 'PARK', 'PLATFORM', 'COMPUTE_CENTER', 'LARGE_MODEL', 'DATA_PRODUCT', 'VOUCHER_PROGRAM', 'ENTERPRISE', 'SCENARIO'];

run(async () => {
  const around = param('around');
  const depthText = param('depth') ?? '1';
  const depth = /^[123]$/.test(depthText) ? Number(depthText) : 1;
  if (!around) {
    show(notFound('节点', 'node', null));
    return;
  }
  const centre = (await findNode<{ node: { id: string; __typename: string; nameZh?: string } | null }>(CENTRE, { id: around }))?.node;
  if (!centre) {
    show(notFound('节点', 'park, firm or platform', around));
    return;
  }
  const answer = await gqlAnswer<{ relationGraph: Graph }>(GRAPH, { filter: { around, depth }, first: MAX_NODES });
  const graph = answer.data.relationGraph;
  const unreal = (kind: string) => kind === 'SAMPLE' || kind === 'SYNTHETIC';

  const counts = new Map<string, number>();
  for (const n of graph.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
  const legend = h('ul', { class: 'legend' });
  for (const [kind, info] of Object.entries(KINDS)) {
    if (!counts.has(kind)) continue;
    legend.append(
      h(
        'li',
        { 'data-kind': kind },
        h('span', { class: 'dot', style: `background:${info.colour}` }),
        `${info.zh} ${info.en} `,
        h('b', {}, counts.get(kind) ?? 0),
      ),
    );
  }
  const depthLinks = h('span', { class: 'depths' }, '深度 Depth: ');
  for (const d of [1, 2, 3]) {
    depthLinks.append(d === depth ? h('b', {}, d) : link(`?${qs({ around, depth: d })}`, String(d)), ' ');
  }
  const downloads = h('span', { class: 'downloads' }, '下载 Download: ');
  for (const f of FORMATS) downloads.append(link(`/export/graph.${f.ext}?${qs({ around, depth })}`, f.label, { download: '' }), ' ');

  const sampleNodes = graph.nodes.filter((n) => unreal(n.provenanceKind)).length;
  if (sampleNodes)
    legend.append(
      h(
        'li',
        { class: 'sample-key', 'data-sample-nodes': sampleNodes },
        h('span', { class: 'dot hollow' }),
        `示例数据 Sample records [示例] `,
        h('b', {}, sampleNodes),
      ),
    );
  const box = h('div', { id: 'graph', class: 'graph', 'data-nodes': graph.nodes.length, 'data-edges': graph.edges.length, 'data-sample-nodes': sampleNodes });
  show(
    sampleBanner(answer.notice),
    h('h1', {}, `${centre.nameZh ?? centre.id} 的关系图`, h('small', {}, ` Ego network · ${TYPE_ZH[centre.__typename] ?? centre.__typename}`)),
    h(
      'p',
      { class: 'hint' },
      `${graph.nodes.length} 个节点，${graph.edges.length} 条关系。 ${graph.nodes.length} nodes, ${graph.edges.length} relations. `,
      depthLinks,
    ),
    h('p', { class: 'hint' }, downloads),
    legend,
    box,
    graph.nodes.length >= MAX_NODES ? h('p', { class: 'hint' }, `仅显示前 ${MAX_NODES} 个节点 Showing the first ${MAX_NODES} nodes.`) : null,
  );

  const cy = cytoscape({
    container: box,
    elements: [
      // A sample record is marked at the start of its label (never cut off by the ellipsis) and drawn hollow with a dashed ring.
      ...graph.nodes.map((n) => ({
        data: {
          id: n.id,
          label: unreal(n.provenanceKind) ? `[示例] ${n.nameZh}` : n.nameZh,
          kind: n.kind,
          centre: n.id === around ? 1 : 0,
          sample: unreal(n.provenanceKind) ? 1 : 0,
        },
      })),
      ...graph.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: EDGE_ZH[e.kind] ?? e.kind } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': (n: cytoscape.NodeSingular) => KINDS[n.data('kind') as string]?.colour ?? '#868e96',
          label: 'data(label)',
          'font-size': 11,
          'font-family': '"Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': '140px',
          width: 16,
          height: 16,
        },
      },
      { selector: 'node[sample = 1]', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#b3261e', 'background-opacity': 0.45 } },
      { selector: 'node[centre = 1]', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#212529', 'font-weight': 'bold', 'font-size': 13 } },
      {
        selector: 'edge',
        style: {
          width: 1,
          'line-color': '#ced4da',
          'curve-style': 'bezier',
          'target-arrow-shape': 'triangle',
          'target-arrow-color': '#ced4da',
          'arrow-scale': 0.7,
        },
      },
      { selector: 'edge:selected, edge.hover', style: { label: 'data(label)', 'font-size': 10, 'line-color': '#495057' } },
    ],
    // Rings: the centre, then one ring per kind, so the picture is the same on every load.
    layout: {
      name: 'concentric',
      animate: false,
      concentric: (n: cytoscape.NodeSingular) => (n.data('centre') ? 100 : 50 - RING_ORDER.indexOf(n.data('kind') as string)),
      levelWidth: () => 1,
      minNodeSpacing: 34,
      spacingFactor: 1.2,
      nodeDimensionsIncludeLabels: false,
    } as cytoscape.LayoutOptions,
  });
  // Double-click (tap twice) a node to re-centre the view on it.
  cy.on('dbltap', 'node', (evt) => {
    location.search = qs({ around: evt.target.id(), depth });
  });
  cy.on('mouseover', 'edge', (evt) => evt.target.addClass('hover'));
  cy.on('mouseout', 'edge', (evt) => evt.target.removeClass('hover'));
  (window as unknown as { cy: cytoscape.Core }).cy = cy;
});
