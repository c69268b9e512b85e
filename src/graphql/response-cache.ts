import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { print } from 'graphql';
import type Redis from 'ioredis';
import { RedisBreaker, RedisUnavailableError } from './redis-breaker';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { ALL_TYPES, registerCacheInvalidator } from '../common/cache-invalidation';
import type { Context } from '../common/context';
import { currentReadRoute } from '../common/read-routing';
import { CONFIDENTIAL_TYPE_NAMES } from '../modules/lead/lead.types';
import { entityTypes, operationTags, selectsAnyType } from './operation-tags';

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

/**
 * The cache of one process: an LRU bounded by the bytes of the stored answers (RESPONSE_CACHE_MAX_MB).
 * Answers are kept serialised (UTF-8 outside the JS heap), so the bound is what the process
 * really holds, not a guess at the size of object graphs; one answer may take at most an eighth.
 */
export class MemoryResponseStore implements ResponseStore {
  private readonly entries: LRUCache<string, { generations: readonly number[]; json: Buffer }>;
  private readonly generations = new Map<string, number>();

  constructor(ttlSeconds: number, maxBytes = 32 * 1024 * 1024) {
    this.entries = new LRUCache({
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
      sizeCalculation: (entry) => Math.max(1, entry.json.length + 64),
      ttl: ttlSeconds * 1000,
    });
  }

  /** Bytes the stored answers take (for tests and operators). */
  get size(): number {
    return this.entries.calculatedSize;
  }

  async lookup(key: string, tags: readonly string[]) {
    const generations = tags.map((t) => this.generations.get(t) ?? 0);
    const entry = this.entries.get(key);
    if (entry && sameGenerations(entry.generations, generations)) {
      const stored = JSON.parse(entry.json.toString('utf8')) as { data: unknown; extensions?: CachedExtensions };
      return { data: stored.data, extensions: stored.extensions, generations };
    }
    return { generations };
  }

  async save(key: string, generations: readonly number[], data: unknown, extensions?: CachedExtensions) {
    this.entries.set(key, { generations, json: Buffer.from(JSON.stringify({ data, extensions }), 'utf8') });
  }

  async bump(types: readonly string[]) {
    for (const t of types) this.generations.set(t, (this.generations.get(t) ?? 0) + 1);
  }
}

/** How often a distrusted store tries to catch up while nothing asks it to (Redis may still be away). */
const CATCH_UP_RETRY_MS = 1000;

/**
 * The cache shared by every process on one Redis: answers under `<prefix>r:<hash>` with a TTL,
 * generations under `<prefix>g:<Type>` (INCR on write). A lookup is one round trip.
 *
 * Every call goes through the breaker (a deadline of REDIS_TIMEOUT_MS, then fail fast while Redis
 * is away): the cache is bypassed during an outage. A write made while its invalidation could not
 * reach Redis would leave stale answers there, so the store is then *distrusted*: after any failed
 * invalidation, whenever the breaker closes again, and when another process reports a lost
 * invalidation of its own ({@link distrust}), it answers nothing until it has bumped every type's
 * generation. It tries that in the background too, so the stale answers are made stale soon after
 * Redis returns even when no request comes. A lost invalidation is reported to the other
 * processes through `onLostInvalidation` before the write answers.
 */
export class RedisResponseStore implements ResponseStore {
  private catchingUp = false;
  /** Counts distrusts, so a catch-up that began before a newer one does not clear it. */
  private distrusts = 0;
  private retry?: NodeJS.Timeout;
  private allTypes: readonly string[] = [];
  private lostInvalidation?: () => Promise<void>;

  constructor(
    private readonly breaker: RedisBreaker,
    private readonly ttlSeconds: number,
    private readonly prefix: string,
  ) {
    breaker.onRecover(async () => {
      this.distrust();
      await this.catchUp();
    });
  }

  /** The types to bump after an outage: every entity type of the schema. */
  knowTypes(types: readonly string[]): void {
    this.allTypes = types;
  }

  /** Called (and awaited) when a write's invalidation could not reach Redis: tell the other processes. */
  onLostInvalidation(listener: () => Promise<void>): void {
    this.lostInvalidation = listener;
  }

  /**
   * Stops serving from Redis until every type's generation has been bumped: a write somewhere may
   * have committed without its invalidation reaching Redis.
   */
  distrust(): void {
    this.catchingUp = true;
    this.distrusts++;
    this.retryLater();
  }

  /** Stops the background catch-up (on shutdown). */
  stop(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
  }

  private retryLater(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.catchingUp) this.catchUp().catch(() => this.retryLater());
    }, CATCH_UP_RETRY_MS);
    this.retry.unref();
  }

  private async catchUp(): Promise<void> {
    const distrusts = this.distrusts;
    const pipeline = (redis: Redis) => {
      const p = redis.pipeline();
      for (const t of this.allTypes) p.incr(`${this.prefix}g:${t}`);
      return p.exec().then(succeeded);
    };
    await this.breaker.call(pipeline);
    // A distrust that arrived meanwhile may be about a write that committed after these bumps.
    if (distrusts === this.distrusts) this.catchingUp = false;
    else this.retryLater();
  }

  async lookup(key: string, tags: readonly string[]) {
    if (this.catchingUp) await this.catchUp();
    const distrusts = this.distrusts;
    const results = await this.breaker.call(async (redis) => {
      const pipeline = redis.pipeline().get(`${this.prefix}r:${key}`);
      if (tags.length) pipeline.mget(tags.map((t) => `${this.prefix}g:${t}`));
      return succeeded(await pipeline.exec());
    });
    // Distrusted (a breaker that closed, a lost invalidation) while this lookup was on its way: do not trust it.
    if (this.catchingUp || distrusts !== this.distrusts) throw new RedisUnavailableError('the response cache is catching up after a Redis outage');
    const raw = results[0]?.[1] as string | null;
    const generations = tags.length ? (results[1][1] as Array<string | null>).map((g) => Number(g ?? 0)) : [];
    if (raw) {
      const entry = JSON.parse(raw) as Entry;
      if (sameGenerations(entry.generations, generations)) return { data: entry.data, extensions: entry.extensions, generations };
    }
    return { generations };
  }

  async save(key: string, generations: readonly number[], data: unknown, extensions?: CachedExtensions) {
    if (this.catchingUp) return;
    await this.breaker.call((redis) => redis.set(`${this.prefix}r:${key}`, JSON.stringify({ generations, data, extensions }), 'EX', this.ttlSeconds));
  }

  async bump(types: readonly string[]) {
    try {
      await this.breaker.call(async (redis) => {
        const pipeline = redis.pipeline();
        for (const t of types) pipeline.incr(`${this.prefix}g:${t}`);
        succeeded(await pipeline.exec());
      });
    } catch (error) {
      this.distrust();
      await this.lostInvalidation?.().catch(() => undefined);
      throw error;
    }
  }
}

/** A pipeline's results, or its first command's error: a pipeline resolves even when its commands fail. */
function succeeded(results: Array<[Error | null, unknown]> | null): Array<[Error | null, unknown]> {
  for (const [error] of results ?? []) if (error) throw error;
  return results ?? [];
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
 * Whether an answer may be kept by shared caches (CDNs) and handed to other callers: an anonymous
 * GET of a persisted query, answered without errors. Such an answer carries nothing about its
 * first caller (no `extensions.cost`, no x-ratelimit-* headers) and says `Vary: Authorization`.
 */
export function isPublicAnswer(requestContext: GraphQLRequestContext<Context>): boolean {
  const { request, response } = requestContext;
  const single = response.body?.kind === 'single' ? response.body.singleResult : undefined;
  const clean = single !== undefined && !single.errors?.length && single.data != null;
  return (
    clean &&
    request.extensions?.persistedQuery !== undefined &&
    request.http?.method === 'GET' &&
    isAnonymous(requestContext) &&
    requestContext.operation?.operation === 'query'
  );
}

/**
 * Full-response cache for anonymous queries, keyed by the normalized operation (the printed
 * document), its name and its variables, invalidated through per-type generations (see
 * {@link operationTags} and `invalidateCache`). Responses say `x-cache: HIT|MISS|BYPASS`, and
 * carry `Cache-Control: public, max-age=N` only on anonymous GETs of persisted queries without
 * errors (a CDN may keep those), `private, no-store` otherwise. While Redis is unreachable the
 * cache is bypassed (`x-cache: BYPASS`); the breaker logs the outage once.
 */
export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<Context> & { unregister(): void } {
  const { store, ttlSeconds, logger } = options;
  let everything: string[] = [];
  const unregister = registerCacheInvalidator((types) =>
    store.bump(types.includes(ALL_TYPES) ? everything : types).catch((error: Error) => {
      // Logged once per outage by the breaker; the store catches up (bumps every type) when Redis answers again.
      if (!(error instanceof RedisUnavailableError)) logger.error({ err: error, types }, 'could not invalidate the response cache');
    }),
  );
  return {
    unregister,
    async serverWillStart({ schema }) {
      everything = [...entityTypes(schema)];
      if (store instanceof RedisResponseStore) store.knowTypes(everything);
    },
    async requestDidStart() {
      const state: RequestState = { hit: false };
      return {
        async responseForOperation(requestContext) {
          // No operation when the document holds several and operationName names none: execution answers that.
          if (requestContext.operation?.operation !== 'query' || !isAnonymous(requestContext)) return null;
          // Confidential answers (the lead pipeline) are never stored nor served from the cache.
          if (selectsAnyType(requestContext.schema, requestContext.document, CONFIDENTIAL_TYPE_NAMES)) return null;
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
            if (!(error instanceof RedisUnavailableError)) logger.warn({ err: error }, 'response cache unavailable; answering uncached');
            return null;
          }
        },
        async willSendResponse(requestContext) {
          const { response } = requestContext;
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const clean = single !== undefined && !single.errors?.length && single.data != null;
          const headers = response.http.headers;
          headers.set('x-cache', state.hit ? 'HIT' : state.key ? 'MISS' : 'BYPASS');
          const publicGet =
            isPublicAnswer(requestContext) &&
            !!requestContext.document &&
            !selectsAnyType(requestContext.schema, requestContext.document, CONFIDENTIAL_TYPE_NAMES);
          headers.set('cache-control', publicGet ? `public, max-age=${ttlSeconds}` : 'private, no-store');
          // Shared caches must not hand an anonymous answer to a caller with a key (or back).
          if (publicGet) headers.set('vary', headers.get('vary') ? `${headers.get('vary')}, Authorization` : 'Authorization');
          // An answer read on a replica that was behind the primary may predate a write whose
          // invalidation already happened: it is served, but not kept for others.
          if (!state.hit && state.key && state.generations && clean && !currentReadRoute()?.readBehind) {
            const kept = Object.entries(single.extensions ?? {}).filter(([name]) => DATA_EXTENSIONS.includes(name));
            await store.save(state.key, state.generations, single.data, kept.length ? Object.fromEntries(kept) : undefined).catch((error: Error) => {
              if (!(error instanceof RedisUnavailableError)) logger.warn({ err: error }, 'could not store a response in the cache');
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
