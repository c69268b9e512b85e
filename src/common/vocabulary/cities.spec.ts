import { cityByStoredName, cityList, lookupCity, lookupProvince, provinceEnglish, QINGDAO, SHANDONG } from './cities';

describe('the reference list of cities', () => {
  const { records } = cityList();

  it('holds the 293 prefecture-level cities and 4 municipalities, each once, in 31 provinces', () => {
    expect(records).toHaveLength(297);
    expect(new Set(records.map((c) => c.nameZh)).size).toBe(297);
    expect(new Set(records.map((c) => c.province)).size).toBe(31);
    for (const c of records) {
      expect(c.nameZh).toMatch(/市$/);
      expect(c.pinyin).toMatch(/^[a-z]+$/);
      expect(c.nameEn).toMatch(/^[A-Z][A-Za-z'ü]+$/);
      expect(c.provinceEn).not.toBe('');
    }
    expect(records.filter((c) => c.province === SHANDONG)).toHaveLength(16);
  });

  it('reads a city in Chinese with or without 市, in English or in pinyin', () => {
    for (const name of ['青岛市', '青岛', 'Qingdao', 'qingdao', ' QINGDAO ']) expect(lookupCity(name)).toEqual({ city: cityByStoredName(QINGDAO) });
    expect(lookupCity("Xi'an")).toMatchObject({ city: { nameZh: '西安市', pinyin: 'xian' } });
    expect(lookupCity('Harbin')).toMatchObject({ city: { nameZh: '哈尔滨市', pinyin: 'haerbin' } });
    expect(lookupCity('重庆')).toMatchObject({ city: { nameZh: '重庆市', pinyin: 'chongqing', province: '重庆市' } });
    expect(lookupCity('六安')).toMatchObject({ city: { pinyin: 'luan', nameEn: "Lu'an" } });
  });

  it('refuses an unknown name and asks for Chinese when a spelling names two cities', () => {
    expect(lookupCity('Gotham')).toEqual({ error: expect.stringMatching(/Gotham.*not a prefecture-level city/) });
    for (const [name, a, b] of [
      ['Suzhou', '苏州市', '宿州市'],
      ['Taizhou', '泰州市', '台州市'],
      ['fuzhou', '福州市', '抚州市'],
      ['Yichun', '伊春市', '宜春市'],
      ['Yulin', '玉林市', '榆林市'],
    ]) {
      const found = lookupCity(name);
      expect('error' in found && found.error).toMatch(a);
      expect('error' in found && found.error).toMatch(b);
    }
    expect(lookupCity('苏州')).toMatchObject({ city: { nameZh: '苏州市', province: '江苏省' } });
  });

  it('reads a province in full, short or English form', () => {
    for (const name of ['广西壮族自治区', '广西', 'Guangxi']) expect(lookupProvince(name)).toBe('广西壮族自治区');
    expect(lookupProvince('Shaanxi')).toBe('陕西省');
    expect(lookupProvince('Shanxi')).toBe('山西省');
    expect(lookupProvince('Atlantis')).toBeNull();
    expect(provinceEnglish('内蒙古自治区')).toBe('Inner Mongolia');
  });
});
