import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('API documentation', () => {
  let env: TestEnv;
  before(async () => { env = await createTestEnv({ seed: false }); });
  after(async () => { await env.close(); });

  it('serves an OpenAPI document covering every route, with request schemas from the zod validators', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    for (const route of env.app.routeList) {
      const path = route.url.replace(/:([a-zA-Z]+)/g, '{$1}');
      assert.ok(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url} is documented`);
    }
    const accept = doc.paths['/api/cases'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(accept.required.sort(), ['applicant', 'subtypeCode']);
    assert.equal(accept.properties.subtypeCode.pattern, '^\\d{4}$');
  });

  it('serves the browsable UI at /docs', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /swagger/i);
  });
});
