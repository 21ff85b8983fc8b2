/**
 * Generated input, as a careless or hostile client would send it, against every /api route: requests
 * are built from the route's own OpenAPI request schema (valid-shaped values and boundary values),
 * then spoiled (wrong types, missing and extra properties, huge strings, NUL and other control
 * characters, lone surrogates, impossible dates, malformed JSON, wrong content types, malformed
 * multipart). Whatever comes in, the answer is never a 5xx, and every refusal is in our error format
 * with a code from the catalog. The seed is fixed, so a failure repeats.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { ERROR_CATALOG, type ErrorCode } from '../server/errors.ts';
import { as } from './support/api.ts';
import { acceptSample, firstMaterialCode, subtypeWithChain } from './support/journey.ts';
import { sampleApplicant, sampleFields, sampleImage } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const SEED = 20261130;
const RUNS_PER_ROUTE = 45;
/** No refusal grows with the request: what we echo is bounded (see error-handler.ts). */
const MAX_ERROR_BODY = 16_384;

interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface Body {
  contentType?: string;
  payload: string | Buffer;
}
/** `user` signs the request with that demo user's current token (a generated sign-out may have ended the last one). */
interface Probe {
  method: string;
  url: string;
  headers: Record<string, string>;
  user?: number;
  body?: Body;
}

// ---------------------------------------------------------------- spoiled values

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f', '\n', '\r', '\t'];
const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];
const ODD_TEXT = [
  '',
  ' ',
  '2026-13-01',
  '2026-02-30',
  '2026-00-10',
  '0000-00-00',
  '9999-99-99',
  '2026-1-1',
  '2026-11-31',
  '20261130',
  'null',
  'NaN',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  "'; drop table cases; --",
  '%00',
  '\u202e',
  '\uFEFF',
  '\uFFFF',
];

const splice = (inserts: string[]) =>
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...inserts), fc.string({ maxLength: 8 })).map((p) => p.join(''));
const hugeText = fc.integer({ min: 1_000, max: 200_000 }).chain((n) => fc.constantFrom('x', '张', '😀').map((c) => c.repeat(n)));

const nastyText = (huge: boolean) =>
  fc.oneof(
    { weight: 2, arbitrary: splice(['\u0000']) }, // PostgreSQL refuses NUL in text: the likeliest 500
    { weight: 1, arbitrary: splice(CONTROLS) },
    { weight: 1, arbitrary: splice(LONE_SURROGATES) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_TEXT) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    ...(huge ? [{ weight: 1, arbitrary: hugeText }] : []),
  );
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(1e308),
  fc.constant(-0),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const nasty = fc.oneof({ weight: 3, arbitrary: nastyText(true) }, { weight: 2, arbitrary: wrongType });

// ---------------------------------------------------------------- values from a JSON schema

function boundaryStrings(schema: JsonSchema): fc.Arbitrary<string>[] {
  const lengths = [schema.minLength, schema.maxLength]
    .filter((n): n is number => n !== undefined)
    .flatMap((n) => [n - 1, n, n + 1])
    .filter((n) => n >= 0);
  return lengths.length ? [fc.constantFrom(...lengths).chain((n) => fc.constantFrom('a', '张').map((c) => c.repeat(n)))] : [];
}

/** Values known to exist, by property or parameter name (a case id, a material code, a sub-type code…). */
type Hints = Record<string, unknown[]>;

/** A value of the schema's shape: mostly valid, with its edges (lengths and bounds just inside and outside). */
function shaped(schema: JsonSchema, hints: Hints, name?: string): fc.Arbitrary<unknown> {
  const fromSchema = shapedBySchema(schema, hints);
  const known = name ? hints[name] : undefined;
  return known?.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: fromSchema }) : fromSchema;
}

function shapedBySchema(schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => shaped(s, hints)));
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'binary') return fc.string({ maxLength: 20 });
      const plain = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern), { maxLength: 40 })
        : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
      return fc.oneof({ weight: 4, arbitrary: plain }, ...boundaryStrings(schema).map((arbitrary) => ({ weight: 1, arbitrary })));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1_000_000;
      const max = schema.maximum ?? 1_000_000;
      return fc.oneof(fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) }), fc.constantFrom(min - 1, min, max, max + 1));
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(shaped(schema.items ?? {}, hints), { maxLength: 3 });
    case 'object':
      return objectOf(schema, (s, key) => shaped(s, hints, key));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(schema: JsonSchema, value: (s: JsonSchema, key: string) => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) return fc.dictionary(fc.string({ maxLength: 12 }), value({}, ''), { maxKeys: 3 });
  return fc.record(Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, value(s, k)])), { requiredKeys: schema.required ?? [] });
}

/** The shape with spoiled parts: a value replaced, a required property dropped, an unknown one added. */
function spoiled(schema: JsonSchema, hints: Hints, name?: string): fc.Arbitrary<unknown> {
  if (schema.type === 'object' && schema.properties) {
    const spoiledObject = fc
      .tuple(
        objectOf(schema, (s, key) => fc.oneof(shaped(s, hints, key), spoiled(s, hints, key))),
        fc.option(fc.constantFrom(...Object.keys(schema.properties)), { nil: undefined }),
        fc.option(fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), nastyText(false)), nasty), { nil: undefined }),
      )
      .map(([object, dropped, extra]) => {
        const copy = { ...object };
        if (dropped) delete copy[dropped];
        if (extra) copy[extra[0]] = extra[1];
        return copy;
      });
    return fc.oneof({ weight: 4, arbitrary: spoiledObject }, { weight: 1, arbitrary: nasty });
  }
  return fc.oneof({ weight: 1, arbitrary: shaped(schema, hints, name) }, { weight: 3, arbitrary: nasty });
}

/** Where a value sits inside a JSON document: every property and element, at any depth. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]))];
}

/** A valid example with one place spoiled: replaced by a nasty value, removed, or given an unknown sibling. */
function spoiledExample(example: unknown): fc.Arbitrary<unknown> {
  const paths = leafPaths(example).filter((p) => p.length > 0);
  return fc.tuple(fc.constantFrom(...paths), nasty, fc.constantFrom('replace', 'replace', 'delete', 'sibling')).map(([path, bad, how]) => {
    const copy = structuredClone(example) as Record<string | number, unknown>;
    let parent: any = copy;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const last = path[path.length - 1] ?? assert.fail('a spoiled place has a non-empty path');
    if (how === 'replace') parent[last] = bad;
    else if (how === 'delete') delete parent[last];
    else if (!Array.isArray(parent)) parent[`${String(last)}Extra`] = bad;
    return copy;
  });
}

// ---------------------------------------------------------------- encoding into a request

/** Percent-encodes text as a client would, lone surrogates included (as their WTF-8 bytes, which no decoder accepts). */
function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text.charAt(i));
    }
  }
  return out;
}

const asText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
const hasLoneSurrogate = (text: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

const RAW_QUERY_JUNK = ['%', '%ZZ', '%ED%A0%80', '%00', '%C0%AF', '&&&', '=', 'a[b]=c', 'limit=1&limit=2', '%FF%FE'];

function queryArb(parameters: Parameter[], hints: Hints): fc.Arbitrary<string> {
  const query = parameters.filter((p) => p.in === 'query');
  if (query.length === 0) return fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY_JUNK) });
  const clean = (p: Parameter) =>
    fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: shaped(p.schema, hints, p.name) });
  const dirty = (p: Parameter) =>
    fc.option(
      fc.oneof(
        { weight: 3, arbitrary: shaped(p.schema, hints, p.name) },
        { weight: 2, arbitrary: spoiled(p.schema, hints, p.name) },
        { weight: 1, arbitrary: fc.array(shaped(p.schema, hints, p.name), { minLength: 2, maxLength: 3 }) },
      ),
      { nil: undefined, freq: 2 },
    );
  const encode = (values: unknown[], junk?: string) => {
    const pairs = values.flatMap((value, i) => {
      if (value === undefined) return [];
      const parameter = query[i];
      assert.ok(parameter, 'one value per query parameter');
      const list = Array.isArray(value) && parameter.schema.type !== 'array' ? value : [value];
      return list.map((v) => `${parameter.name}=${percentEncode(asText(v))}`);
    });
    if (junk) pairs.push(junk);
    return pairs.join('&');
  };
  return fc.oneof(
    { weight: 2, arbitrary: fc.tuple(...query.map(clean)).map((values) => encode(values)) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.tuple(...query.map(dirty)), fc.option(fc.constantFrom(...RAW_QUERY_JUNK), { nil: undefined, freq: 5 }))
        .map(([values, junk]) => encode(values, junk)),
    },
  );
}

/**
 * Path parameters stay decodable and within Fastify's parameter length: what lies outside (an URL
 * no decoder accepts, an over-long parameter) is answered by the router itself, and has its own
 * test below.
 */
function pathValueArb(parameter: Parameter, hints: Hints): fc.Arbitrary<string> {
  const junk = fc
    .oneof(nastyText(false), wrongType.map(asText))
    .map((v) => v.slice(0, 60))
    .filter((v) => v.length > 0 && !hasLoneSurrogate(v));
  return fc
    .oneof(
      {
        weight: 5,
        arbitrary: shaped(parameter.schema, hints, parameter.name)
          .map(asText)
          .filter((v) => v.length > 0 && v.length <= 60),
      },
      { weight: 2, arbitrary: junk },
    )
    .map((v) => encodeURIComponent(v));
}

const jsonBody = (value: unknown): Body => ({ contentType: 'application/json', payload: JSON.stringify(value) ?? 'null' });

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,',
  '{"a":1}}',
  '\u0000',
  'nul',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{}}}',
  "{'a':1}",
  '',
  ' ',
  '\uFEFF{}',
];
const malformedJson: fc.Arbitrary<Body> = fc.oneof(
  fc.constantFrom(...MALFORMED_JSON).map((payload) => ({ contentType: 'application/json', payload })),
  fc.constant({ contentType: 'application/json', payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d]) }),
  fc.integer({ min: 1, max: 5_000 }).map((n) => ({ contentType: 'application/json', payload: '['.repeat(n) + ']'.repeat(n) })),
);
const WRONG_TYPES = [
  'text/plain',
  'application/xml',
  'text/xml',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'image/jpeg',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'multipart/mixed; boundary=x',
  'application/json; charset=utf-16',
  'application/problem+json',
  'application/jsonx',
  ';;;',
  'application/',
  '*/*',
];
const wrongContentType: fc.Arbitrary<Body> = fc
  .tuple(fc.constantFrom(...WRONG_TYPES), fc.constantFrom('{}', '<a/>', 'a=1&b=2', '--x\r\n'))
  .map(([contentType, payload]) => ({ contentType, payload }));

// ---------------------------------------------------------------- multipart

interface PartSpec {
  disposition: string;
  name?: string;
  filename?: string;
  contentType?: string;
  value: string | Buffer;
}

function multipartArb(materialCodes: string[], image: Buffer): fc.Arbitrary<Body> {
  const value = fc.oneof(
    fc.constant(image),
    fc.constantFrom(...materialCodes),
    fc.constant(image.subarray(0, 40)),
    nastyText(true),
    fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
  );
  const part: fc.Arbitrary<PartSpec> = fc.record({
    disposition: fc.constantFrom('form-data', 'form-data', 'form-data', 'attachment', ''),
    name: fc.option(fc.oneof(fc.constantFrom('file', 'materialCode', '__proto__', 'constructor', ''), fc.string({ maxLength: 80 })), {
      nil: undefined,
      freq: 6,
    }),
    filename: fc.option(fc.constantFrom('p.jpg', 'p.png', '', '../../x.jpg', 'a"b.jpg'), { nil: undefined }),
    contentType: fc.option(fc.constantFrom('image/jpeg', 'image/png', 'application/json', 'text/plain', 'text/plain; charset=utf-16'), {
      nil: undefined,
    }),
    value,
  });
  const wellFormed = fc.tuple(fc.constantFrom(...materialCodes), fc.boolean()).map(([code, fileFirst]): PartSpec[] => {
    const parts: PartSpec[] = [
      { disposition: 'form-data', name: 'materialCode', value: code },
      { disposition: 'form-data', name: 'file', filename: 'p.jpg', contentType: 'image/jpeg', value: image },
    ];
    return fileFirst ? parts.reverse() : parts;
  });
  const flood = fc
    .integer({ min: 4, max: 2_000 })
    .map((n): PartSpec[] => Array.from({ length: n }, (_, i) => ({ disposition: 'form-data', name: `f${i}`, value: 'x' })));
  const boundary = fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/);
  const proper = fc.record({ boundary, header: fc.constant('same'), parts: wellFormed, ending: fc.constant('close') });
  const improper = fc.record({
    boundary: fc.oneof({ weight: 5, arbitrary: boundary }, { weight: 1, arbitrary: fc.constant('b'.repeat(300)) }),
    header: fc.constantFrom('same', 'same', 'same', 'missing', 'other', 'quoted', 'mixed'),
    parts: fc.oneof(
      { weight: 2, arbitrary: wellFormed },
      { weight: 4, arbitrary: fc.array(part, { maxLength: 6 }) },
      { weight: 1, arbitrary: flood },
    ),
    ending: fc.constantFrom('close', 'none', 'none', 'cut', 'garbage', 'preamble'),
  });
  return fc.oneof({ weight: 2, arbitrary: proper }, { weight: 5, arbitrary: improper }).map(({ boundary, header, parts, ending }) => {
    const chunks: Buffer[] = [];
    if (ending === 'preamble') chunks.push(Buffer.from('preamble text\r\n'));
    for (const p of parts) {
      const disposition =
        p.disposition === ''
          ? ''
          : `Content-Disposition: ${p.disposition}${p.name !== undefined ? `; name="${p.name}"` : ''}${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n`;
      chunks.push(
        Buffer.from(`--${boundary}\r\n${disposition}${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`),
        Buffer.from(p.value),
        Buffer.from('\r\n'),
      );
    }
    if (ending === 'close' || ending === 'preamble') chunks.push(Buffer.from(`--${boundary}--\r\n`));
    if (ending === 'garbage') chunks.push(Buffer.from(`--${boundary}-X\r\n\u0000\u0000`));
    let payload = Buffer.concat(chunks);
    if (ending === 'cut') payload = payload.subarray(0, Math.floor(payload.length / 2));
    const contentType = {
      same: `multipart/form-data; boundary=${boundary}`,
      missing: 'multipart/form-data',
      other: 'multipart/form-data; boundary=not-the-one',
      quoted: `multipart/form-data; boundary="${boundary}"`,
      mixed: `multipart/mixed; boundary=${boundary}`,
    }[header];
    return { contentType, payload };
  });
}

// ---------------------------------------------------------------- the answer

function describeProbe(probe: Probe): string {
  const payload = probe.body ? ` [${probe.body.contentType}] ${String(probe.body.payload).slice(0, 200)}` : '';
  const auth = probe.user !== undefined ? `user ${probe.user}` : probe.headers.authorization ? probe.headers.authorization.slice(0, 20) : 'none';
  return `${probe.method} ${probe.url.slice(0, 300)} auth=${auth}${payload}`;
}

function checkAnswer(probe: Probe, res: LightMyRequestResponse): void {
  const where = () => `${describeProbe(probe)}\n  -> ${res.statusCode} ${res.body.slice(0, 400)}`;
  assert.ok(res.statusCode < 500, `5xx: ${where()}`);
  if (res.statusCode < 400) return;
  assert.ok(res.body.length <= MAX_ERROR_BODY, `refusal of ${res.body.length} bytes: ${where()}`);
  let body: any;
  assert.doesNotThrow(() => {
    body = JSON.parse(res.body);
  }, `refusal is not JSON: ${where()}`);
  assert.deepEqual(Object.keys(body), ['error'], `not our error format: ${where()}`);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'details', 'message'], `not our error format: ${where()}`);
  const entry = ERROR_CATALOG[body.error.code as ErrorCode];
  assert.ok(entry, `code not in ERROR_CATALOG: ${where()}`);
  assert.equal(entry.status, res.statusCode, `status differs from the catalog's: ${where()}`);
  assert.ok(body.error.message === entry.zh || body.error.message === entry.en, `message not from the catalog: ${where()}`);
  assert.ok(body.error.details && typeof body.error.details === 'object' && !Array.isArray(body.error.details), `details not an object: ${where()}`);
}

// ---------------------------------------------------------------- the tests

describe('generated input on every route: no 5xx, every refusal in our error format', () => {
  let env: TestEnv;
  let doc: { paths: Record<string, Record<string, Operation>> };
  const users = ['gulou.officer', 'gulou.leader', 'city.supervisor', 'auditadmin'];
  let tokens: string[];
  let sent = 0;
  let hints: Hints;
  let examples: Record<string, unknown[]>;
  let caseId: string;
  let materialCodes: string[];
  let image: Buffer;

  const send = async (probe: Probe) => {
    const signed = probe.user !== undefined ? { authorization: `Bearer ${tokens[probe.user]}` } : {};
    const res = await env.app.inject({
      method: probe.method as 'GET',
      url: probe.url,
      headers: { ...probe.headers, ...signed, ...(probe.body?.contentType ? { 'content-type': probe.body.contentType } : {}) },
      ...(probe.body ? { payload: probe.body.payload } : {}),
      // Generated sign-ins come from elsewhere than the test's own, and from many places, so that throttling
      // neither locks the test out nor stops generated sign-ins before they reach the database.
      remoteAddress: `198.51.100.${(sent++ % 250) + 1}`,
    });
    checkAnswer(probe, res);
    if (probe.user !== undefined && probe.url.startsWith('/api/auth/logout') && res.statusCode < 300) {
      env.forgetSessions();
      tokens = await Promise.all(users.map((u) => env.login(u)));
    }
    return res;
  };

  before(async () => {
    env = await createTestEnv();
    tokens = await Promise.all(users.map((u) => env.login(u)));
    const subtype = subtypeWithChain(env, 'station');
    const officer = await as(env, 'gulou.officer');
    const kase = await acceptSample(officer, subtype, 7);
    caseId = kase.id;
    materialCodes = subtype.materials.map((m) => m.code);
    image = await sampleImage(11);
    const page = await officer.upload(kase.id, firstMaterialCode(subtype), image);
    assert.equal(page.status, 201, JSON.stringify(page.body));
    // Real values, so that generated requests also get past the lookups and reach the acts and the stores.
    hints = {
      id: [kase.id],
      imageId: [page.body.images[0].id],
      version: env.ctx.catalogs.versions().map((c) => c.version),
      subtypeCode: [subtype.code],
      unitId: [kase.unit.id],
      caseNo: [kase.caseNo],
      acceptedFrom: ['2026-11-29'],
      acceptedTo: ['2026-11-30'],
      field: ['applicant'],
      reason: ['核对申请人身份'],
      comment: ['材料齐全'],
    };
    examples = { 'POST /api/cases': [{ subtypeCode: subtype.code, applicant: sampleApplicant(8), fields: sampleFields(subtype, 8) }] };
    await env.app.ready();
    doc = env.app.swagger() as unknown as typeof doc;
  });
  after(async () => {
    await env.close();
  });

  function probeArb(method: string, url: string): fc.Arbitrary<Probe> {
    const op = doc.paths[url.replace(/:([a-zA-Z]+)/g, '{$1}')]?.[method.toLowerCase()];
    assert.ok(op, `${method} ${url} is in the OpenAPI document`);
    const parameters = op.parameters ?? [];
    const pathNames = [...url.matchAll(/:([a-zA-Z]+)/g)].map(([, name]) => name ?? assert.fail(`unnamed parameter in ${url}`));
    const pathValues = fc.tuple(
      ...pathNames.map((name) => {
        const parameter = parameters.find((p) => p.in === 'path' && p.name === name) ?? { in: 'path' as const, name, schema: { type: 'string' } };
        return pathValueArb(parameter, hints);
      }),
    );
    const content = op.requestBody?.content ?? {};
    const jsonSchema = content['application/json']?.schema;
    const multipart = multipartArb(materialCodes, image);
    // Any route may be sent a body it does not take, multipart included.
    const anyBody = fc.oneof(
      { weight: 2, arbitrary: nasty.map(jsonBody) },
      { weight: 2, arbitrary: malformedJson },
      { weight: 2, arbitrary: wrongContentType },
      { weight: 3, arbitrary: multipart },
    );
    const body: fc.Arbitrary<Body | undefined> = content['multipart/form-data']
      ? fc.oneof({ weight: 6, arbitrary: multipart }, { weight: 1, arbitrary: anyBody })
      : jsonSchema
        ? fc.oneof(
            { weight: 3, arbitrary: shaped(jsonSchema, hints).map(jsonBody) },
            { weight: 4, arbitrary: spoiled(jsonSchema, hints).map(jsonBody) },
            ...(examples[`${method} ${url}`] ?? []).flatMap((example) => [
              { weight: 2, arbitrary: fc.constant(jsonBody(example)) },
              { weight: 4, arbitrary: spoiledExample(example).map(jsonBody) },
            ]),
            { weight: 2, arbitrary: anyBody },
            { weight: 1, arbitrary: fc.constant(undefined) },
          )
        : method === 'GET'
          ? fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyBody })
          : fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: anyBody });
    const auth = fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) }, // the window officer, who may accept and capture
      { weight: 3, arbitrary: fc.nat({ max: users.length - 1 }) },
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('Bearer ', 'Bearer nonsense', 'Basic dXNlcjpwYXNz', 'bearer x', `Bearer ${'x'.repeat(5_000)}`) },
    );
    const key = fc.oneof(
      { weight: 6, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom(undefined, 'short', 'has space in it', 'k'.repeat(500)) },
    );
    return fc
      .record({ path: pathValues, query: queryArb(parameters, hints), body, auth, key, english: fc.boolean() })
      .map(({ path, query, body: b, auth: a, key: k, english }) => {
        let i = 0;
        const filled = url.replace(/:([a-zA-Z]+)/g, () => path[i++] ?? assert.fail(`no value for a parameter of ${url}`));
        const headers: Record<string, string> = {};
        if (typeof a === 'string') headers.authorization = a;
        if (k) headers['idempotency-key'] = k;
        if (english) headers['accept-language'] = 'en';
        const probe: Probe = { method, url: query ? `${filled}?${query}` : filled, headers, user: typeof a === 'number' ? a : undefined, body: b };
        return Object.assign(probe, { [fc.toStringMethod]: () => describeProbe(probe) });
      });
  }

  it('answers generated requests on every route without a 5xx, refusals in our error format', async () => {
    assert.ok(env.app.routeList.length >= 20);
    for (const route of env.app.routeList) {
      await fc.assert(
        fc.asyncProperty(probeArb(route.method, route.url), async (probe) => {
          await send(probe);
        }),
        {
          seed: SEED,
          numRuns: RUNS_PER_ROUTE,
          endOnFailure: true,
        },
      );
    }
  });

  it('refuses the inputs that used to answer 500 (impossible date, unclosed multipart, NUL) with a 4xx', async () => {
    const auth = { authorization: `Bearer ${tokens[2]}` };
    const officer = { authorization: `Bearer ${tokens[0]}` };
    for (const query of ['acceptedFrom=2026-13-01', 'acceptedTo=2026-13-01', 'acceptedTo=2026-02-30', 'name=a%00b', 'caseNo=%00', 'cursor=%00']) {
      const res = await send({ method: 'GET', url: `/api/cases?${query}`, headers: auth });
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED', query);
    }
    const unclosed = await send({
      method: 'POST',
      url: `/api/cases/${caseId}/images`,
      headers: { ...officer, 'idempotency-key': 'unclosed-multipart-1' },
      body: {
        contentType: 'multipart/form-data; boundary=xyz',
        payload: `--xyz\r\nContent-Disposition: form-data; name="materialCode"\r\n\r\n${materialCodes[0]}\r\n`,
      },
    });
    assert.equal(unclosed.statusCode, 400);
    assert.equal(unclosed.json().error.code, 'UPLOAD_MALFORMED');
    // Refused by the sign-in schema, or by PostgreSQL (22021) and mapped; SQLite stores NUL and finds no such user.
    const nulName = await send({
      method: 'POST',
      url: '/api/auth/login',
      headers: {},
      body: jsonBody({ username: 'gulou\u0000officer', password: 'x' }),
    });
    assert.ok([400, 401].includes(nulName.statusCode), String(nulName.statusCode));
    const nulComment = await send({
      method: 'POST',
      url: `/api/cases/${caseId}/verify`,
      headers: { ...officer, 'idempotency-key': 'nul-comment-1' },
      body: jsonBody({ comment: 'a\u0000b' }),
    });
    assert.equal(nulComment.statusCode, 400);
    const xml = await send({
      method: 'POST',
      url: `/api/cases/${caseId}/verify`,
      headers: { ...officer, 'idempotency-key': 'xml-body-1' },
      body: { contentType: 'application/xml', payload: '<a/>' },
    });
    assert.equal(xml.statusCode, 415);
    assert.equal(xml.json().error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  // The router answers these before any route runs: they reach our format only through Fastify's
  // `frameworkErrors` option (server/app.ts: `frameworkErrors: handleError`).
  it('answers an URL no decoder accepts, and an over-long path parameter, in our error format', async () => {
    const auth = { authorization: `Bearer ${tokens[0]}` };
    for (const url of [
      '/api/cases/%ED%A0%80',
      '/api/cases/%E0%A4%A',
      `/api/cases/${'a'.repeat(500)}`,
      `/api/catalog/versions/${'v'.repeat(5_000)}`,
    ]) {
      const res = await send({ method: 'GET', url, headers: auth });
      assert.equal(res.statusCode, 400, url.slice(0, 60));
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
  });
});
