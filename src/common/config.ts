import path from 'node:path';

/** Settings read from the environment once, at start-up. See README "Configuration". */
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
  /** redis://… shared by several processes (response cache, persisted queries); undefined: in memory. */
  redisUrl?: string;
  /** Full-response cache for anonymous reads (RESPONSE_CACHE, default on). */
  responseCache: boolean;
  /** How long a cached response lives, and the max-age CDNs get (RESPONSE_CACHE_TTL_SECONDS, default 60). */
  responseCacheTtlSeconds: number;
  /** Prefix of every Redis key this deployment writes (CACHE_PREFIX, default `qd:`). */
  cachePrefix: string;
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
    redisUrl: env.REDIS_URL?.trim() || undefined,
    responseCache: env.RESPONSE_CACHE !== 'false' && env.RESPONSE_CACHE !== '0' && env.RESPONSE_CACHE !== 'off',
    responseCacheTtlSeconds: ttl,
    cachePrefix: env.CACHE_PREFIX?.trim() || 'qd:',
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
