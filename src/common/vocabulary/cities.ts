import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';

/** A prefecture-level city (地级市) or municipality (直辖市) of the reference list, seeds/cities.json. */
export interface CityRecord {
  nameZh: string;
  nameEn: string;
  /** Hanyu pinyin without tones or spaces, ü written v (lvliang). */
  pinyin: string;
  province: string;
  provinceEn: string;
}

export interface CityList {
  records: readonly CityRecord[];
  /** Every accepted spelling (lower-cased) → the cities it can mean. */
  byName: ReadonlyMap<string, readonly CityRecord[]>;
  /** Every accepted spelling of a province (lower-cased) → its Chinese name. */
  provinces: ReadonlyMap<string, string>;
}

/** Qingdao, where a LOCAL firm is headquartered. */
export const QINGDAO = '青岛市';
export const SHANDONG = '山东省';

let loaded: CityList | undefined;

const key = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s'’-]/g, '');

/** Short forms users type: 深圳 for 深圳市, 广西 for 广西壮族自治区, 内蒙古 for 内蒙古自治区. */
function shortForms(name: string): string[] {
  const short = name.replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/, '');
  return short && short !== name ? [name, short] : [name];
}

/** The reference list of cities, read once from seeds/cities.json (see its `source`). */
export function cityList(): CityList {
  if (loaded) return loaded;
  const file = path.join(projectRoot(), 'seeds', 'cities.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { records: CityRecord[] };
  const byName = new Map<string, CityRecord[]>();
  const provinces = new Map<string, string>();
  for (const city of doc.records) {
    for (const name of new Set([...shortForms(city.nameZh), city.nameEn, city.pinyin].map(key))) {
      const list = byName.get(name) ?? [];
      list.push(city);
      byName.set(name, list);
    }
    for (const name of [...shortForms(city.province), city.provinceEn]) provinces.set(key(name), city.province);
  }
  loaded = { records: doc.records, byName, provinces };
  return loaded;
}

export type CityLookup = { city: CityRecord } | { error: string };

/**
 * The city a name stands for: Chinese with or without 市 (深圳市, 深圳), English or pinyin
 * (Shenzhen, shenzhen). A name two cities share (Suzhou: 苏州市 and 宿州市) must be given in Chinese.
 */
export function lookupCity(name: string): CityLookup {
  const found = cityList().byName.get(key(name)) ?? [];
  if (found.length === 1) return { city: found[0] };
  if (found.length > 1) {
    return { error: `"${name}" can mean ${found.map((c) => `${c.nameZh} (${c.province})`).join(' or ')}; give the Chinese name.` };
  }
  return {
    error: `"${name}" is not a prefecture-level city of the reference list (地级市 or 直辖市, e.g. 深圳市, Shenzhen); see Query.cities.`,
  };
}

/** The Chinese name of a province (省级行政区) from any accepted spelling, or null. */
export function lookupProvince(name: string): string | null {
  return cityList().provinces.get(key(name)) ?? null;
}

/** The record of a stored city name (the column holds the Chinese name of a listed city). */
export function cityByStoredName(nameZh: string): CityRecord | null {
  return (
    cityList()
      .byName.get(key(nameZh))
      ?.find((c) => c.nameZh === nameZh) ?? null
  );
}

/** The English name of a province given in Chinese ('' when it is not listed). */
export function provinceEnglish(nameZh: string): string {
  return cityList().records.find((c) => c.province === nameZh)?.provinceEn ?? '';
}
