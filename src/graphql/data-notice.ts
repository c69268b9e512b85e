import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLObjectType, GraphQLSchema, getNamedType } from 'graphql';
import type { Context } from '../common/context';

/** The extension key a response carries its notice under. */
export const DATA_NOTICE_EXTENSION = 'dataNotice';

type KindOf = (value: Record<string, unknown>) => { kind: string | null; key: string } | null;

/** How to read the provenance of a resolved object of `type`, or null when it has none. */
function provenanceReader(type: GraphQLObjectType): KindOf | null {
  const fields = type.getFields();
  const name = type.name;
  const keyOf = (v: Record<string, unknown>) => `${name}:${String(v.id ?? v.code ?? v.key ?? '')}`;
  if (fields.provenance && getNamedType(fields.provenance.type).name === 'Provenance') {
    return (v) => ({ kind: ((v.provenance as { kind?: string } | undefined)?.kind as string | undefined) ?? null, key: keyOf(v) });
  }
  if (fields.provenanceKind) return (v) => ({ kind: (v.provenanceKind as string | undefined) ?? null, key: keyOf(v) });
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
    const read = provenanceReader(type);
    if (read) {
      type.isTypeOf = (value, context: Context, info) => {
        const found = read(value as Record<string, unknown>);
        if (found) context.provenance?.noteRecord(found.kind, found.key);
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
