import path from 'node:path';

/** Settings read from the environment once, at start-up. See docs/operators.md ("Configuration"). */
export interface AppConfig {
  /** postgres://… for a PostgreSQL server; undefined for the embedded database. */
  databaseUrl?: string;
  /** Folder of the embedded database (used only without databaseUrl). */
  dataDir: string;
  port: number;
  host: string;
  /** Load the seeds into an empty database on start. */
  seedOnStart: boolean;
  production: boolean;
  logLevel: string;
  /** Query shape and cost limits, checked before any SQL runs. */
  limits: QueryLimits;
  /** Cost points per caller per window. */
  rateLimit: RateLimitConfig;
  /** Deadline of one request, and the PostgreSQL statement_timeout that matches it (ms). */
  requestTimeoutMs: number;
  /** How long SIGTERM waits for requests in flight before closing their connections (ms). */
  shutdownTimeoutMs: number;
  /** redis://… to share rate-limit counters between processes; undefined keeps them in memory. */
  redisUrl?: string;
  /** Origins allowed by CORS; ['*'] allows any origin. */
  corsOrigins: string[];
  /** Full-response cache for anonymous reads (RESPONSE_CACHE, default on). */
  responseCache: boolean;
  /** How read operations run (EXECUTION): `compiled` (default) as one SQL statement where covered, or `resolvers` always. */
  execution?: 'compiled' | 'resolvers';
  /** How long a cached response lives, and the max-age CDNs get (RESPONSE_CACHE_TTL_SECONDS, default 60). */
  responseCacheTtlSeconds: number;
  /** Prefix of every Redis key this deployment writes (CACHE_PREFIX, default `qd:`). */
  cachePrefix: string;
  /** Size bound of the in-process response cache, in bytes of stored JSON (RESPONSE_CACHE_MAX_MB, default 32). */
  responseCacheMaxBytes: number;
  /** Deadline of one Redis call (REDIS_TIMEOUT_MS, default 50); past it the call fails and counts towards the circuit breaker. */
  redisTimeoutMs: number;
  /** Webhook delivery pacing (WEBHOOK_* settings). */
  webhooks: WebhookConfig;
  /** Limits of the file routes (/export/*, /import/*). */
  transfers: TransferLimits;
}

export interface WebhookConfig {
  /** How often the delivery worker looks for new changes and due deliveries (WEBHOOK_POLL_MS, default 1000). */
  pollMs: number;
  /** Wait before the first retry, doubled for each further one (WEBHOOK_RETRY_BASE_MS, default 10000)... */
  retryBaseMs: number;
  /** ...up to this (WEBHOOK_RETRY_MAX_MS, default 3600000: one hour). */
  retryMaxMs: number;
  /** Failed attempts in a row that disable a subscription (WEBHOOK_MAX_FAILURES, default 15: about a day of retries). */
  maxFailures: number;
  /** How long a receiver may take to answer (WEBHOOK_TIMEOUT_MS, default 10000). */
  timeoutMs: number;
}

/** Limits of the file routes: what a slow or greedy client can hold. */
export interface TransferLimits {
  /** Graph exports running at once (MAX_CONCURRENT_EXPORTS, default 2); more answer 429. */
  maxConcurrentExports: number;
  /**
   * An export whose client reads nothing for this long is cut and its slot freed
   * (EXPORT_WRITE_TIMEOUT_MS, default 15000).
   */
  exportWriteTimeoutMs: number;
  /** Imports running at once (MAX_CONCURRENT_IMPORTS, default 2); more answer 429. */
  maxConcurrentImports: number;
}

function transfersFrom(env: NodeJS.ProcessEnv): TransferLimits {
  return {
    maxConcurrentExports: positiveInt(env, 'MAX_CONCURRENT_EXPORTS', 2),
    exportWriteTimeoutMs: positiveInt(env, 'EXPORT_WRITE_TIMEOUT_MS', 15000),
    maxConcurrentImports: positiveInt(env, 'MAX_CONCURRENT_IMPORTS', 2),
  };
}

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Worst-case node count of one query (connections multiply their children by first/last). */
  maxNodes: number;
  /** The page size assumed for a connection asked without first/last. */
  defaultPageSize: number;
  /** Values (leaves: strings, numbers, booleans, nulls) all variables of one request may hold together. */
  maxInputValues: number;
  /** Nesting of objects and lists in a variable's value. */
  maxInputDepth: number;
  /** Size of one answer, counted while it is resolved (characters of text plus a little per field). */
  maxResponseBytes: number;
}

export interface RateLimitConfig {
  anonymousPoints: number;
  keyedPoints: number;
  windowMs: number;
}

/** Every setting below with its environment variable and default; docs/operators.md ("Operating it") lists them. */
function limitsFrom(env: NodeJS.ProcessEnv): Pick<AppConfig, 'limits' | 'rateLimit' | 'requestTimeoutMs' | 'shutdownTimeoutMs' | 'redisUrl' | 'corsOrigins'> {
  return {
    limits: {
      maxDepth: positiveInt(env, 'MAX_QUERY_DEPTH', 12),
      maxAliases: positiveInt(env, 'MAX_QUERY_ALIASES', 30),
      maxDirectives: positiveInt(env, 'MAX_QUERY_DIRECTIVES', 50),
      maxTokens: positiveInt(env, 'MAX_QUERY_TOKENS', 3000),
      maxNodes: positiveInt(env, 'MAX_QUERY_NODES', 20000),
      defaultPageSize: 20,
      maxInputValues: positiveInt(env, 'MAX_INPUT_VALUES', 1000),
      maxInputDepth: positiveInt(env, 'MAX_INPUT_DEPTH', 16),
      maxResponseBytes: positiveInt(env, 'MAX_RESPONSE_BYTES', 16 * 1024 * 1024),
    },
    rateLimit: {
      anonymousPoints: positiveInt(env, 'RATE_LIMIT_ANONYMOUS', 5000),
      keyedPoints: positiveInt(env, 'RATE_LIMIT_KEYED', 50000),
      windowMs: positiveInt(env, 'RATE_LIMIT_WINDOW_MS', 3600000),
    },
    requestTimeoutMs: positiveInt(env, 'REQUEST_TIMEOUT_MS', 10000),
    shutdownTimeoutMs: positiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 10000),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    corsOrigins: (env.CORS_ORIGINS?.trim() || '*').split(',').map((o) => o.trim()).filter(Boolean),
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  }
  const ttl = env.RESPONSE_CACHE_TTL_SECONDS === undefined || env.RESPONSE_CACHE_TTL_SECONDS === '' ? 60 : Number(env.RESPONSE_CACHE_TTL_SECONDS);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86400) {
    throw new ConfigError(`RESPONSE_CACHE_TTL_SECONDS must be a whole number of seconds (1-86400), got "${env.RESPONSE_CACHE_TTL_SECONDS}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    dataDir: path.resolve(env.DATA_DIR?.trim() || 'data'),
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    seedOnStart: env.SEED_ON_START !== 'false',
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL?.trim() || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    ...limitsFrom(env),
    responseCache: env.RESPONSE_CACHE !== 'false' && env.RESPONSE_CACHE !== '0' && env.RESPONSE_CACHE !== 'off',
    responseCacheTtlSeconds: ttl,
    execution: executionFrom(env),
    cachePrefix: env.CACHE_PREFIX?.trim() || 'qd:',
    responseCacheMaxBytes: positiveInt(env, 'RESPONSE_CACHE_MAX_MB', 32) * 1024 * 1024,
    redisTimeoutMs: positiveInt(env, 'REDIS_TIMEOUT_MS', 50),
    webhooks: {
      pollMs: positiveInt(env, 'WEBHOOK_POLL_MS', 1000),
      retryBaseMs: positiveInt(env, 'WEBHOOK_RETRY_BASE_MS', 10000),
      retryMaxMs: positiveInt(env, 'WEBHOOK_RETRY_MAX_MS', 3600000),
      maxFailures: positiveInt(env, 'WEBHOOK_MAX_FAILURES', 15),
      timeoutMs: positiveInt(env, 'WEBHOOK_TIMEOUT_MS', 10000),
    },
    transfers: transfersFrom(env),
  };
}

function executionFrom(env: NodeJS.ProcessEnv): 'compiled' | 'resolvers' {
  const value = env.EXECUTION?.trim() || 'compiled';
  if (value !== 'compiled' && value !== 'resolvers') throw new ConfigError(`EXECUTION must be "compiled" or "resolvers", got "${value}"`);
  return value;
}

/** A start-up problem the operator must fix; printed as one line, without a stack. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** host:port of a database URL, for messages that must not echo credentials. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const db = parsed.pathname.replace(/^\//, '');
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${db ? `/${db}` : ''}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
