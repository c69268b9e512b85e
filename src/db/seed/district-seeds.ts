import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../common/paths';
import { ProvenanceKind } from '../../common/provenance';
import { DistrictKind } from '../../modules/district/district-kind.enum';
import type { SourceEntry } from './seed-files';

export interface DistrictSeed {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: DistrictKind;
  division: string | null;
  coextensive: boolean;
  aliases: string[];
  source: string;
  sourceNote?: string | null;
}

/** A district reference row as the table stores it, provenance resolved from the file's sources. */
export interface DistrictRow extends Omit<DistrictSeed, 'source' | 'sourceNote'> {
  position: number;
  provenance: { kind: string; source: string; url: string | null; verifiedAt: string | null; note: string | null };
}

/**
 * Reads seeds/districts.json (the district reference with its own sources) and checks it: known
 * kinds and sources, divisions that exist and are divisions, and no name or alias used twice
 * (a filter name must stand for one area).
 */
export function readDistrictSeeds(file = path.join(projectRoot(), 'seeds', 'districts.json')): DistrictRow[] {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { sources: Record<string, SourceEntry>; records: DistrictSeed[] };
  const codes = new Map(doc.records.map((r) => [r.code, r]));
  const names = new Map<string, string>();
  return doc.records.map((r, position) => {
    const fail = (why: string) => new Error(`seeds/districts.json: ${r.code}: ${why}`);
    if (!Object.values(DistrictKind).includes(r.kind)) throw fail(`unknown kind "${r.kind}"`);
    const source = doc.sources[r.source];
    if (!source) throw fail(`cites unknown source "${r.source}"`);
    if (!Object.values(ProvenanceKind).includes(source.kind as ProvenanceKind)) throw fail(`source kind "${source.kind}" is not a provenance kind`);
    if (r.division !== null) {
      const division = codes.get(r.division);
      if (!division || division.kind === DistrictKind.FUNCTIONAL_ZONE) throw fail(`division "${r.division}" is not an administrative division of the file`);
      if (r.kind !== DistrictKind.FUNCTIONAL_ZONE) throw fail('only a functional zone lies in a division');
    }
    if (r.coextensive && r.division === null) throw fail('"coextensive" needs a division');
    for (const name of [r.nameZh, r.nameEn, ...r.aliases]) {
      const key = name.trim().toLowerCase();
      const other = names.get(key);
      if (other && other !== r.code) throw fail(`the name "${name}" is also used by ${other}`);
      names.set(key, r.code);
    }
    return {
      code: r.code,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      kind: r.kind,
      division: r.division,
      coextensive: r.coextensive,
      aliases: r.aliases,
      position,
      provenance: { kind: source.kind, source: source.title, url: source.url ?? null, verifiedAt: source.verifiedAt, note: r.sourceNote ?? null },
    };
  });
}
