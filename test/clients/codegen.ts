import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator's client preset against the live API (introspection), with the API's
 * scalar map: without it every custom scalar comes out as `unknown`. The runner sets
 * CLIENT_API_URL; a third-party project would write its endpoint there.
 */
export const scalars = {
  Date: 'string',
  DateTimeISO: 'string',
  JSONObject: 'Record<string, unknown>',
  Latitude: 'number',
  Longitude: 'number',
  URL: 'string',
} as const;

const config: CodegenConfig = {
  schema: process.env.CLIENT_API_URL ?? 'http://localhost:4000/graphql',
  documents: ['test/clients/typed.ts'],
  ignoreNoDocuments: false,
  generates: {
    [process.env.CLIENT_GQL_DIR ?? 'test/clients/gql/']: {
      // ESM-style imports (.js extensions), for projects compiled with module nodenext.
      preset: 'client',
      config: { scalars, enumsAsTypes: true, useTypeImports: true, emitLegacyCommonJSImports: false },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
