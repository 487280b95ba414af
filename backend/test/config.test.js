import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    assert.deepEqual(
      { ...loadConfig({}) },
      {
        port: 3001,
        version: 'dev',
        corsOrigins: [],
        corsCredentials: false,
        shutdownTimeoutMs: 10_000,
        logLevel: 'info',
      },
    );
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      APP_VERSION: ' 3f9c2ab ',
      CORS_ORIGINS: 'http://localhost:3000,https://app.example.org',
      CORS_CREDENTIALS: 'true',
      SHUTDOWN_TIMEOUT_MS: '2500',
      LOG_LEVEL: 'warn',
    });

    assert.equal(config.port, 8080);
    assert.equal(config.version, '3f9c2ab');
    assert.deepEqual(config.corsOrigins, ['http://localhost:3000', 'https://app.example.org']);
    assert.equal(config.corsCredentials, true);
    assert.equal(config.shutdownTimeoutMs, 2500);
    assert.equal(config.logLevel, 'warn');
  });

  const invalid = [
    { env: { PORT: 'http' }, names: /PORT/ },
    { env: { PORT: '70000' }, names: /PORT/ },
    { env: { CORS_ORIGINS: '*' }, names: /CORS_ORIGINS contains "\*"/ },
    { env: { CORS_ORIGINS: 'https://app.example.org/' }, names: /trailing slash/ },
    { env: { CORS_ORIGINS: 'app.example.org' }, names: /CORS_ORIGINS/ },
    { env: { CORS_CREDENTIALS: 'yes' }, names: /CORS_CREDENTIALS/ },
    { env: { SHUTDOWN_TIMEOUT_MS: '-1' }, names: /SHUTDOWN_TIMEOUT_MS/ },
    { env: { LOG_LEVEL: 'loud' }, names: /LOG_LEVEL/ },
  ];
  for (const { env, names } of invalid) {
    it(`refuses ${JSON.stringify(env)} with a message naming the variable`, () => {
      assert.throws(
        () => loadConfig(env),
        (err) => err instanceof ConfigError && names.test(err.message),
      );
    });
  }
});
