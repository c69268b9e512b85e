import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Readable } from 'node:stream';
import { dataNoticeFor } from '../../common/data-notice';
import { GraphFilterInput, ResolvedGraphFilter } from './graph.filter';
import { GraphFormat } from './formats';
import { GraphSnapshotMode, GraphSourceOptions, openGraphSnapshot } from './graph.service';

export const EXPORT_TITLE = '青岛人工智能产业生态关系图 Qingdao AI ecosystem relation graph';

/** Says in words which part of the graph a filter selected, for the file's own description. */
export function describeFilter(input: GraphFilterInput, filter: ResolvedGraphFilter): string {
  const parts: string[] = [];
  if (filter.sectors) parts.push(`sectors ${filter.sectors.join(', ')}`);
  if (input.parkIds?.length) parts.push(`parks ${input.parkIds.join(', ')}`);
  if (input.districts?.length) parts.push(`districts ${input.districts.join(', ')}`);
  if (input.nodeKinds?.length) parts.push(`node kinds ${[...filter.nodeKinds].join(', ')}`);
  if (input.edgeKinds?.length) parts.push(`edge kinds ${[...filter.edgeKinds].join(', ')}`);
  if (filter.provenanceKinds) parts.push(`provenance kinds ${filter.provenanceKinds.join(', ')}`);
  if (input.around) parts.push(`ego network of ${input.around}, depth ${input.depth ?? 1}`);
  return parts.length ? `Filtered: ${parts.join('; ')}.` : 'The whole graph.';
}

/**
 * How an export keeps to one snapshot on each database (see {@link GraphSnapshotMode}): PostgreSQL
 * holds a REPEATABLE READ transaction on one pooled connection for the download; the embedded
 * database, whose one session serves every request, keeps the rows in cursors instead.
 */
export function snapshotModeFor(database: 'postgresql' | 'pglite'): GraphSnapshotMode {
  return database === 'postgresql' ? 'transaction' : 'cursors';
}

export interface ExportOptions extends GraphSourceOptions {
  /** How the file is kept to one snapshot; `transaction` unless the database needs cursors. */
  snapshot?: GraphSnapshotMode;
  /** Told when ending the snapshot failed after the stream closed (the file itself is complete). */
  onCloseError?: (error: Error) => void;
}

/**
 * Opens the graph a filter selects and returns the export as a stream in `format`. The whole
 * file, its counts included, is read from one snapshot, which ends when the stream closes
 * (finished, failed or destroyed).
 */
export async function exportGraph(em: SqlEntityManager, format: GraphFormat, input: GraphFilterInput, options: ExportOptions = {}): Promise<Readable> {
  const source = await openGraphSnapshot(em, input, options.snapshot ?? 'transaction', options);
  let stream: Readable;
  try {
    const notice = dataNoticeFor(await source.countByProvenance());
    // The notice leads the description, so every format that has one (GraphML, GEXF, JSON) carries it.
    const description = `${notice ? `${notice.message} ` : ''}${describeFilter(input, source.filter)}`;
    stream = format.open(source, { title: EXPORT_TITLE, description, generatedAt: new Date(), notice });
  } catch (error) {
    await source.close().catch(() => undefined);
    throw error;
  }
  stream.once('close', () => {
    source.close().catch((error: Error) => options.onCloseError?.(error));
  });
  return stream;
}
