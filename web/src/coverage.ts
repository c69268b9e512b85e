import { cellFill as shade } from '../../src/http/coverage-svg';
import { gqlAnswer, h, link, qs, run, sampleBanner, sampleTag, show, failure, LAYER_ZH, SECTOR_ZH } from './common';

interface Cell {
  park: { id: string; nameZh: string };
  sector: { code: string };
  enterpriseCount: number;
  scenarioCount: number;
  platformCount: number;
}

const MATRIX = `query CoverageMatrix {
  sectors { code nameZh }
  coverage { cells { park { id nameZh } sector { code } enterpriseCount scenarioCount platformCount } }
}`;

const CELL_FIRMS = `query CoverageCellFirms($park: ID!, $sector: SectorCode!) {
  node(id: $park) {
    ... on Park {
      nameZh
      enterprises(filter: { sectors: [$sector] }, first: 100) {
        totalCount
        edges { node { id nameZh nameEn layer provenance { kind } } }
      }
    }
  }
}`;

interface CellFirms {
  node: {
    nameZh?: string;
    enterprises?: {
      totalCount: number;
      edges: { node: { id: string; nameZh: string; nameEn: string | null; layer: string | null; provenance: { kind: string } } }[];
    };
  } | null;
}

async function showFirms(cell: Cell, sectorZh: string, panel: HTMLElement): Promise<void> {
  panel.replaceChildren(h('p', { class: 'loading' }, '加载中… Loading…'));
  try {
    const { data, notice } = await gqlAnswer<CellFirms>(CELL_FIRMS, { park: cell.park.id, sector: cell.sector.code });
    const firms = data.node?.enterprises;
    if (!firms) {
      panel.replaceChildren(h('p', { class: 'notice not-found' }, '找不到该园区 Park not found.'));
      return;
    }
    const title = h('h2', {}, `${cell.park.nameZh} · ${sectorZh}`, h('small', {}, ` ${firms.totalCount} 家企业 firms`));
    const list = h('ol', { class: 'firm-list' });
    for (const { node } of firms.edges) {
      list.append(
        h(
          'li',
          {},
          link(`/explore/enterprise?${qs({ id: node.id })}`, node.nameZh, { 'data-id': node.id, 'data-provenance': node.provenance.kind }),
          sampleTag(node.provenance.kind),
          node.layer ? h('span', { class: 'tag' }, LAYER_ZH[node.layer] ?? node.layer) : null,
          node.nameEn ? h('span', { class: 'en' }, node.nameEn) : null,
        ),
      );
    }
    panel.replaceChildren(
      title,
      sampleBanner(notice, 'cell-sample-banner') ?? '',
      firms.totalCount === 0 ? h('p', {}, '该园区在此领域暂无企业。 No firms of this park in this sector.') : list,
    );
    if (firms.totalCount > firms.edges.length)
      panel.append(h('p', { class: 'hint' }, `仅列出前 ${firms.edges.length} 家 Showing the first ${firms.edges.length}.`));
  } catch (err) {
    panel.replaceChildren(failure(err));
  }
}

run(async () => {
  const { data, notice } = await gqlAnswer<{ sectors: { code: string; nameZh: string }[]; coverage: { cells: Cell[] } }>(MATRIX);
  const sectors = data.sectors;
  const parks = new Map<string, string>();
  const byKey = new Map<string, Cell>();
  for (const c of data.coverage.cells) {
    parks.set(c.park.id, c.park.nameZh);
    byKey.set(`${c.park.id}|${c.sector.code}`, c);
  }
  const max = Math.max(0, ...data.coverage.cells.map((c) => c.enterpriseCount));
  const panel = h(
    'section',
    { class: 'panel', id: 'cell-firms', 'aria-live': 'polite' },
    h('p', { class: 'hint' }, '点击格子查看企业名单。 Click a cell to list its firms.'),
  );

  const head = h('tr', {}, h('th', { class: 'corner' }, '园区 \\ 领域'));
  for (const s of sectors) head.append(h('th', { scope: 'col', 'data-sector': s.code, title: s.code }, s.nameZh || SECTOR_ZH[s.code] || s.code));
  const body = h('tbody');
  for (const [parkId, nameZh] of parks) {
    const row = h(
      'tr',
      {},
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'park-name' }, nameZh),
        h(
          'span',
          { class: 'row-links' },
          link(`/explore/graph?${qs({ around: parkId })}`, '关系图'),
          ' · ',
          link(`/explore/match?${qs({ park: parkId })}`, '匹配'),
        ),
      ),
    );
    for (const s of sectors) {
      const cell = byKey.get(`${parkId}|${s.code}`);
      const n = cell?.enterpriseCount ?? 0;
      const td = h('td', {});
      if (cell) {
        const button = h(
          'button',
          {
            class: 'cell',
            'data-park': parkId,
            'data-sector': s.code,
            'data-count': n,
            style: `background:${shade(n, max)};color:${n / (max || 1) > 0.5 ? '#fff' : '#1d2733'}`,
            title: `${nameZh} · ${s.nameZh}：企业 ${n}，场景 ${cell.scenarioCount}，平台 ${cell.platformCount}`,
          },
          h('span', { class: 'n' }, n),
          h('span', { class: 'sub' }, `场景${cell.scenarioCount} 平台${cell.platformCount}`),
        );
        button.addEventListener('click', () => {
          document.querySelectorAll('button.cell.selected').forEach((b) => b.classList.remove('selected'));
          button.classList.add('selected');
          void showFirms(cell, s.nameZh, panel);
        });
        td.append(button);
      }
      row.append(td);
    }
    body.append(row);
  }

  show(
    sampleBanner(notice),
    h('h1', {}, '园区 × 领域 覆盖矩阵', h('small', {}, ' Park × sector coverage')),
    h(
      'p',
      { class: 'hint' },
      '格内数字为企业数（颜色越深越多），下方为场景与平台数。 Numbers are firms (darker = more); below, scenarios and platforms. ',
      link('/export/coverage.svg', '下载 SVG Download SVG', { download: 'coverage.svg', id: 'download-svg' }),
    ),
    h('div', { class: 'matrix-wrap' }, h('table', { class: 'matrix', id: 'matrix' }, h('thead', {}, head), body)),
    panel,
  );
});
