import { renderCoverageSvg, xmlText } from './coverage-svg';

describe('renderCoverageSvg', () => {
  const sectors = [
    { code: 'SMART_OCEAN', nameZh: '智慧海洋' },
    { code: 'SMART_EDUCATION', nameZh: '智慧教育' },
  ];
  const cell = (park: string, nameZh: string, sector: string, n: number) => ({
    park: { id: park, nameZh },
    sector: { code: sector },
    enterpriseCount: n,
    scenarioCount: 0,
    platformCount: 1,
  });

  it('writes one cell per park and sector with the firm count, in Chinese', () => {
    const svg = renderCoverageSvg({
      sectors,
      cells: [
        cell('P1', '崂山区人工智能产业园', 'SMART_OCEAN', 7),
        cell('P1', '崂山区人工智能产业园', 'SMART_EDUCATION', 0),
        cell('P2', '西海岸<新区>', 'SMART_OCEAN', 3),
      ],
    });
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(svg).toContain('>智慧海洋</text>');
    expect(svg).toContain('崂山区人工智能产业园');
    expect(svg).toContain('西海岸&lt;新区&gt;');
    expect(svg.match(/<rect x=/g)).toHaveLength(4); // 2 parks × 2 sectors
    expect(svg).toMatch(/>7<\/text><\/g>/);
    expect(svg).toMatch(/>3<\/text><\/g>/);
  });

  it('escapes markup and drops characters XML forbids', () => {
    expect(xmlText('a&b<c>"d\'\u0001')).toBe('a&amp;b&lt;c&gt;&quot;d&apos;');
  });
});
