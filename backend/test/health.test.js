import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { appWith } from './helpers.js';

describe('GET /api/health', () => {
  it('answers ok with the version from APP_VERSION and the uptime in seconds', async () => {
    const res = await request(appWith({ APP_VERSION: '3f9c2ab' })).get('/api/health');

    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.equal(res.body.status, 'ok');
    assert.equal(res.body.version, '3f9c2ab');
    assert.ok(Number.isInteger(res.body.uptime) && res.body.uptime >= 0);
  });

  it('reports version "dev" when APP_VERSION is not set', async () => {
    const res = await request(appWith()).get('/api/health');

    assert.equal(res.body.version, 'dev');
  });

  it('answers the same when probed by IP with an arbitrary Host header', async () => {
    const res = await request(appWith()).get('/api/health').set('Host', '10.0.3.17:3001');

    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'ok');
  });

  it('is never cached', async () => {
    const res = await request(appWith()).get('/api/health');

    assert.equal(res.headers['cache-control'], 'no-store');
  });
});
