import { ProvenanceKind } from './provenance';

/** Kinds whose presence in an answer makes it carry a data notice: records that are not real. */
export const UNREAL_KINDS: readonly ProvenanceKind[] = [ProvenanceKind.SAMPLE, ProvenanceKind.SYNTHETIC];

/** Number of records per provenance kind; kinds with no record are left out. */
export type ProvenanceCounts = Partial<Record<ProvenanceKind, number>>;

/**
 * What `extensions.dataNotice` of a GraphQL response (and the metadata of an export) says: how
 * many records of each provenance kind the answer shows or counts, and a one-line notice.
 */
export interface DataNotice {
  /** Records per provenance kind, every kind present in the answer (cited ones too). */
  counts: ProvenanceCounts;
  /** Sample plus synthetic records among them. */
  unrealRecords: number;
  /** One line, Chinese then English. */
  message: string;
}

/** The notice for these counts, or null when every record is cited or user-entered. */
export function dataNoticeFor(counts: ProvenanceCounts): DataNotice | null {
  const sample = counts.SAMPLE ?? 0;
  const synthetic = counts.SYNTHETIC ?? 0;
  const unrealRecords = sample + synthetic;
  if (unrealRecords === 0) return null;
  const what = [sample ? `${sample} 条示例数据` : '', synthetic ? `${synthetic} 条合成数据` : ''].filter(Boolean).join('、');
  const whatEn = [sample ? `${sample} sample` : '', synthetic ? `${synthetic} synthetic` : ''].filter(Boolean).join(' and ');
  return {
    counts: sortedCounts(counts),
    unrealRecords,
    message: `示例数据：本结果包含${what}（虚构，非真实机构）。 Sample data: this answer includes ${whatEn} record${unrealRecords === 1 ? '' : 's'}, invented, not real organisations.`,
  };
}

function sortedCounts(counts: ProvenanceCounts): ProvenanceCounts {
  const out: ProvenanceCounts = {};
  for (const kind of Object.values(ProvenanceKind)) if (counts[kind]) out[kind] = counts[kind];
  return out;
}

/**
 * The provenance of the records one request shows or counts, gathered while it runs: each
 * record shown is noted once (by type and id), and aggregates add the records they counted.
 * Kept in the request context; costs a Set insertion per record shown.
 */
export class ProvenanceTally {
  private readonly seen = new Set<string>();
  private readonly counts = new Map<string, number>();

  /** A record shown in the answer; `key` identifies it (type and id), so a record shown twice counts once. */
  noteRecord(kind: string | null | undefined, key: string): void {
    if (!kind || this.seen.has(key)) return;
    this.seen.add(key);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  /** Records an aggregate counted (e.g. the firms behind a coverage matrix). */
  noteCounted(counts: ProvenanceCounts | Iterable<readonly [string, number]>): void {
    const entries = Symbol.iterator in counts ? (counts as Iterable<readonly [string, number]>) : Object.entries(counts);
    for (const [kind, n] of entries) if (n) this.counts.set(kind, (this.counts.get(kind) ?? 0) + Number(n));
  }

  /** Records an aggregate counted, once per `key` however often the same figure is shown. */
  noteCountedOnce(key: string, kind: string, n: number): void {
    if (!n || this.seen.has(key)) return;
    this.seen.add(key);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
  }

  get isEmpty(): boolean {
    return this.counts.size === 0;
  }

  /** Counts per kind so far. */
  snapshot(): ProvenanceCounts {
    return Object.fromEntries(this.counts) as ProvenanceCounts;
  }

  /** The notice for what was gathered, or null when nothing sample or synthetic was seen. */
  notice(): DataNotice | null {
    return this.counts.size ? dataNoticeFor(this.snapshot()) : null;
  }
}
