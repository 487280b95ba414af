import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { appWith } from './helpers.js';

const app = appWith();
const ids = (res) => res.body.items.map((item) => item.id);

describe('GET /api/specialties', () => {
  it('lists every specialty with its open slot count when no filter is given', async () => {
    const res = await request(app).get('/api/specialties');

    assert.equal(res.status, 200);
    assert.equal(res.body.count, res.body.items.length);
    assert.ok(ids(res).includes('cardiology'));
    assert.equal(res.body.items.find((s) => s.id === 'cardiology').openSlotCount, 3);
  });

  it('filters on a case-insensitive part of the name', async () => {
    const res = await request(app).get('/api/specialties?q=CARDIO');

    assert.deepEqual(ids(res), ['cardiology']);
  });

  it('filters on words of the description', async () => {
    const res = await request(app).get('/api/specialties?q=glaucoma');

    assert.deepEqual(ids(res), ['ophthalmology']);
  });

  it('keeps only specialties with open slots when hasOpenSlots=true', async () => {
    const res = await request(app).get('/api/specialties?hasOpenSlots=true');

    assert.ok(res.body.items.every((s) => s.openSlotCount > 0));
    assert.ok(!ids(res).includes('ophthalmology'));
  });

  it('keeps only specialties without open slots when hasOpenSlots=false', async () => {
    const res = await request(app).get('/api/specialties?hasOpenSlots=false');

    assert.deepEqual(ids(res), ['endocrinology', 'ophthalmology']);
  });

  it('answers an empty list, not an error, when nothing matches', async () => {
    const res = await request(app).get('/api/specialties?q=zzz');

    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { items: [], count: 0 });
  });

  it('treats a blank search as no filter', async () => {
    const all = await request(app).get('/api/specialties');
    const blank = await request(app).get('/api/specialties?q=%20');

    assert.deepEqual(blank.body, all.body);
  });

  const invalidQueries = [
    { query: 'hasOpenSlots=maybe', because: 'hasOpenSlots is not true or false' },
    { query: 'hasOpenSlots=true&hasOpenSlots=false', because: 'hasOpenSlots is repeated' },
    { query: `q=${'x'.repeat(51)}`, because: 'q is longer than 50 characters' },
  ];
  for (const { query, because } of invalidQueries) {
    it(`answers 400 invalid_query when ${because}`, async () => {
      const res = await request(app).get(`/api/specialties?${query}`);

      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'invalid_query');
      assert.equal(typeof res.body.error.message, 'string');
    });
  }
});

describe('GET /api/specialties/:id', () => {
  it('answers the specialty', async () => {
    const res = await request(app).get('/api/specialties/cardiology');

    assert.equal(res.status, 200);
    assert.equal(res.body.name, 'Cardiology');
    assert.equal(res.body.openSlotCount, 3);
  });

  it('answers 404 not_found in the error shape for an unknown id', async () => {
    const res = await request(app).get('/api/specialties/astrology');

    assert.equal(res.status, 404);
    assert.deepEqual(res.body, {
      error: { code: 'not_found', message: 'No specialty has the id "astrology"' },
    });
  });

  it('answers 400 in the error shape for a malformed escape in the path', async () => {
    const res = await request(app).get('/api/specialties/%E0%A4%A');

    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'bad_request');
  });
});

describe('GET /api/specialties/:id/slots', () => {
  it('lists the open slots earliest first', async () => {
    const res = await request(app).get('/api/specialties/cardiology/slots');

    assert.equal(res.status, 200);
    assert.equal(res.body.specialtyId, 'cardiology');
    assert.equal(res.body.count, 3);
    const starts = res.body.items.map((slot) => slot.startsAt);
    assert.deepEqual(starts, [...starts].sort());
  });

  it('keeps the slots of one day when date is given', async () => {
    const res = await request(app).get('/api/specialties/cardiology/slots?date=2030-03-05');

    assert.deepEqual(
      res.body.items.map((slot) => slot.id),
      ['slot-003'],
    );
  });

  it('answers an empty list for a specialty with no open slots', async () => {
    const res = await request(app).get('/api/specialties/ophthalmology/slots');

    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { specialtyId: 'ophthalmology', items: [], count: 0 });
  });

  it('answers 404 for an unknown specialty rather than an empty list', async () => {
    const res = await request(app).get('/api/specialties/astrology/slots');

    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'not_found');
  });

  for (const date of ['2030-02-30', '04-03-2030', 'tomorrow']) {
    it(`answers 400 invalid_query for date=${date}`, async () => {
      const res = await request(app).get(`/api/specialties/cardiology/slots?date=${date}`);

      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'invalid_query');
    });
  }
});

describe('routes that do not exist', () => {
  for (const path of ['/api/nope', '/api', '/', '/api/specialties/cardiology/slots/extra']) {
    it(`answers 404 JSON for ${path}`, async () => {
      const res = await request(app).get(path);

      assert.equal(res.status, 404);
      assert.match(res.headers['content-type'], /^application\/json/);
      assert.equal(res.body.error.code, 'not_found');
    });
  }

  it('answers 405 with Allow for a write to a read-only resource', async () => {
    const res = await request(app).post('/api/specialties').send({ name: 'x' });

    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET, HEAD');
    assert.equal(res.body.error.code, 'method_not_allowed');
  });
});

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id', async () => {
    const res = await request(app).get('/api/health').set('X-Request-Id', 'abc-123');

    assert.equal(res.headers['x-request-id'], 'abc-123');
  });

  it('replaces a malformed X-Request-Id with a fresh one', async () => {
    const res = await request(app).get('/api/health').set('X-Request-Id', 'a b<c>');

    assert.match(res.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  });
});
