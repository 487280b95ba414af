import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { parse } from 'yaml';
import { appWith } from './helpers.js';

// The same check a contract verifier makes against a running service: call every documented
// GET with the parameters' examples and validate the answer against the documented schema.

const spec = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'));
const app = appWith();

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ components: spec.components }, 'spec');

function schemaFor(response) {
  const resolved = response.$ref ? lookUp(response.$ref) : response;
  const schema = resolved.content['application/json'].schema;
  return ajv.compile({ $ref: `spec${schema.$ref}` });
}

function lookUp(ref) {
  return ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node[key], spec);
}

function exampleUrl(path, parameters = []) {
  const query = new URLSearchParams();
  let url = path;
  for (const p of parameters) {
    assert.notEqual(p.example, undefined, `${path} parameter ${p.name} has no example`);
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(p.example));
    if (p.in === 'query') query.set(p.name, p.example);
  }
  return query.size === 0 ? url : `${url}?${query}`;
}

const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  item.get ? [{ path, operation: item.get }] : [],
);

describe('openapi.yaml', () => {
  it('documents every route the API serves', () => {
    assert.deepEqual(Object.keys(spec.paths).sort(), [
      '/api/health',
      '/api/specialties',
      '/api/specialties/{id}',
      '/api/specialties/{id}/slots',
    ]);
  });

  for (const { path, operation } of operations) {
    it(`${path} answers its example call as documented`, async () => {
      const url = exampleUrl(path, operation.parameters);
      const res = await request(app).get(url);

      assert.equal(res.status, 200, `${url} answered ${res.status}`);
      const validate = schemaFor(operation.responses['200']);
      assert.ok(validate(res.body), `${url}: ${ajv.errorsText(validate.errors)}`);
    });
  }

  it('has one example call that answers an empty list', async () => {
    const { parameters } = spec.paths['/api/specialties/{id}/slots'].get;
    const res = await request(app).get(exampleUrl('/api/specialties/{id}/slots', parameters));

    assert.deepEqual(res.body.items, []);
  });

  it('describes a non-empty slot list as well', async () => {
    const validate = schemaFor(spec.paths['/api/specialties/{id}/slots'].get.responses['200']);
    const res = await request(app).get('/api/specialties/cardiology/slots');

    assert.ok(res.body.items.length > 0);
    assert.ok(validate(res.body), ajv.errorsText(validate.errors));
  });

  it('describes the 404 answers of the routes that take an id', async () => {
    for (const path of ['/api/specialties/{id}', '/api/specialties/{id}/slots']) {
      const validate = schemaFor(spec.paths[path].get.responses['404']);
      const res = await request(app).get(path.replace('{id}', 'astrology'));

      assert.equal(res.status, 404);
      assert.ok(validate(res.body), ajv.errorsText(validate.errors));
    }
  });

  it('describes the 400 answers of the routes that take a query', async () => {
    const validate = schemaFor(spec.paths['/api/specialties'].get.responses['400']);
    const res = await request(app).get('/api/specialties?hasOpenSlots=maybe');

    assert.equal(res.status, 400);
    assert.ok(validate(res.body), ajv.errorsText(validate.errors));
  });
});
