import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLObjectType, GraphQLSchema, getNamedType } from 'graphql';
import type { Context } from '../common/context';

/** The extension key a response carries its notice under. */
export const DATA_NOTICE_EXTENSION = 'dataNotice';

/** Reads the provenance kind of a resolved object of a type, or undefined. */
type KindOf = (value: Record<string, unknown>) => string | undefined;

/** How to read the provenance kind of a resolved object of `type`, or null when it has none. */
function kindReader(type: GraphQLObjectType): KindOf | null {
  const fields = type.getFields();
  if (fields.provenance && getNamedType(fields.provenance.type).name === 'Provenance') {
    return (v) => (v.provenance as { kind?: string } | undefined)?.kind;
  }
  if (fields.provenanceKind) return (v) => v.provenanceKind as string | undefined;
  return null;
}

/**
 * Makes every object type whose records carry a provenance note each record it completes into
 * the request's {@link Context.provenance}. It hooks `isTypeOf`, which graphql-js calls exactly
 * once per object it puts into the answer, so records loaded but not shown are not counted, and
 * the cost is one Set lookup per record. Types that report counted sample records beside a figure
 * (a `sampleRecords` field, as the action plan's targets do) add those to the tally.
 */
export function instrumentProvenance(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const original = type.isTypeOf;
    const read = kindReader(type);
    if (read) {
      const prefix = `${type.name}:`;
      type.isTypeOf = (value, context: Context, info) => {
        const v = value as Record<string, unknown>;
        const kind = read(v);
        // The key (type and id) is only built for a kind, so a record shown twice counts once.
        if (kind) context.provenance?.noteRecord(kind, prefix + String(v.id ?? v.code ?? v.key ?? ''));
        return original ? original(value, context, info) : true;
      };
    } else if (type.getFields().sampleRecords) {
      const name = type.name;
      type.isTypeOf = (value, context: Context, info) => {
        const v = value as Record<string, unknown>;
        const n = Number(v.sampleRecords ?? 0);
        // Several figures can count the same records (a metric shared by targets of two years):
        // one entry per metric, keyed like a record.
        if (n > 0) context.provenance?.noteCountedOnce(`${name}:${String(v.metric ?? v.key ?? '')}`, 'SAMPLE', n);
        return original ? original(value, context, info) : true;
      };
    }
  }
}

/**
 * Adds `extensions.dataNotice` to a response whose data shows or counts sample or synthetic
 * records: counts per provenance kind and a one-line notice in Chinese and English. A response
 * without it rests on cited or user-entered records only. Registered before the response cache,
 * which stores the notice with the data it describes.
 */
export const dataNoticePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.data == null) return;
        const notice = contextValue.provenance?.notice();
        if (notice) result.extensions = { ...result.extensions, [DATA_NOTICE_EXTENSION]: notice };
      },
    };
  },
};
