import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

type Schema = Record<string, unknown>;
type Operation = {
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

/** A schema a generated client would type as `unknown`: no type, no reference, no composition. */
const untyped = (schema: Schema | undefined) => !schema || !['type', '$ref', 'anyOf', 'oneOf', 'allOf'].some((k) => k in schema);

describe('API documentation', () => {
  let env: TestEnv;
  let doc: any;
  const operation = (method: string, url: string): Operation | undefined => doc.paths[url.replace(/:([a-zA-Z]+)/g, '{$1}')]?.[method.toLowerCase()];

  before(async () => {
    env = await createTestEnv();
    const res = await env.app.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(res.statusCode, 200);
    doc = res.json();
  });
  after(async () => {
    await env.close();
  });

  it('serves an OpenAPI document covering every route, with request schemas from the zod validators', () => {
    assert.match(doc.openapi, /^3\./);
    for (const route of env.app.routeList) assert.ok(operation(route.method, route.url), `${route.method} ${route.url} is documented`);
    const accept = doc.paths['/api/cases'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(accept.required.sort(), ['applicant', 'subtypeCode']);
    assert.equal(accept.properties.subtypeCode.pattern, '^\\d{4}$');
  });

  it('declares a typed success answer for every /api route, so a generated client has no unknown bodies', () => {
    const missing: string[] = [];
    for (const route of env.app.routeList) {
      const responses = operation(route.method, route.url)?.responses ?? {};
      const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      const typed = success.some(([status, response]) =>
        status === '204'
          ? !response.content
          : Object.values(response.content ?? {}).length > 0 && Object.values(response.content ?? {}).every((c) => !untyped(c.schema)),
      );
      if (!typed) missing.push(`${route.method} ${route.url}`);
    }
    assert.deepEqual(missing, [], 'routes without a typed 2xx response schema');
  });

  it('documents every error answer in the error format, and every JSON request body as typed', () => {
    for (const route of env.app.routeList) {
      const op = operation(route.method, route.url)!;
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^[45]\d\d$/.test(status)) continue;
        const schema = response.content?.['application/json']?.schema as any;
        assert.deepEqual(schema?.required, ['error'], `${route.method} ${route.url} ${status}`);
        assert.deepEqual(schema.properties.error.required.sort(), ['code', 'details', 'message']);
      }
      for (const [type, body] of Object.entries(op.requestBody?.content ?? {})) {
        assert.ok(!untyped(body.schema), `${route.method} ${route.url} ${type} request body is typed`);
      }
    }
  });

  it('declares the page content as binary JPEG, PNG, TIFF or PDF and the capture upload as multipart', () => {
    const content = doc.paths['/api/cases/{id}/images/{imageId}/content'].get.responses['200'].content;
    const types = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'];
    assert.deepEqual(Object.keys(content).sort(), types);
    for (const type of types) assert.deepEqual(content[type].schema, { type: 'string', format: 'binary' });
    const upload = doc.paths['/api/cases/{id}/images'].post.requestBody.content;
    assert.deepEqual(Object.keys(upload), ['multipart/form-data']);
    assert.deepEqual(upload['multipart/form-data'].schema.required.sort(), ['file', 'materialCode']);
    assert.equal(upload['multipart/form-data'].schema.properties.file.format, 'binary');
  });

  it('answers the audit trail in camelCase, with the detail parsed, as the document says', async () => {
    const token = await env.login('auditadmin');
    const res = await env.app.inject({ method: 'GET', url: '/api/audit/events?limit=5', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 200);
    const [event] = res.json().events;
    const documented = doc.paths['/api/audit/events'].get.responses['200'].content['application/json'].schema.properties.events.items;
    assert.deepEqual(Object.keys(event).sort(), Object.keys(documented.properties).sort());
    assert.ok(!Object.keys(event).some((key) => key.includes('_')), 'no snake_case keys');
    assert.equal(event.seq, 1);
    assert.equal(event.detail !== null && typeof event.detail === 'object' && !Array.isArray(event.detail), true);
    assert.match(event.prevHash, /^[0-9a-f]{64}$/);
  });

  it('serves the browsable UI at /docs', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /swagger/i);
  });
});
