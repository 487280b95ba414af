import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

function appLoggingTo(lines, env = {}) {
  const config = loadConfig({ APP_VERSION: 'abc1234', ...env });
  const sink = new Writable({
    write(chunk, encoding, done) {
      lines.push(JSON.parse(chunk));
      done();
    },
  });
  return createApp(config, { logger: createLogger(config, sink) });
}

describe('request logging', () => {
  it('writes one JSON line per request with method, path, status and version', async () => {
    const lines = [];
    await request(appLoggingTo(lines)).get('/api/specialties?q=cardio');

    assert.equal(lines.length, 1);
    assert.equal(lines[0].level, 'info');
    assert.equal(lines[0].version, 'abc1234');
    assert.deepEqual(
      { method: lines[0].req.method, url: lines[0].req.url, status: lines[0].res.statusCode },
      { method: 'GET', url: '/api/specialties?q=cardio', status: 200 },
    );
  });

  it('never logs headers, so credentials and cookies stay out of the logs', async () => {
    const lines = [];
    await request(appLoggingTo(lines))
      .get('/api/specialties')
      .set('Authorization', 'Bearer secret-token')
      .set('Cookie', 'session=secret-cookie');

    assert.doesNotMatch(JSON.stringify(lines), /secret/);
  });

  it('logs health probes at debug, below the default level', async () => {
    const lines = [];
    await request(appLoggingTo(lines)).get('/api/health');
    assert.deepEqual(lines, []);

    const debugLines = [];
    await request(appLoggingTo(debugLines, { LOG_LEVEL: 'debug' })).get('/api/health');
    assert.equal(debugLines[0].level, 'debug');
  });
});
