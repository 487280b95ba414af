import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { appWith } from './helpers.js';

const ALLOWED = 'http://localhost:3000';
const env = { CORS_ORIGINS: `${ALLOWED}, https://app.bluemed.example.org` };

describe('CORS', () => {
  it('echoes an allowed origin exactly, with Vary: Origin', async () => {
    const res = await request(appWith(env)).get('/api/specialties').set('Origin', ALLOWED);

    assert.equal(res.headers['access-control-allow-origin'], ALLOWED);
    assert.match(res.headers.vary, /\bOrigin\b/);
  });

  it('sends no allow-origin header to an origin that is not listed', async () => {
    const res = await request(appWith(env))
      .get('/api/specialties')
      .set('Origin', 'https://evil.example.com');

    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    assert.match(res.headers.vary, /\bOrigin\b/);
  });

  it('never answers with the wildcard, even with no allow-list', async () => {
    const res = await request(appWith()).get('/api/health').set('Origin', ALLOWED);

    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });

  it('answers a preflight from an allowed origin with 204 and the allowed methods', async () => {
    const res = await request(appWith(env))
      .options('/api/specialties')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'GET');

    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED);
    assert.match(res.headers['access-control-allow-methods'], /\bGET\b/);
  });

  it('puts the CORS headers on 404 answers too', async () => {
    const res = await request(appWith(env))
      .get('/api/specialties/astrology')
      .set('Origin', ALLOWED);

    assert.equal(res.status, 404);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED);
  });

  it('puts the CORS headers on 400 answers too', async () => {
    const res = await request(appWith(env))
      .get('/api/specialties?hasOpenSlots=1')
      .set('Origin', ALLOWED);

    assert.equal(res.status, 400);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED);
  });

  it('puts the CORS headers on 500 answers too', async () => {
    // A catalog that fails as a broken data source would: the error handler answers 500.
    const failing = {
      listSpecialties() {
        throw new Error('data source down');
      },
    };
    const app = createApp(loadConfig(env), {
      logger: pino({ level: 'silent' }),
      catalog: failing,
    });

    const res = await request(app).get('/api/specialties').set('Origin', ALLOWED);

    assert.equal(res.status, 500);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED);
    assert.match(res.headers.vary, /\bOrigin\b/);
  });

  it('allows credentials only when CORS_CREDENTIALS=true', async () => {
    const without = await request(appWith(env)).get('/api/health').set('Origin', ALLOWED);
    const withCreds = await request(appWith({ ...env, CORS_CREDENTIALS: 'true' }))
      .get('/api/health')
      .set('Origin', ALLOWED);

    assert.equal(without.headers['access-control-allow-credentials'], undefined);
    assert.equal(withCreds.headers['access-control-allow-credentials'], 'true');
  });
});
