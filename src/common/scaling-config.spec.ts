import { ConfigError, loadConfig } from './config';

describe('scaling settings', () => {
  it('are off by default: no replicas, one process, no metrics listener', () => {
    const config = loadConfig({});
    expect(config.replicas).toBeUndefined();
    expect(config.workers).toBe(1);
    expect(config.metricsPort).toBeUndefined();
  });

  it('reads replicas, their bounds and the worker count', () => {
    const config = loadConfig({
      DATABASE_REPLICA_URLS: ' postgres://u@r1:5432/db , postgresql://u@r2/db ,',
      REPLICA_MAX_LAG_MS: '2000',
      WORKERS: '4',
      METRICS_PORT: '9464',
    });
    expect(config.replicas).toEqual({
      urls: ['postgres://u@r1:5432/db', 'postgresql://u@r2/db'],
      maxLagMs: 2000,
      checkIntervalMs: 500,
      readYourWritesMs: 10000,
    });
    expect(config.workers).toBe(4);
    expect(config.metricsPort).toBe(9464);
  });

  it('refuses bad values with one line that names the setting and never a password', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'mysql://u:secret@r1/db' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'mysql://u:secret@r1/db' })).not.toThrow(/secret/);
    expect(() => loadConfig({ WORKERS: '0' })).toThrow(/WORKERS/);
    expect(() => loadConfig({ METRICS_PORT: 'x' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://r1/db', REPLICA_MAX_LAG_MS: '-1' })).toThrow(/REPLICA_MAX_LAG_MS/);
  });
});
