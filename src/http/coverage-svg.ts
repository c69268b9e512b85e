/** Park × sector coverage as a standalone SVG document, for reports. Pure: data in, text out. */

export interface CoverageSvgInput {
  sectors: Array<{ code: string; nameZh: string }>;
  cells: Array<{ park: { id: string; nameZh: string }; sector: { code: string }; enterpriseCount: number; scenarioCount: number; platformCount: number }>;
  /** Shown under the title, e.g. the date the file was made. */
  subtitle?: string;
  /** What the counts rest on when they include sample or synthetic records (the API's data notice). */
  notice?: { message: string; counts: Record<string, number> } | null;
}

const CELL_W = 92;
const CELL_H = 46;
const LABEL_W = 250;
const TOP = 96;
const FONT = `'Noto Sans CJK SC','WenQuanYi Zen Hei','PingFang SC','Microsoft YaHei',sans-serif`;

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- keeps tab, line feed and carriage return, the control characters XML allows
      .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string)
  );
}

/** Lightness falls as the firm count rises; the same scale as the page at /explore/coverage. */
export function cellFill(count: number, max: number): string {
  if (count === 0 || max === 0) return '#f6f7f9';
  const t = 0.15 + 0.85 * (count / max);
  return `hsl(212, 70%, ${Math.round(96 - t * 58)}%)`;
}

/** Renders the matrix: parks in rows (in the order given), sectors in columns, firm counts in cells. */
export function renderCoverageSvg(input: CoverageSvgInput): string {
  const parks = new Map<string, string>();
  const byKey = new Map<string, CoverageSvgInput['cells'][number]>();
  for (const c of input.cells) {
    parks.set(c.park.id, c.park.nameZh);
    byKey.set(`${c.park.id}|${c.sector.code}`, c);
  }
  const max = Math.max(0, ...input.cells.map((c) => c.enterpriseCount));
  const width = LABEL_W + input.sectors.length * CELL_W + 20;
  const height = TOP + parks.size * CELL_H + 40;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    '<title>园区 × 领域 覆盖矩阵 Park × sector coverage</title>',
    `<desc>每格数字为该园区在该领域的企业数。 Each number is the count of firms of that park in that sector.${input.subtitle ? ` ${xmlText(input.subtitle)}` : ''}${
      input.notice ? ` ${xmlText(input.notice.message)}` : ''
    }</desc>`,
    // Machine-readable: the same counts per provenance kind as the API's extensions.dataNotice.
    ...(input.notice ? [`<metadata id="data-notice">${xmlText(JSON.stringify(input.notice))}</metadata>`] : []),
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="30" font-size="20" font-weight="bold" fill="#1d2733">园区 × 领域 覆盖矩阵 <tspan font-size="14" font-weight="normal" fill="#5c6b7a">Park × sector coverage · 企业数 firms</tspan></text>`,
  ];
  if (input.subtitle) out.push(`<text x="16" y="52" font-size="12" fill="#5c6b7a">${xmlText(input.subtitle)}</text>`);
  if (input.notice) {
    out.push(`<text x="16" y="70" font-size="11" font-weight="bold" fill="#b3261e" class="data-notice">⚠ ${xmlText(input.notice.message)}</text>`);
  }
  input.sectors.forEach((s, j) => {
    const x = LABEL_W + j * CELL_W + CELL_W / 2;
    out.push(`<text x="${x}" y="${TOP - 12}" font-size="13" text-anchor="middle" fill="#1d2733">${xmlText(s.nameZh)}</text>`);
  });
  let i = 0;
  for (const [parkId, nameZh] of parks) {
    const y = TOP + i * CELL_H;
    const label = nameZh.length > 16 ? `${nameZh.slice(0, 15)}…` : nameZh;
    out.push(
      `<text x="${LABEL_W - 10}" y="${y + CELL_H / 2 + 5}" font-size="13" text-anchor="end" fill="#1d2733"><title>${xmlText(nameZh)}</title>${xmlText(label)}</text>`,
    );
    input.sectors.forEach((s, j) => {
      const c = byKey.get(`${parkId}|${s.code}`);
      const n = c?.enterpriseCount ?? 0;
      const x = LABEL_W + j * CELL_W;
      const dark = max > 0 && n / max > 0.5;
      out.push(
        `<g><title>${xmlText(`${nameZh} · ${s.nameZh}: 企业 ${n}, 场景 ${c?.scenarioCount ?? 0}, 平台 ${c?.platformCount ?? 0}`)}</title>` +
          `<rect x="${x + 2}" y="${y + 2}" width="${CELL_W - 4}" height="${CELL_H - 4}" rx="4" fill="${cellFill(n, max)}"/>` +
          `<text x="${x + CELL_W / 2}" y="${y + CELL_H / 2 + 6}" font-size="16" font-weight="bold" text-anchor="middle" fill="${dark ? '#ffffff' : '#1d2733'}">${n}</text></g>`,
      );
    });
    i++;
  }
  out.push(`<text x="16" y="${height - 14}" font-size="11" fill="#5c6b7a">来源 Source: 青岛人工智能产业生态目录 GraphQL API, query coverage</text>`);
  out.push('</svg>', '');
  return out.join('\n');
}
