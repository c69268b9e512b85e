import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { print } from 'graphql';
import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { ALL_TYPES, registerCacheInvalidator } from '../common/cache-invalidation';
import type { Context } from '../common/context';
import { entityTypes, operationTags } from './operation-tags';

/**
 * Where cached responses and the per-type generation counters live. An entry remembers the
 * generations of its tags when its computation started; a write bumps the generations of the
 * types it touched, so every entry computed before is stale without being found and deleted.
 */
export interface ResponseStore {
  /** The entry under `key` if it is still current, and the current generations of `tags`. */
  lookup(key: string, tags: readonly string[]): Promise<{ data?: unknown; extensions?: CachedExtensions; generations: number[] }>;
  save(key: string, generations: readonly number[], data: unknown, extensions?: CachedExtensions): Promise<void>;
  bump(types: readonly string[]): Promise<void>;
}

/** Response extensions that describe the data (not the request), kept and served with it. */
export type CachedExtensions = Record<string, unknown>;

/** Extensions stored with a cached answer: the data notice says what the data rests on. */
const DATA_EXTENSIONS = ['dataNotice'];

interface Entry {
  generations: readonly number[];
  data: unknown;
  extensions?: CachedExtensions;
}

/** The cache of one process: an LRU bounded by the size of the stored answers. */
export class MemoryResponseStore implements ResponseStore {
  private readonly entries: LRUCache<string, Entry>;
  private readonly generations = new Map<string, number>();

  constructor(ttlSeconds: number, maxBytes = 64 * 1024 * 1024) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.data).length),
      ttl: ttlSeconds * 1000,
    });
  }

  async lookup(key: string, tags: readonly string[]) {
    const generations = tags.map((t) => this.generations.get(t) ?? 0);
    const entry = this.entries.get(key);
    if (entry && sameGenerations(entry.generations, generations)) return { data: entry.data, extensions: entry.extensions, generations };
    return { generations };
  }

  async save(key: string, generations: readonly number[], data: unknown, extensions?: CachedExtensions) {
    this.entries.set(key, { generations, data, extensions });
  }

  async bump(types: readonly string[]) {
    for (const t of types) this.generations.set(t, (this.generations.get(t) ?? 0) + 1);
  }
}

/**
 * The cache shared by every process on one Redis: answers under `<prefix>r:<hash>` with a TTL,
 * generations under `<prefix>g:<Type>` (INCR on write). A lookup is one round trip.
 */
export class RedisResponseStore implements ResponseStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    private readonly prefix: string,
  ) {}

  async lookup(key: string, tags: readonly string[]) {
    const pipeline = this.redis.pipeline().get(`${this.prefix}r:${key}`);
    if (tags.length) pipeline.mget(tags.map((t) => `${this.prefix}g:${t}`));
    const results = (await pipeline.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    const raw = results[0]?.[1] as string | null;
    const generations = tags.length ? (results[1][1] as Array<string | null>).map((g) => Number(g ?? 0)) : [];
    if (raw) {
      const entry = JSON.parse(raw) as Entry;
      if (sameGenerations(entry.generations, generations)) return { data: entry.data, extensions: entry.extensions, generations };
    }
    return { generations };
  }

  async save(key: string, generations: readonly number[], data: unknown, extensions?: CachedExtensions) {
    await this.redis.set(`${this.prefix}r:${key}`, JSON.stringify({ generations, data, extensions }), 'EX', this.ttlSeconds);
  }

  async bump(types: readonly string[]) {
    const pipeline = this.redis.pipeline();
    for (const t of types) pipeline.incr(`${this.prefix}g:${t}`);
    await pipeline.exec();
  }
}

function sameGenerations(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((g, i) => g === b[i]);
}

export interface ResponseCacheOptions {
  store: ResponseStore;
  /** max-age sent to shared caches (CDNs) for anonymous GETs of persisted queries. */
  ttlSeconds: number;
  logger: Logger;
}

interface RequestState {
  key?: string;
  generations?: number[];
  hit: boolean;
}

/** An anonymous caller sends no credentials; only their reads are cached and shared. */
export function isAnonymous(requestContext: GraphQLRequestContext<Context>): boolean {
  const headers = requestContext.request.http?.headers;
  return !headers?.get('authorization');
}

/**
 * Full-response cache for anonymous queries, keyed by the normalized operation (the printed
 * document), its name and its variables, invalidated through per-type generations (see
 * {@link operationTags} and `invalidateCache`). Responses say `x-cache: HIT|MISS|BYPASS`, and
 * carry `Cache-Control: public, max-age=N` only on anonymous GETs of persisted queries without
 * errors (a CDN may keep those), `private, no-store` otherwise.
 */
export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<Context> & { unregister(): void } {
  const { store, ttlSeconds, logger } = options;
  let everything: string[] = [];
  const unregister = registerCacheInvalidator((types) =>
    store.bump(types.includes(ALL_TYPES) ? everything : types).catch((error: Error) => {
      logger.error({ err: error, types }, 'could not invalidate the response cache');
    }),
  );
  return {
    unregister,
    async serverWillStart({ schema }) {
      everything = [...entityTypes(schema)];
    },
    async requestDidStart() {
      const state: RequestState = { hit: false };
      return {
        async responseForOperation(requestContext) {
          // No operation when the document holds several and operationName names none: execution answers that.
          if (requestContext.operation?.operation !== 'query' || !isAnonymous(requestContext)) return null;
          const tags = operationTags(requestContext.schema, requestContext.document);
          const key = createHash('sha256')
            .update(printed(requestContext.document))
            .update('\u0000')
            .update(requestContext.operationName ?? '')
            .update('\u0000')
            .update(JSON.stringify(requestContext.request.variables ?? {}))
            .digest('hex');
          try {
            const found = await store.lookup(key, tags);
            state.key = key;
            state.generations = found.generations;
            if (found.data === undefined) return null;
            state.hit = true;
            const singleResult = { data: found.data as Record<string, unknown>, ...(found.extensions ? { extensions: { ...found.extensions } } : {}) };
            return { http: requestContext.response.http, body: { kind: 'single', singleResult } };
          } catch (error) {
            logger.warn({ err: error }, 'response cache unavailable; answering uncached');
            return null;
          }
        },
        async willSendResponse(requestContext) {
          const { response, request } = requestContext;
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const clean = single !== undefined && !single.errors?.length && single.data != null;
          const headers = response.http.headers;
          headers.set('x-cache', state.hit ? 'HIT' : state.key ? 'MISS' : 'BYPASS');
          const persisted = request.extensions?.persistedQuery !== undefined;
          const publicGet = clean && persisted && request.http?.method === 'GET' && isAnonymous(requestContext) && requestContext.operation?.operation === 'query';
          headers.set('cache-control', publicGet ? `public, max-age=${ttlSeconds}` : 'private, no-store');
          if (!state.hit && state.key && state.generations && clean) {
            const kept = Object.entries(single.extensions ?? {}).filter(([name]) => DATA_EXTENSIONS.includes(name));
            await store.save(state.key, state.generations, single.data, kept.length ? Object.fromEntries(kept) : undefined).catch((error: Error) => {
              logger.warn({ err: error }, 'could not store a response in the cache');
            });
          }
        },
      };
    },
  };
}

const printedMemo = new WeakMap<object, string>();

/** The normalized text of a document; Apollo reuses parsed documents, so this runs once per text. */
function printed(document: Parameters<typeof print>[0]): string {
  let text = printedMemo.get(document);
  if (text === undefined) {
    text = print(document);
    printedMemo.set(document, text);
  }
  return text;
}
