import path from 'node:path';

/** Settings read from the environment once, at start-up, through {@link SETTINGS}. See docs/operators.md ("Configuration"). */
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
  /** Client addresses come from X-Forwarded-For (TRUST_PROXY, default false). */
  trustProxy: boolean;
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
  /** PostgreSQL streaming replicas for reads (DATABASE_REPLICA_URLS); undefined without any. */
  replicas?: ReplicaConfig;
  /** API processes on one port (WORKERS, default 1: no cluster). */
  workers: number;
  /** Port of the Prometheus /metrics listener (METRICS_PORT); undefined keeps it off. */
  metricsPort?: number;
}

export interface ReplicaConfig {
  /** postgres://… of each replica (DATABASE_REPLICA_URLS, comma-separated). */
  urls: string[];
  /** A replica further behind than this gets no reads (REPLICA_MAX_LAG_MS, default 5000). */
  maxLagMs: number;
  /** How often each replica's replayed position and lag are checked (REPLICA_CHECK_INTERVAL_MS, default 500). */
  checkIntervalMs: number;
  /** How long a key's own last write is honoured without a token (READ_YOUR_WRITES_WINDOW_MS, default 10000). */
  readYourWritesMs: number;
}

function replicasFrom(env: NodeJS.ProcessEnv): ReplicaConfig | undefined {
  const urls = readSetting(SETTINGS.databaseReplicaUrls, env) ?? [];
  if (!urls.length) return undefined;
  for (const url of urls) {
    if (!/^postgres(?:ql)?:\/\//.test(url))
      throw new ConfigError(`DATABASE_REPLICA_URLS must list postgres:// URLs, got one that is not (${describeDatabaseUrl(url)})`);
  }
  return {
    urls,
    maxLagMs: readSetting(SETTINGS.replicaMaxLagMs, env),
    checkIntervalMs: readSetting(SETTINGS.replicaCheckIntervalMs, env),
    readYourWritesMs: readSetting(SETTINGS.readYourWritesWindowMs, env),
  };
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

/** Turns the text of a variable into its value, or throws a ConfigError naming the variable. */
export type SettingParser<T> = (raw: string, variable: string) => T;

export type SettingGroup = 'server' | 'database' | 'scaling' | 'limits' | 'rate limits' | 'cache' | 'transfers' | 'webhooks' | 'development';

/**
 * One environment variable: its name, its default (as it would be written in the environment;
 * absent means unset), how its text is read, what it does and where it belongs. docs/operators.md
 * lists every one (test/unit/settings-docs.spec.ts holds the two together).
 */
export interface Setting<T> {
  variable: string;
  default?: string;
  parse: SettingParser<T>;
  description: string;
  group: SettingGroup;
}

const text: SettingParser<string> = (raw) => raw;

/** Every boolean setting is read this one way; anything else names the variable and stops the start. */
const boolean: SettingParser<boolean> = (raw, variable) => {
  const value = raw.toLowerCase();
  if (['true', '1', 'on', 'yes'].includes(value)) return true;
  if (['false', '0', 'off', 'no'].includes(value)) return false;
  throw new ConfigError(`${variable} must be true or false, got "${raw}"`);
};

const positiveInt: SettingParser<number> = (raw, variable) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${variable} must be a positive whole number, got "${raw}"`);
  return value;
};

const portNumber: SettingParser<number> = (raw, variable) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new ConfigError(`${variable} must be a port number (0-65535), got "${raw}"`);
  return value;
};

const ttlSeconds: SettingParser<number> = (raw, variable) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 86400) {
    throw new ConfigError(`${variable} must be a whole number of seconds (1-86400), got "${raw}"`);
  }
  return value;
};

/** How read operations run: one SQL statement where the compiler covers them, or always the resolvers. */
const executionMode: SettingParser<'compiled' | 'resolvers'> = (raw, variable) => {
  if (raw !== 'compiled' && raw !== 'resolvers') throw new ConfigError(`${variable} must be "compiled" or "resolvers", got "${raw}"`);
  return raw;
};

/** A port number, or "off" (the same as unset). */
const optionalPort: SettingParser<number | undefined> = (raw, variable) => (raw === 'off' ? undefined : portNumber(raw, variable));

const commaList: SettingParser<string[]> = (raw) =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The configuration table: every environment variable the code reads, and nothing read elsewhere. */
export const SETTINGS = {
  databaseUrl: {
    variable: 'DATABASE_URL',
    parse: text,
    group: 'database',
    description: 'postgres://… runs on that PostgreSQL server; unset runs the embedded database',
  },
  dataDir: {
    variable: 'DATA_DIR',
    default: './data',
    parse: text,
    group: 'database',
    description: 'folder of the embedded database (ignored with DATABASE_URL)',
  },
  port: { variable: 'PORT', default: '4000', parse: portNumber, group: 'server', description: 'HTTP port (0 picks a free one)' },
  host: { variable: 'HOST', default: '0.0.0.0', parse: text, group: 'server', description: 'interface to listen on' },
  seedOnStart: { variable: 'SEED_ON_START', default: 'true', parse: boolean, group: 'database', description: 'load seeds/ into an empty database at start-up' },
  nodeEnv: { variable: 'NODE_ENV', parse: text, group: 'server', description: 'production hides stack traces in errors' },
  logLevel: { variable: 'LOG_LEVEL', default: 'info', parse: text, group: 'server', description: 'pino level of the JSON logs (silent when NODE_ENV=test)' },
  trustProxy: {
    variable: 'TRUST_PROXY',
    default: 'false',
    parse: boolean,
    group: 'server',
    description: 'client addresses come from X-Forwarded-For (behind a load balancer)',
  },
  sqlDebug: { variable: 'SQL_DEBUG', default: 'false', parse: boolean, group: 'development', description: 'log every SQL statement' },
  progressIntervalMs: {
    variable: 'PROGRESS_INTERVAL_MS',
    default: '5000',
    parse: positiveInt,
    group: 'development',
    description: 'how often a command writing to a log (not a terminal) prints a progress line',
  },
  databaseReplicaUrls: {
    variable: 'DATABASE_REPLICA_URLS',
    parse: commaList,
    group: 'scaling',
    description: 'postgres://… of read replicas, comma-separated (PostgreSQL only); reads go to a healthy one',
  },
  replicaMaxLagMs: {
    variable: 'REPLICA_MAX_LAG_MS',
    default: '5000',
    parse: positiveInt,
    group: 'scaling',
    description: 'a replica further behind gets no reads',
  },
  replicaCheckIntervalMs: {
    variable: 'REPLICA_CHECK_INTERVAL_MS',
    default: '500',
    parse: positiveInt,
    group: 'scaling',
    description: "how often each replica's lag is checked",
  },
  readYourWritesWindowMs: {
    variable: 'READ_YOUR_WRITES_WINDOW_MS',
    default: '10000',
    parse: positiveInt,
    group: 'scaling',
    description: "how long a key's own last write is honoured without a token",
  },
  workers: { variable: 'WORKERS', default: '1', parse: positiveInt, group: 'scaling', description: 'API processes on one port (node:cluster)' },
  metricsPort: {
    variable: 'METRICS_PORT',
    parse: optionalPort,
    group: 'scaling',
    description: 'port of the Prometheus /metrics listener; unset or off keeps it off',
  },
  execution: {
    variable: 'EXECUTION',
    default: 'compiled',
    parse: executionMode,
    group: 'server',
    description: 'compiled runs covered read operations as one SQL statement; resolvers always uses the resolver path',
  },
  maxQueryDepth: { variable: 'MAX_QUERY_DEPTH', default: '12', parse: positiveInt, group: 'limits', description: 'nesting depth of a query' },
  maxQueryAliases: {
    variable: 'MAX_QUERY_ALIASES',
    default: '30',
    parse: positiveInt,
    group: 'limits',
    description: 'aliases of a query, counted as executed',
  },
  maxQueryDirectives: {
    variable: 'MAX_QUERY_DIRECTIVES',
    default: '50',
    parse: positiveInt,
    group: 'limits',
    description: 'directives of a query, counted as executed',
  },
  maxQueryTokens: { variable: 'MAX_QUERY_TOKENS', default: '3000', parse: positiveInt, group: 'limits', description: 'lexical tokens of a document' },
  maxQueryNodes: { variable: 'MAX_QUERY_NODES', default: '20000', parse: positiveInt, group: 'limits', description: 'worst-case node count of a query' },
  maxInputValues: {
    variable: 'MAX_INPUT_VALUES',
    default: '1000',
    parse: positiveInt,
    group: 'limits',
    description: 'values all variables of a request hold together',
  },
  maxInputDepth: { variable: 'MAX_INPUT_DEPTH', default: '16', parse: positiveInt, group: 'limits', description: 'nesting of objects and lists in a variable' },
  maxResponseBytes: {
    variable: 'MAX_RESPONSE_BYTES',
    default: '16777216',
    parse: positiveInt,
    group: 'limits',
    description: 'size of one answer, counted while it is resolved',
  },
  requestTimeoutMs: {
    variable: 'REQUEST_TIMEOUT_MS',
    default: '10000',
    parse: positiveInt,
    group: 'limits',
    description: 'deadline of one request, and the statement_timeout',
  },
  shutdownTimeoutMs: {
    variable: 'SHUTDOWN_TIMEOUT_MS',
    default: '10000',
    parse: positiveInt,
    group: 'server',
    description: 'how long SIGTERM waits for requests in flight',
  },
  rateLimitAnonymous: {
    variable: 'RATE_LIMIT_ANONYMOUS',
    default: '5000',
    parse: positiveInt,
    group: 'rate limits',
    description: 'cost points per window of an anonymous caller',
  },
  rateLimitKeyed: {
    variable: 'RATE_LIMIT_KEYED',
    default: '50000',
    parse: positiveInt,
    group: 'rate limits',
    description: 'cost points per window of an API key',
  },
  rateLimitWindowMs: { variable: 'RATE_LIMIT_WINDOW_MS', default: '3600000', parse: positiveInt, group: 'rate limits', description: 'the rate-limit window' },
  redisUrl: {
    variable: 'REDIS_URL',
    parse: text,
    group: 'cache',
    description: 'redis://… shares rate-limit counters and the response cache between processes',
  },
  redisTimeoutMs: { variable: 'REDIS_TIMEOUT_MS', default: '50', parse: positiveInt, group: 'cache', description: 'deadline of one Redis call' },
  corsOrigins: {
    variable: 'CORS_ORIGINS',
    default: '*',
    parse: commaList,
    group: 'server',
    description: 'comma-separated origins browsers may call from; * allows any',
  },
  responseCache: { variable: 'RESPONSE_CACHE', default: 'true', parse: boolean, group: 'cache', description: 'full-response cache for anonymous reads' },
  responseCacheTtlSeconds: {
    variable: 'RESPONSE_CACHE_TTL_SECONDS',
    default: '60',
    parse: ttlSeconds,
    group: 'cache',
    description: 'lifetime of a cached answer, and the max-age CDNs get',
  },
  responseCacheMaxMb: {
    variable: 'RESPONSE_CACHE_MAX_MB',
    default: '32',
    parse: positiveInt,
    group: 'cache',
    description: 'bound of the in-process response cache',
  },
  cachePrefix: { variable: 'CACHE_PREFIX', default: 'qd:', parse: text, group: 'cache', description: 'prefix of every Redis key this deployment writes' },
  maxConcurrentExports: {
    variable: 'MAX_CONCURRENT_EXPORTS',
    default: '2',
    parse: positiveInt,
    group: 'transfers',
    description: 'graph exports running at once',
  },
  exportWriteTimeoutMs: {
    variable: 'EXPORT_WRITE_TIMEOUT_MS',
    default: '15000',
    parse: positiveInt,
    group: 'transfers',
    description: 'an export whose client reads nothing for this long is cut',
  },
  maxConcurrentImports: { variable: 'MAX_CONCURRENT_IMPORTS', default: '2', parse: positiveInt, group: 'transfers', description: 'imports running at once' },
  webhookPollMs: {
    variable: 'WEBHOOK_POLL_MS',
    default: '1000',
    parse: positiveInt,
    group: 'webhooks',
    description: 'how often the delivery worker looks for work',
  },
  webhookRetryBaseMs: {
    variable: 'WEBHOOK_RETRY_BASE_MS',
    default: '10000',
    parse: positiveInt,
    group: 'webhooks',
    description: 'wait before the first retry, doubled for each further one',
  },
  webhookRetryMaxMs: {
    variable: 'WEBHOOK_RETRY_MAX_MS',
    default: '3600000',
    parse: positiveInt,
    group: 'webhooks',
    description: 'longest wait between retries',
  },
  webhookMaxFailures: {
    variable: 'WEBHOOK_MAX_FAILURES',
    default: '15',
    parse: positiveInt,
    group: 'webhooks',
    description: 'failed attempts in a row that disable a subscription',
  },
  webhookTimeoutMs: {
    variable: 'WEBHOOK_TIMEOUT_MS',
    default: '10000',
    parse: positiveInt,
    group: 'webhooks',
    description: 'how long a receiver may take to answer',
  },
} satisfies Record<string, Setting<unknown>>;

/** The value of one setting: the variable's text (trimmed; empty counts as unset), else the default. */
export function readSetting<T>(setting: Setting<T> & { default: string }, env?: NodeJS.ProcessEnv): T;
export function readSetting<T>(setting: Setting<T>, env?: NodeJS.ProcessEnv): T | undefined;
export function readSetting<T>(setting: Setting<T>, env: NodeJS.ProcessEnv = process.env): T | undefined {
  const raw = env[setting.variable]?.trim();
  if (raw !== undefined && raw !== '') return setting.parse(raw, setting.variable);
  return setting.default === undefined ? undefined : setting.parse(setting.default, setting.variable);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const read = <T>(setting: Setting<T> & { default: string }) => readSetting(setting, env);
  const nodeEnv = readSetting(SETTINGS.nodeEnv, env);
  return {
    databaseUrl: readSetting(SETTINGS.databaseUrl, env),
    dataDir: path.resolve(read(SETTINGS.dataDir)),
    port: read(SETTINGS.port),
    host: read(SETTINGS.host),
    seedOnStart: read(SETTINGS.seedOnStart),
    production: nodeEnv === 'production',
    // Tests are quiet unless they ask for a level.
    logLevel: nodeEnv === 'test' && !env[SETTINGS.logLevel.variable]?.trim() ? 'silent' : read(SETTINGS.logLevel),
    trustProxy: read(SETTINGS.trustProxy),
    limits: {
      maxDepth: read(SETTINGS.maxQueryDepth),
      maxAliases: read(SETTINGS.maxQueryAliases),
      maxDirectives: read(SETTINGS.maxQueryDirectives),
      maxTokens: read(SETTINGS.maxQueryTokens),
      maxNodes: read(SETTINGS.maxQueryNodes),
      defaultPageSize: 20,
      maxInputValues: read(SETTINGS.maxInputValues),
      maxInputDepth: read(SETTINGS.maxInputDepth),
      maxResponseBytes: read(SETTINGS.maxResponseBytes),
    },
    rateLimit: {
      anonymousPoints: read(SETTINGS.rateLimitAnonymous),
      keyedPoints: read(SETTINGS.rateLimitKeyed),
      windowMs: read(SETTINGS.rateLimitWindowMs),
    },
    requestTimeoutMs: read(SETTINGS.requestTimeoutMs),
    shutdownTimeoutMs: read(SETTINGS.shutdownTimeoutMs),
    redisUrl: readSetting(SETTINGS.redisUrl, env),
    corsOrigins: read(SETTINGS.corsOrigins),
    responseCache: read(SETTINGS.responseCache),
    responseCacheTtlSeconds: read(SETTINGS.responseCacheTtlSeconds),
    cachePrefix: read(SETTINGS.cachePrefix),
    responseCacheMaxBytes: read(SETTINGS.responseCacheMaxMb) * 1024 * 1024,
    redisTimeoutMs: read(SETTINGS.redisTimeoutMs),
    webhooks: {
      pollMs: read(SETTINGS.webhookPollMs),
      retryBaseMs: read(SETTINGS.webhookRetryBaseMs),
      retryMaxMs: read(SETTINGS.webhookRetryMaxMs),
      maxFailures: read(SETTINGS.webhookMaxFailures),
      timeoutMs: read(SETTINGS.webhookTimeoutMs),
    },
    transfers: {
      maxConcurrentExports: read(SETTINGS.maxConcurrentExports),
      exportWriteTimeoutMs: read(SETTINGS.exportWriteTimeoutMs),
      maxConcurrentImports: read(SETTINGS.maxConcurrentImports),
    },
    replicas: replicasFrom(env),
    workers: read(SETTINGS.workers),
    metricsPort: readSetting(SETTINGS.metricsPort, env),
    execution: read(SETTINGS.execution),
  };
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
