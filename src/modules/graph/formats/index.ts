import { csvZipFormat } from './csv-zip.format';
import { cytoscapeFormat } from './cytoscape.format';
import type { GraphFormat } from './format';
import { gexfFormat } from './gexf.format';
import { graphmlFormat } from './graphml.format';
import { jgfFormat } from './jgf.format';

export type { ExportMeta, GraphFormat } from './format';

/** Every export format, in the order the docs and error messages list them. */
export const GRAPH_FORMATS: readonly GraphFormat[] = [graphmlFormat, gexfFormat, cytoscapeFormat, jgfFormat, csvZipFormat];

/** The format served at `graph.<extension>`, or undefined. */
export function formatByExtension(extension: string): GraphFormat | undefined {
  return GRAPH_FORMATS.find((f) => f.extension === extension);
}

/** The format a CLI user names: its name or its extension. */
export function formatByName(name: string): GraphFormat | undefined {
  const n = name.toLowerCase().replace(/^\./, '');
  return GRAPH_FORMATS.find((f) => f.name === n || f.extension === n);
}
