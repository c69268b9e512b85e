import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../common/paths';
import { ProvenanceKind } from '../../common/provenance';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { SECTOR_CODES } from '../../modules/sector/sector-code.enum';
import type { SourceEntry } from './seed-files';

interface ChainNodeSeed {
  key: string;
  /** Key of the parent node; null for the three layer roots. */
  parent: string | null;
  /** Only on the roots: children take their root's layer. */
  layer?: ChainLayer;
  sector: string | null;
  nameZh: string;
  nameEn: string;
  source: string;
  sourceNote?: string | null;
}

/** A chain node as the migration inserts it: parents before children, layer and provenance resolved. */
export interface ChainNodeRow {
  key: string;
  parent: string | null;
  layer: ChainLayer;
  sector: string | null;
  nameZh: string;
  nameEn: string;
  position: number;
  provenance: { kind: string; source: string; url: string | null; verifiedAt: string | null; note: string | null };
}

/**
 * Reads seeds/chain-nodes.json (the industry chain map: the segments the plan names, cited, and
 * the editorial ones) with the sources of seeds/sources.json, and checks it: known parents listed
 * before their children, exactly the three layers as roots, known sectors and sources, and no
 * name used twice under one parent.
 */
export function readChainNodeSeeds(root = projectRoot()): ChainNodeRow[] {
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'seeds', 'chain-nodes.json'), 'utf8')) as { records: ChainNodeSeed[] };
  const { sources } = JSON.parse(fs.readFileSync(path.join(root, 'seeds', 'sources.json'), 'utf8')) as { sources: Record<string, SourceEntry> };
  const byKey = new Map<string, ChainNodeRow>();
  const siblingNames = new Set<string>();
  const positions = new Map<string | null, number>();
  for (const r of doc.records) {
    const fail = (why: string) => new Error(`seeds/chain-nodes.json: ${r.key}: ${why}`);
    if (byKey.has(r.key)) throw fail('key used twice');
    const parent = r.parent === null ? null : byKey.get(r.parent);
    if (r.parent !== null && !parent) throw fail(`parent "${r.parent}" is not listed before it`);
    const layer = parent ? parent.layer : r.layer;
    if (!layer || !Object.values(ChainLayer).includes(layer)) throw fail('a root needs one of the three layers');
    if (r.sector !== null && !SECTOR_CODES.includes(r.sector as never)) throw fail(`unknown sector "${r.sector}"`);
    const source = sources[r.source];
    if (!source) throw fail(`cites unknown source "${r.source}"`);
    if (!Object.values(ProvenanceKind).includes(source.kind as ProvenanceKind)) throw fail(`source kind "${source.kind}" is not a provenance kind`);
    const nameKey = `${r.parent}\u0000${r.nameZh.trim()}`;
    if (siblingNames.has(nameKey)) throw fail(`the name "${r.nameZh}" is used twice under one parent`);
    siblingNames.add(nameKey);
    const position = positions.get(r.parent) ?? 0;
    positions.set(r.parent, position + 1);
    byKey.set(r.key, {
      key: r.key,
      parent: r.parent,
      layer,
      sector: r.sector,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      position,
      provenance: { kind: source.kind, source: source.title, url: source.url ?? null, verifiedAt: source.verifiedAt, note: r.sourceNote ?? null },
    });
  }
  if ([...byKey.values()].filter((n) => n.parent === null).length !== 3) throw new Error('seeds/chain-nodes.json: the roots must be the three layers');
  return [...byKey.values()];
}
