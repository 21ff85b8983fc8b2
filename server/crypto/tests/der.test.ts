import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromHex, toHex } from '../bytes.ts';
import { decodeDer } from '../der/decode.ts';
import * as der from '../der/encode.ts';
import { decodeOidContent } from '../der/oid.ts';
import { DerReader } from '../der/reader.ts';
import { fromPem, fromPemAll, toPem } from '../der/pem.ts';
import { DerError } from '../der/tags.ts';
import * as values from '../der/values.ts';
import { decodeSpki } from '../sm2/key-encoding.ts';

/**
 * The fastest of `runs` timings, in ms: these tests tell linear from quadratic (or a minute), and on
 * a shared CI machine a single run can lose hundreds of ms to other processes; the fastest cannot gain.
 */
function fastestOf(runs: number, work: () => void): number {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

test("integers round-trip and use minimal two's complement", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }), (n) => {
      assert.equal(values.integerValue(decodeDer(der.integer(n))), n);
    }),
    { numRuns: 300 },
  );
  assert.equal(toHex(der.integer(0)), '020100');
  assert.equal(toHex(der.integer(127)), '02017f');
  assert.equal(toHex(der.integer(128)), '02020080');
  assert.equal(toHex(der.integer(-128)), '020180');
  assert.equal(toHex(der.integer(-129)), '0202ff7f');
});

test('OIDs round-trip, including large arcs', () => {
  const oid = fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 39 }), fc.array(fc.bigInt({ min: 0n, max: 1n << 70n }), { maxLength: 6 }))
    .map(([a, b, rest]) => [a, b, ...rest].join('.'));
  fc.assert(
    fc.property(oid, (value) => {
      assert.equal(values.oidValue(decodeDer(der.oid(value))), value);
    }),
    { numRuns: 200 },
  );
  assert.equal(toHex(der.oid('1.2.156.10197.1.501')), '06082a811ccf55018375');
});

test('strings and times round-trip', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      assert.equal(values.utf8StringValue(decodeDer(der.utf8String(s))), s);
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
      const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
      assert.equal(values.generalizedTimeValue(decodeDer(der.generalizedTime(whole))).getTime(), whole.getTime());
    }),
    { numRuns: 200 },
  );
  const utc = new Date('2049-12-31T23:59:59Z');
  assert.equal(values.x509TimeValue(decodeDer(der.x509Time(utc))).getTime(), utc.getTime());
  assert.equal(decodeDer(der.x509Time(new Date('2050-01-01T00:00:00Z'))).tag, 0x18);
});

test('named bit strings drop trailing zero bits (KeyUsage)', () => {
  // digitalSignature + nonRepudiation = bits 0 and 1: 03 02 06 c0
  assert.equal(toHex(der.namedBits([0, 1])), '030206c0');
  // keyCertSign + cRLSign = bits 5 and 6: 03 02 01 06
  assert.equal(toHex(der.namedBits([5, 6])), '03020106');
});

const rejects = (hex: string, read: (bytes: Uint8Array) => unknown): void => {
  assert.throws(() => read(fromHex(hex)), DerError, hex);
};

test('non-canonical or malformed encodings are refused', () => {
  const parse = (b: Uint8Array) => decodeDer(b);
  rejects('3080', parse); // indefinite length
  rejects('30810100', parse); // long form for a short length
  rejects('3082000100', parse); // leading zero length octet
  rejects('3003020100ff', parse); // trailing data after the value
  rejects('300302', parse); // truncated
  rejects('1f0100', parse); // high tag number form
  rejects('02020001', (b) => values.integerValue(decodeDer(b))); // redundant 00
  rejects('0202ff80', (b) => values.integerValue(decodeDer(b))); // redundant ff
  rejects('0200', (b) => values.integerValue(decodeDer(b))); // empty INTEGER
  rejects('010101', (b) => values.booleanValue(decodeDer(b))); // BOOLEAN must be 00 or ff
  rejects('030201ff', (b) => values.bitStringValue(decodeDer(b))); // non-zero padding bits
  rejects('030108', (b) => values.bitStringValue(decodeDer(b))); // unused bits > 7
  rejects('0602802a', (b) => values.oidValue(decodeDer(b))); // non-minimal arc
  rejects('16028080', (b) => values.ia5StringValue(decodeDer(b))); // IA5 above 0x7f
  rejects('0c02c328', (b) => values.utf8StringValue(decodeDer(b))); // invalid UTF-8
  rejects('130126', (b) => values.printableStringValue(decodeDer(b))); // '&' is not printable
  rejects('180d3230333030313031303030305a', (b) => values.generalizedTimeValue(decodeDer(b))); // no seconds
  rejects('181232303330303130313030303030302e31305a', (b) => values.generalizedTimeValue(decodeDer(b))); // trailing zero fraction
  rejects('180f32303330313333313030303030305a', (b) => values.generalizedTimeValue(decodeDer(b))); // month 13
  assert.throws(() => decodeOidContent(fromHex('2a81')), DerError); // truncated arc
});

test('a SEQUENCE reader refuses missing and extra fields', () => {
  const twoInts = der.sequence(der.integer(1), der.integer(2));
  const reader = DerReader.fromBytes(twoInts, 'Pair');
  assert.equal(reader.integer(), 1n);
  assert.throws(() => reader.end(), DerError);
  assert.equal(reader.integer(), 2n);
  assert.throws(() => reader.integer(), DerError);
  assert.throws(() => DerReader.fromBytes(twoInts, 'Pair').oid(), DerError);
});

test('OID arcs are bounded: a UUID arc decodes, an arc of 200 kB is refused at once instead of taking seconds', () => {
  const uuidOid = `2.25.${(1n << 128n) - 1n}`;
  assert.equal(values.oidValue(decodeDer(der.oid(uuidOid))), uuidOid);
  const longArc = new Uint8Array(200_000).fill(0xff);
  longArc[0] = 0x2a;
  longArc[longArc.length - 1] = 0x01;
  const started = performance.now();
  assert.throws(() => values.oidValue(decodeDer(der.tlv(0x06, longArc))), DerError);
  assert.ok(performance.now() - started < 100, 'refused quickly');
});

test('PEM: blocks are found as before, and text full of unmatched BEGIN lines is scanned in linear time', () => {
  const a = Uint8Array.of(1, 2, 3);
  const b = Uint8Array.of(4, 5);
  const text =
    `junk\n${toPem('CERTIFICATE', a)}-----END CERTIFICATE-----\n-----BEGIN ORPHAN-----\n` +
    `${toPem('X509 CRL', b)}-----BEGIN lower-----\nAA==\n-----END lower-----\n`;
  assert.deepEqual(fromPemAll(text), [
    { label: 'CERTIFICATE', der: a },
    { label: 'X509 CRL', der: b },
  ]);
  assert.deepEqual(fromPemAll('-----BEGIN AB-----\nAQ==\n-----END A-----\n-----BEGIN A-----\nAg==\n-----END A-----'), [
    { label: 'A', der: Uint8Array.of(2) },
  ]);
  assert.deepEqual(fromPem(toPem('PUBLIC KEY', a), ['PUBLIC KEY']).der, a);
  assert.throws(() => fromPem(toPem('PUBLIC KEY', a), ['CERTIFICATE']), DerError);
  assert.throws(() => fromPem('-----BEGIN A-----\n*\n-----END A-----', ['A']), DerError);
  assert.throws(() => fromPem('-----BEGIN A-----\nAQ==\n', ['A']), DerError);

  const scan = fastestOf(3, () => {
    assert.deepEqual(fromPemAll('-----BEGIN A-----'.repeat(100_000)), []); // 1.7 MB: took about a minute
    assert.deepEqual(fromPemAll(Array.from({ length: 20_000 }, (_, i) => `-----BEGIN A${i}-----`).join('')), []);
  });
  assert.ok(scan < 500, `scanned quickly (fastest of 3: ${scan.toFixed(0)} ms)`);
});

test('a SEQUENCE reader reads fields as asked: a million NULLs are refused at the first field, not parsed up front', () => {
  const nulls = new Uint8Array(2_000_000);
  for (let i = 0; i < nulls.length; i += 2) nulls[i] = 0x05;
  const refusal = fastestOf(3, () => {
    const reader = new DerReader(decodeDer(der.tlv(0x30, nulls)), 'Wide');
    assert.throws(() => reader.integer(), DerError);
  });
  assert.ok(refusal < 100, `refused quickly (fastest of 3: ${refusal.toFixed(0)} ms)`);
  assert.throws(() => new DerReader(decodeDer(fromHex('0400')), 'Primitive', 0x04), DerError);
  const badTail = DerReader.fromBytes(fromHex('300502010104ff'), 'BadTail');
  assert.equal(badTail.integer(), 1n);
  assert.equal(badTail.hasMore(), true);
  assert.throws(() => badTail.end(), DerError);
  assert.throws(() => badTail.next(), DerError, 'the malformed field is refused when it is read');
});

test('a long fraction of a second is truncated to milliseconds, never rounded into the next second', () => {
  const time = (text: string): Date => values.generalizedTimeValue(decodeDer(der.tlv(0x18, new TextEncoder().encode(text))));
  assert.equal(time('20301231235959.9999999999999999999Z').toISOString(), '2030-12-31T23:59:59.999Z');
  assert.equal(time('20300101000000.5Z').toISOString(), '2030-01-01T00:00:00.500Z');
  assert.equal(time('20300101000000.0123Z').toISOString(), '2030-01-01T00:00:00.012Z');
});

test('error messages quote at most a short excerpt of the input', () => {
  const longTime = der.tlv(0x18, new Uint8Array(100_000).fill(0x31));
  assert.throws(
    () => values.generalizedTimeValue(decodeDer(longTime)),
    (error: unknown) => error instanceof DerError && error.message.length < 200,
  );
  const manyArcs = der.tlv(0x06, new Uint8Array(100_000).fill(0x01));
  const algorithm = der.sequence(der.sequence(manyArcs, der.oid('1.2.156.10197.1.301')), der.bitString(Uint8Array.of(4)));
  assert.throws(
    () => decodeSpki(algorithm),
    (error: unknown) => error instanceof DerError && error.message.length < 300,
  );
});
