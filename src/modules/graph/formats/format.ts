import type { DataNotice } from '../../../common/data-notice';
import type { Readable } from 'node:stream';
import type { GraphSource } from '../graph.service';

/** What every export states about itself. */
export interface ExportMeta {
  title: string;
  description: string;
  generatedAt: Date;
  /** Set when the graph holds sample or synthetic records: counts per provenance kind and a one-line notice. */
  notice?: DataNotice | null;
}

/** One file format of the export. */
export interface GraphFormat {
  /** Name used by the CLI's --format and in messages. */
  name: string;
  /** The URL suffix after "graph.", also the file extension. */
  extension: string;
  contentType: string;
  /** A stream of the file; destroying it stops the reads from the database. */
  open(source: GraphSource, meta: ExportMeta): Readable;
}
