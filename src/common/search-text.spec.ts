import { normalizeSearchText, searchColumns, shortName, SEARCH_SEPARATOR as S } from './search-text';
import { parseSearchQuery, searchRank } from './search-query';

describe('search columns', () => {
  it('stores every name normalised, with full pinyin and initials of the Chinese ones', () => {
    const c = searchColumns('崂山区人工智能产业园', 'Laoshan AI Park', ['青岛智算谷']);
    expect(c.searchText).toBe(`${S}崂山区人工智能产业园${S}laoshan ai park${S}青岛智算谷${S}崂山人工智能产业园${S}`);
    expect(c.searchPinyin).toBe(`${S}laoshanqurengongzhinengchanyeyuan${S}qingdaozhisuangu${S}laoshanrengongzhinengchanyeyuan${S}`);
    expect(c.searchInitials).toBe(`${S}lsqrgzncyy${S}qdzsg${S}lsrgzncyy${S}`);
    expect(c.namePinyin).toBe('lao shan qu ren gong zhi neng chan ye yuan');
  });

  it('adds the spoken short form of names that carry a Qingdao division, and only of those', () => {
    expect(shortName('崂山区人工智能产业园')).toBe('崂山人工智能产业园');
    expect(shortName('青岛市崂山区示例科技有限公司')).toBe('青岛崂山示例科技有限公司');
    expect(shortName('西海岸新区光谷软件园')).toBe('西海岸光谷软件园');
    expect(shortName('示例区块链科技有限公司')).toBeNull(); // 区块链 is blockchain, not a district
    expect(shortName('Laoshan AI Park')).toBeNull();
    expect(searchColumns('示例区块链科技有限公司').searchInitials).toBe(`${S}slqklkjyxgs${S}`);
  });

  it('reads polyphonic characters (多音字) in context', () => {
    expect(searchColumns('重庆长安').searchPinyin).toBe(`${S}chongqingchangan${S}`);
    expect(searchColumns('银行').searchPinyin).toBe(`${S}yinhang${S}`);
    expect(searchColumns('行长').searchInitials).toBe(`${S}hz${S}`);
    expect(searchColumns('绿色').searchPinyin).toBe(`${S}lvse${S}`);
  });

  it('keeps Latin letters inside Chinese names and drops punctuation from pinyin', () => {
    const c = searchColumns('博物馆AI讲解员（示例）');
    expect(c.searchPinyin).toBe(`${S}bowuguanaijiangjieyuanshili${S}`);
    expect(c.searchText).toBe(`${S}博物馆ai讲解员(示例)${S}`);
  });

  it('has no pinyin for names without Chinese, and skips empty names', () => {
    const c = searchColumns('Acme', '', ['  ']);
    expect(c.searchText).toBe(`${S}acme${S}`);
    expect(c.searchPinyin).toBe('');
  });
});

describe('search queries', () => {
  it('normalise traditional characters, Taiwan vocabulary, full-width letters and case', () => {
    expect(normalizeSearchText('嶗山 人工智慧')).toBe('崂山 人工智能');
    expect(normalizeSearchText('ＬａｏＳｈａｎ')).toBe('laoshan');
  });

  it('read as pinyin only when made of letters, digits, spaces and apostrophes', () => {
    expect(parseSearchQuery(' Lao  Shan ', 'q')).toEqual({ text: 'lao shan', pinyin: 'laoshan' });
    expect(parseSearchQuery("xi'an", 'q')).toEqual({ text: "xi'an", pinyin: 'xian' });
    expect(parseSearchQuery('崂山', 'q')).toEqual({ text: '崂山', pinyin: null });
    expect(parseSearchQuery(null, 'q')).toBeNull();
  });

  it('refuse empty, blank and over-long text', () => {
    expect(() => parseSearchQuery('', 'q')).toThrow(/empty/);
    expect(() => parseSearchQuery('   ', 'q')).toThrow(/empty/);
    expect(() => parseSearchQuery('a'.repeat(201), 'q')).toThrow(/200/);
    expect(parseSearchQuery('海'.repeat(200), 'q')).not.toBeNull();
  });

  it('escape LIKE wildcards in the rank patterns', () => {
    const [, bindings] = searchRank('e', parseSearchQuery('50%_a\\', 'q')!);
    expect(bindings[0]).toBe(`%${S}50\\%\\_a\\\\${S}%`);
  });
});
