// Fuzzing of every decoder of untrusted bytes in the crypto core: DER, PEM,
// X.509 certificates and CRLs, GB/T 38540 SES_Seal and SES_Signature, SM2 keys
// and signatures. On any input a decoder returns a value or throws DerError
// (with a short string message); it never throws anything else, never takes
// long on one input, and a value it returns re-encodes to the input wherever
// an encoder exists (strict DER: one value, one encoding). The verifiers built
// on them never throw at all. Inputs: random bytes and text, random DER trees,
// byte edits and structure-aware edits of valid encodings made by the fixtures,
// every truncation and every single-byte deletion, every length lie at every
// node, large inputs (50-200 kB) where a superlinear path shows, and nesting
// 100 000 deep. The seed is fixed, but the fixtures' keys and signatures are
// fresh on each run, so a failure prints the offending input in hex.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import fc from 'fast-check';
import { bytesEqual, toHex, utf8 } from '../bytes.ts';
import { childrenOf, decodeDer, isConstructed, type DerElement } from '../der/decode.ts';
import { bitString, explicit, integer, octetString, oid, sequence } from '../der/encode.ts';
import { fromPem, fromPemAll, toPem } from '../der/pem.ts';
import { DerError, Tag } from '../der/tags.ts';
import * as values from '../der/values.ts';
import { Oid } from '../oids.ts';
import { createSeal, signWithSeal } from '../ses/create.ts';
import { decodeSeal, decodeSignature } from '../ses/decode.ts';
import { decodeReceivedSeal, decodeReceivedSignature } from '../ses/decode-received.ts';
import { encodeSeal, encodeSignature } from '../ses/encode.ts';
import { verifySesSeal, verifySesSignature } from '../ses/verify.ts';
import { encodeSpki } from '../sm2/key-encoding.ts';
import { Sm2PrivateKey, Sm2PublicKey } from '../sm2/keys.ts';
import { sm2Sign, sm2Verify } from '../sm2/sign.ts';
import { decodeSm2Signature, encodeSm2Signature, sm2SignatureFromRaw, sm2SignatureToRaw } from '../sm2/signature-encoding.ts';
import { sm3 } from '../sm3.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { parseCrl } from '../x509/crl.ts';
import { issueCrl } from '../x509/crl-issue.ts';
import {
  applyBigEdit,
  applyByteEdits,
  applyTextEdits,
  applyTreeEdits,
  bigEdit,
  byteEdit,
  encodeTree,
  INTERESTING_CONTENTS,
  nestDeeply,
  parseTree,
  randomDerTree,
  textEdit,
  treeEdit,
  treeSize,
} from './support/der-mutations.ts';
import { itemAt } from './support/item-at.ts';
import { at } from './support/pki.ts';
import { createSesFixture } from './support/ses-fixture.ts';
import { createForeignSes } from './support/foreign-ses.ts';

const SEED = 38540;
/** Bound for one input, in ms (CPU time when the wall clock exceeds it, see timed): far above any honest decode here (about 50 ms at most, for the largest inputs); a quadratic path on the large inputs goes past it. */
const PER_INPUT_MS = 250;
const MAX_MESSAGE_LENGTH = 1000;
/** Runs per decoder with inputs of 50-200 kB, where a superlinear path shows. */
const BIG_RUNS = 30;

// ---- Valid encodings, from the shared fixtures ------------------------------------------------

const fx = createSesFixture();
const makerHolder = { certificate: fx.maker.certificate, privateKey: fx.maker.keys.privateKey };
const signerHolder = { certificate: fx.signer.certificate, privateKey: fx.signer.keys.privateKey };
const intermediate = { certificate: fx.pki.intermediate.certificate, privateKey: fx.pki.intermediate.keys.privateKey };

const digestSealDer = createSeal({ ...fx.sealRequest, certListType: 2, extDatas: undefined }, makerHolder).der;
const fullSignature = signWithSeal(
  {
    sealDer: digestSealDer,
    documentHash: sm3(fx.document),
    propertyInfo: 'p',
    signingTime: at(1),
    extDatas: [{ extnId: '1.2.3.4', critical: true, extnValue: Uint8Array.of(5) }],
  },
  signerHolder,
).signature;
const fullSignatureDer = encodeSignature({ ...fullSignature, timeStamp: Uint8Array.of(1, 2, 3) });
// GM/T 0031-2014, BER (explicit critical FALSE) and version 5 encodings, for the decoders of received seals.
const foreign = createForeignSes();

const crls = [
  issueCrl(
    {
      thisUpdate: at(0),
      nextUpdate: at(7),
      crlNumber: 42n,
      revoked: [
        { serialNumber: fx.outsider.certificate.serialNumber, revocationDate: at(-1), reason: 'keyCompromise' },
        { serialNumber: 7n, revocationDate: new Date('2051-01-01T00:00:00Z') },
      ],
    },
    intermediate,
  ),
  issueCrl({ thisUpdate: at(0), crlNumber: 1n, revoked: [] }, intermediate),
];

const key = fx.signer.keys.privateKey;
const point = key.publicKey.point;
const compressedPoint = Uint8Array.of(2 + (itemAt(point, 64) & 1), ...point.subarray(1, 33));
const sec1Der = sequence(integer(1), octetString(key.exportScalar()), explicit(0, oid(Oid.sm2)), explicit(1, bitString(point)));
const message = utf8('户口迁移审批表');
const sm2Signatures = [sm2Sign(key, message), sm2Sign(key, message)];

// ---- The contract ------------------------------------------------------------------------------

interface Target<I> {
  readonly name: string;
  readonly decode: (input: I) => unknown;
  readonly valid: readonly I[];
  /** Extra claim on a value the decoder returned for this input. */
  readonly check?: (input: I, value: never) => void;
}

interface Stats {
  inputs: number;
  refused: number;
  /** Time spent decoding, all inputs together. */
  totalMs: number;
  /** Most time one input took. */
  slowestMs: number;
}

const show = (input: Uint8Array | string): string => {
  const hex = typeof input === 'string' ? toHex(utf8(input)) : toHex(input);
  return hex.length > 8000 ? `${hex.slice(0, 8000)}... (${hex.length / 2} bytes)` : hex;
};

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.constructor.name}: ${error.message}\n${error.stack}` : String(error);

/** CPU time of this process in ms. */
const cpuNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Time of one call in ms: wall clock first, since it is cheap; only when that
 * exceeds the bound is the call repeated and its CPU time taken instead. The
 * 2-core machine is shared: a decode descheduled behind other work is not slow
 * itself, while a quadratic path burns CPU all the same.
 */
function timed(run: () => void): number {
  const started = performance.now();
  run();
  const wall = performance.now() - started;
  if (wall < PER_INPUT_MS) return wall;
  const cpuStarted = cpuNow();
  run();
  return cpuNow() - cpuStarted;
}

/** Decodes one input under the contract; returns whether it was accepted. */
function attempt<I extends Uint8Array | string>(target: Target<I>, input: I, stats: Stats): boolean {
  let accepted = false;
  const elapsed = timed(() => {
    accepted = false;
    try {
      const value = target.decode(input);
      accepted = true;
      target.check?.(input, value as never);
    } catch (error) {
      if (accepted) assert.fail(`${target.name}: accepted ${show(input)} but ${describeError(error)}`);
      if (!(error instanceof DerError)) assert.fail(`${target.name} threw ${describeError(error)}\non input ${show(input)}`);
      if (typeof error.message !== 'string' || error.message.length === 0 || error.message.length > MAX_MESSAGE_LENGTH) {
        assert.fail(`${target.name}: DerError message of ${String(error.message?.length)} characters on input ${show(input)}`);
      }
    }
  });
  stats.inputs++;
  if (!accepted) stats.refused++;
  stats.totalMs += elapsed;
  stats.slowestMs = Math.max(stats.slowestMs, elapsed);
  if (elapsed >= PER_INPUT_MS) assert.fail(`${target.name} took ${elapsed.toFixed(1)} ms of CPU on ${show(input)}`);
  return accepted;
}

const pick = <T>(list: readonly T[], index: number): T => itemAt(list, index % list.length);

function report(t: TestContext, name: string, stats: Stats): void {
  t.diagnostic(
    `${name}: ${stats.inputs} inputs, ${stats.refused} refused with DerError, ${stats.totalMs.toFixed(0)} ms decoding, slowest input ${stats.slowestMs.toFixed(2)} ms`,
  );
}

/** Random bytes, random DER trees, byte edits and tree edits of valid encodings, then the exhaustive edits. */
function fuzzBytes(t: TestContext, target: Target<Uint8Array>, runs: number, seed: number): void {
  const stats: Stats = { inputs: 0, refused: 0, totalMs: 0, slowestMs: 0 };
  for (const valid of target.valid) assert.ok(attempt(target, valid, stats), `${target.name} decodes its valid fixture ${show(valid)}`);
  const property = (arbitrary: fc.Arbitrary<Uint8Array>, numRuns: number, offset: number): void =>
    fc.assert(
      fc.property(arbitrary, (input) => {
        attempt(target, input, stats);
      }),
      { seed: seed + offset, numRuns },
    );
  property(fc.uint8Array({ maxLength: 300 }), runs, 1);
  property(randomDerTree, runs, 2);
  property(
    fc.tuple(fc.nat(), fc.array(byteEdit, { minLength: 1, maxLength: 4 })).map(([which, edits]) => applyByteEdits(pick(target.valid, which), edits)),
    runs * 2,
    3,
  );
  property(
    fc.tuple(fc.nat(), fc.array(treeEdit, { minLength: 1, maxLength: 3 })).map(([which, edits]) => applyTreeEdits(pick(target.valid, which), edits)),
    runs * 3,
    4,
  );
  property(
    fc.tuple(fc.nat(), bigEdit).map(([which, edit]) => applyBigEdit(pick(target.valid, which), edit)),
    BIG_RUNS,
    5,
  );

  for (const valid of target.valid) {
    // No proper prefix of a DER value is a DER value.
    for (let length = 0; length < valid.length; length++) assert.equal(attempt(target, valid.subarray(0, length), stats), false);
    for (let index = 0; index < valid.length; index++)
      attempt(target, Uint8Array.from([...valid.subarray(0, index), ...valid.subarray(index + 1)]), stats);
    // Every length lie (too long, too short, indefinite, 2 GB, 4 GB, 5 octets, non-minimal, truncated) at every node.
    const nodes = treeSize(valid);
    for (let node = 0; node < nodes; node++) {
      for (let lie = 0; lie <= 8; lie++)
        attempt(target, applyTreeEdits(valid, [{ kind: 1, target: node, other: 0, n: lie, bytes: new Uint8Array(0) }]), stats);
    }
  }
  // 100 000 levels: no decoder may recurse per level of nesting.
  for (const tag of [Tag.SEQUENCE, Tag.SET, 0xa0, Tag.OCTET_STRING]) attempt(target, deeplyNested(100_000, tag), stats);
  report(t, target.name, stats);
}

const nestedCache = new Map<string, Uint8Array>();
/** `depth` levels of `tag` around a NULL (built once per shape: every decoder gets the same). */
function deeplyNested(depth: number, tag: number): Uint8Array {
  const key = `${depth}/${tag}`;
  let bytes = nestedCache.get(key);
  if (!bytes) nestedCache.set(key, (bytes = nestDeeply(Uint8Array.of(Tag.NULL, 0), depth, tag)));
  return bytes;
}

/** Random text, PEM pieces, edits of valid PEM, and valid armour around mutated DER. */
function fuzzText(t: TestContext, target: Target<string>, label: string, ders: readonly Uint8Array[], runs: number, seed: number): void {
  const stats: Stats = { inputs: 0, refused: 0, totalMs: 0, slowestMs: 0 };
  for (const valid of target.valid) assert.ok(attempt(target, valid, stats), `${target.name} decodes its valid fixture`);
  const property = (arbitrary: fc.Arbitrary<string>, numRuns: number, offset: number): void =>
    fc.assert(
      fc.property(arbitrary, (input) => {
        attempt(target, input, stats);
      }),
      { seed: seed + offset, numRuns },
    );
  property(fc.string({ unit: 'binary', maxLength: 300 }), runs, 1);
  property(
    fc
      .array(fc.constantFrom('-----BEGIN ', '-----END ', '-----', label, 'A', ' ', '\n', 'AQ==', '*', '='), { maxLength: 30 })
      .map((pieces) => pieces.join('')),
    runs,
    2,
  );
  property(
    fc.tuple(fc.nat(), fc.array(textEdit, { minLength: 1, maxLength: 4 })).map(([which, edits]) => applyTextEdits(pick(target.valid, which), edits)),
    runs * 2,
    3,
  );
  property(
    fc
      .tuple(fc.nat(), fc.array(treeEdit, { minLength: 1, maxLength: 3 }))
      .map(([which, edits]) => toPem(label, applyTreeEdits(pick(ders, which), edits))),
    runs,
    4,
  );
  // Large text: one piece of armour repeated thousands of times, or a valid block with a large edit inside.
  property(
    fc
      .tuple(
        fc.constantFrom(`-----BEGIN ${label}-----`, '-----BEGIN A-----\n', `-----END ${label}-----`, '-----BEGIN ', '-----'),
        fc.integer({ min: 5_000, max: 20_000 }),
        fc.nat(),
      )
      .map(([piece, times, which]) => pick(target.valid, which) + piece.repeat(times)),
    BIG_RUNS,
    5,
  );
  property(
    fc.tuple(fc.nat(), bigEdit).map(([which, edit]) => toPem(label, applyBigEdit(pick(ders, which), edit))),
    BIG_RUNS,
    6,
  );
  for (const valid of target.valid) for (let length = 0; length < valid.length; length++) attempt(target, valid.slice(0, length), stats);
  attempt(target, toPem(label, deeplyNested(100_000, Tag.SEQUENCE)), stats);
  report(t, target.name, stats);
}

// ---- DER itself ------------------------------------------------------------------------------

/** Every primitive-content reader with the tag it reads. */
const CONTENT_READERS: readonly [number, (element: DerElement) => unknown][] = [
  [Tag.INTEGER, values.integerValue],
  [Tag.INTEGER, values.smallIntegerValue],
  [Tag.BOOLEAN, values.booleanValue],
  [Tag.OID, values.oidValue],
  [Tag.OCTET_STRING, values.octetStringValue],
  [Tag.BIT_STRING, values.bitStringValue],
  [Tag.BIT_STRING, values.octetAlignedBits],
  [Tag.UTF8_STRING, values.utf8StringValue],
  [Tag.IA5_STRING, values.ia5StringValue],
  [Tag.PRINTABLE_STRING, values.printableStringValue],
  [Tag.GENERALIZED_TIME, values.generalizedTimeValue],
  [Tag.UTC_TIME, values.x509TimeValue],
  [Tag.GENERALIZED_TIME, values.x509TimeValue],
  [Tag.NULL, values.nullValueOf],
  [Tag.SEQUENCE, values.sequenceItems],
];

/** decodeDer, then childrenOf on every constructed element and the content readers for its tag on every primitive one. */
function walkDer(bytes: Uint8Array): number {
  let elements = 0;
  const stack = [decodeDer(bytes)];
  while (stack.length) {
    const element = stack.pop()!;
    elements++;
    if (isConstructed(element)) {
      for (const child of childrenOf(element)) stack.push(child);
      continue;
    }
    for (const [tag, read] of CONTENT_READERS) {
      if (tag !== element.tag) continue;
      try {
        read(element);
      } catch (error) {
        if (!(error instanceof DerError)) throw error;
      }
    }
  }
  return elements;
}

test('fuzz: every DER content reader returns a value or throws DerError on any content', (t) => {
  const stats: Stats = { inputs: 0, refused: 0, totalMs: 0, slowestMs: 0 };
  const contents = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(...INTERESTING_CONTENTS));
  for (const [index, [tag, read]] of CONTENT_READERS.entries()) {
    const target: Target<Uint8Array> = {
      name: `content reader ${read.name} (tag 0x${tag.toString(16)})`,
      decode: (value) => read({ tag, value, raw: value }),
      valid: [],
    };
    fc.assert(
      fc.property(contents, (content) => {
        attempt(target, content, stats);
      }),
      { seed: SEED + 50 + index, numRuns: 300 },
    );
  }
  report(t, 'DER content readers', stats);
});

// ---- Byte decoders -----------------------------------------------------------------------------

const certificateDers = [fx.pki.root.certificate.der, fx.pki.intermediate.certificate.der, fx.signer.certificate.der];
const crlDers = crls.map((crl) => crl.der);

const sameBytes = (actual: Uint8Array, expected: Uint8Array, what: string): void => {
  if (!bytesEqual(actual, expected)) assert.fail(`${what}: ${toHex(actual)} != ${toHex(expected)}`);
};

const byteTargets: readonly { target: Target<Uint8Array>; runs: number }[] = [
  {
    target: {
      name: 'DER (decodeDer, childrenOf, content readers)',
      decode: walkDer,
      valid: [itemAt(certificateDers, 0), itemAt(crlDers, 0), itemAt(sm2Signatures, 0)],
    },
    runs: 800,
  },
  {
    target: {
      name: 'X.509 certificate (parseCertificate)',
      decode: parseCertificate,
      valid: certificateDers,
      check: (input: Uint8Array, value: ReturnType<typeof parseCertificate>) => sameBytes(value.der, input, 'certificate der'),
    },
    runs: 800,
  },
  {
    target: {
      name: 'X.509 CRL (parseCrl)',
      decode: parseCrl,
      valid: crlDers,
      check: (input: Uint8Array, value: ReturnType<typeof parseCrl>) => sameBytes(value.der, input, 'CRL der'),
    },
    runs: 800,
  },
  {
    target: {
      name: 'GB/T 38540 SES_Seal (decodeSesSeal)',
      decode: decodeSeal,
      valid: [fx.sealDer, digestSealDer],
      check: (input: Uint8Array, value: ReturnType<typeof decodeSeal>) => sameBytes(encodeSeal(value), input, 'SES_Seal re-encoding'),
    },
    runs: 800,
  },
  {
    target: {
      name: 'GB/T 38540 SES_Signature (decodeSesSignature)',
      decode: decodeSignature,
      valid: [fx.signatureDer, fullSignatureDer],
      check: (input: Uint8Array, value: ReturnType<typeof decodeSignature>) => sameBytes(encodeSignature(value), input, 'SES_Signature re-encoding'),
    },
    runs: 800,
  },
  {
    target: {
      name: 'SM2 SubjectPublicKeyInfo (Sm2PublicKey.fromSpkiDer)',
      decode: (bytes) => Sm2PublicKey.fromSpkiDer(bytes),
      valid: [key.publicKey.toSpkiDer(), encodeSpki(compressedPoint)],
      check: (_input: Uint8Array, value: Sm2PublicKey) => assert.equal(value.point.length, 65),
    },
    runs: 600,
  },
  {
    target: {
      name: 'SM2 PKCS#8 (Sm2PrivateKey.fromPkcs8Der)',
      decode: (bytes) => Sm2PrivateKey.fromPkcs8Der(bytes),
      valid: [key.toPkcs8Der()],
      check: (_input: Uint8Array, value: Sm2PrivateKey) => assert.equal(value.publicKey.point.length, 65),
    },
    runs: 600,
  },
  {
    target: {
      name: 'SM2 SEC1 (Sm2PrivateKey.fromSec1Der)',
      decode: (bytes) => Sm2PrivateKey.fromSec1Der(bytes),
      valid: [sec1Der],
      check: (_input: Uint8Array, value: Sm2PrivateKey) => assert.equal(value.publicKey.point.length, 65),
    },
    runs: 600,
  },
  {
    target: {
      name: 'SM2 signature DER (decodeSm2Signature)',
      decode: decodeSm2Signature,
      valid: sm2Signatures,
      check: (input: Uint8Array, value: ReturnType<typeof decodeSm2Signature>) =>
        sameBytes(encodeSm2Signature(value), input, 'signature re-encoding'),
    },
    runs: 600,
  },
  {
    target: {
      name: 'SM2 signature DER to r || s (sm2SignatureToRaw)',
      decode: sm2SignatureToRaw,
      valid: sm2Signatures,
      check: (input: Uint8Array, raw: Uint8Array) => sameBytes(sm2SignatureFromRaw(raw), input, 'raw round trip'),
    },
    runs: 600,
  },
  {
    target: {
      name: 'received SES_Seal, v1/v4/v5 with BER tolerance (decodeReceivedSeal)',
      decode: decodeReceivedSeal,
      valid: [foreign.v1SealDer, foreign.falseSealDer, foreign.v5SealDer],
      // What the maker signed is a view of the input, never rebuilt (v1 wraps the received fields in a SEQUENCE).
      check: (input: Uint8Array, value: ReturnType<typeof decodeReceivedSeal>) =>
        assert.ok(value.version === 1 || value.makerSignedData.buffer === input.buffer, 'maker-signed bytes are the input'),
    },
    runs: 300,
  },
  {
    target: {
      name: 'received SES_Signature, v1/v4/v5 with BER tolerance (decodeReceivedSignature)',
      decode: decodeReceivedSignature,
      valid: [foreign.v1SignatureDer, foreign.falseSignatureDer, foreign.v5SignatureDer],
      check: (input: Uint8Array, value: ReturnType<typeof decodeReceivedSignature>) =>
        assert.equal(value.signerSignedData.buffer, input.buffer, 'TBS_Sign bytes are the input'),
    },
    runs: 300,
  },
];

for (const [index, { target, runs }] of byteTargets.entries()) {
  test(`fuzz: ${target.name} returns a value or throws DerError, quickly`, (t) => {
    fuzzBytes(t, target, runs, SEED + 100 * index);
  });
}

test('fuzz: SM2 r || s to DER (sm2SignatureFromRaw) returns a value or throws DerError', (t) => {
  const target: Target<Uint8Array> = {
    name: 'sm2SignatureFromRaw',
    decode: sm2SignatureFromRaw,
    valid: sm2Signatures.map(sm2SignatureToRaw),
    check: (input: Uint8Array, der: Uint8Array) => sameBytes(sm2SignatureToRaw(der), input, 'raw round trip'),
  };
  const stats: Stats = { inputs: 0, refused: 0, totalMs: 0, slowestMs: 0 };
  for (const valid of target.valid) assert.ok(attempt(target, valid, stats));
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array({ maxLength: 80 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.constantFrom(new Uint8Array(64), new Uint8Array(64).fill(0xff)),
      ),
      (input) => {
        attempt(target, input, stats);
      },
    ),
    { seed: SEED + 2000, numRuns: 1000 },
  );
  report(t, target.name, stats);
});

// ---- Text decoders (PEM) ----------------------------------------------------------------------

const certificatePem = certificateDers.map((der) => toPem('CERTIFICATE', der));
const textTargets: readonly { target: Target<string>; label: string; ders: readonly Uint8Array[] }[] = [
  {
    target: { name: 'PEM (fromPemAll)', decode: fromPemAll, valid: [certificatePem.join('junk\n'), toPem('X509 CRL', itemAt(crlDers, 0))] },
    label: 'CERTIFICATE',
    ders: certificateDers,
  },
  {
    target: { name: 'PEM (fromPem)', decode: (text: string) => fromPem(text, ['CERTIFICATE']), valid: certificatePem },
    label: 'CERTIFICATE',
    ders: certificateDers,
  },
  {
    target: { name: 'certificate PEM (parseCertificate)', decode: parseCertificate, valid: certificatePem },
    label: 'CERTIFICATE',
    ders: certificateDers,
  },
  { target: { name: 'CRL PEM (parseCrl)', decode: parseCrl, valid: crlDers.map((der) => toPem('X509 CRL', der)) }, label: 'X509 CRL', ders: crlDers },
  {
    target: { name: 'public key PEM (Sm2PublicKey.fromPem)', decode: (bytes) => Sm2PublicKey.fromPem(bytes), valid: [key.publicKey.toPem()] },
    label: 'PUBLIC KEY',
    ders: [key.publicKey.toSpkiDer()],
  },
  {
    target: {
      name: 'private key PEM (Sm2PrivateKey.fromPem)',
      decode: (bytes) => Sm2PrivateKey.fromPem(bytes),
      valid: [key.toPem(), toPem('EC PRIVATE KEY', sec1Der), toPem('SM2 PRIVATE KEY', sec1Der)],
    },
    label: 'PRIVATE KEY',
    ders: [key.toPkcs8Der()],
  },
];

for (const [index, { target, label, ders }] of textTargets.entries()) {
  test(`fuzz: ${target.name} returns a value or throws DerError, quickly`, (t) => {
    fuzzText(t, target, label, ders, 500, SEED + 3000 + 100 * index);
  });
}

// ---- Verifiers: never throw, accept only the original bytes ------------------------------------

function verifierRuns<I>(run: (input: I) => void, arbitrary: fc.Arbitrary<I>, numRuns: number, seed: number): number {
  let slowest = 0;
  fc.assert(
    fc.property(arbitrary, (input) => {
      const elapsed = timed(() => run(input));
      slowest = Math.max(slowest, elapsed);
      if (elapsed >= PER_INPUT_MS) assert.fail(`verification took ${elapsed.toFixed(1)} ms of CPU`);
    }),
    { seed, numRuns },
  );
  return slowest;
}

const mutationsOf = (valid: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc.tuple(fc.nat(), fc.array(byteEdit, { minLength: 1, maxLength: 3 })).map(([which, edits]) => applyByteEdits(pick(valid, which), edits)),
    fc.tuple(fc.nat(), fc.array(treeEdit, { minLength: 1, maxLength: 2 })).map(([which, edits]) => applyTreeEdits(pick(valid, which), edits)),
  );

test('fuzz: sm2Verify answers a boolean for any signature bytes, true only for the genuine ones', (t) => {
  const slowest = verifierRuns(
    (signature: Uint8Array) => {
      const genuine = sm2Signatures.some((valid) => bytesEqual(valid, signature));
      if (sm2Verify(key.publicKey, message, signature) !== genuine) assert.fail(`sm2Verify answered ${!genuine} for ${toHex(signature)}`);
    },
    fc.oneof(fc.uint8Array({ maxLength: 80 }), mutationsOf(sm2Signatures)),
    400,
    SEED + 4000,
  );
  t.diagnostic(`sm2Verify: 400 inputs, slowest ${slowest.toFixed(2)} ms`);
});

test('fuzz: verifySesSignature and verifySesSeal report every mutated input as a failed check and never throw', (t) => {
  const withoutStamp = (der: Uint8Array): Uint8Array => encodeSignature({ ...decodeSignature(der), timeStamp: undefined });
  const signatureSlowest = verifierRuns(
    (der: Uint8Array) => {
      let result: ReturnType<typeof verifySesSignature>;
      try {
        result = verifySesSignature(der, fx.options);
      } catch (error) {
        assert.fail(`verifySesSignature threw ${describeError(error)}\non input ${show(der)}`);
      }
      if (result.ok) sameBytes(withoutStamp(der), fx.signatureDer, 'an accepted signature is the genuine one (a time stamp is unsigned)');
      else assert.equal(typeof result.reason, 'string');
    },
    mutationsOf([fx.signatureDer]),
    400,
    SEED + 5000,
  );
  const sealSlowest = verifierRuns(
    (der: Uint8Array) => {
      let result: ReturnType<typeof verifySesSeal>;
      try {
        result = verifySesSeal(der, { trust: fx.options.trust, at: at(0) });
      } catch (error) {
        assert.fail(`verifySesSeal threw ${describeError(error)}\non input ${show(der)}`);
      }
      if (result.ok) sameBytes(der, fx.sealDer, 'an accepted seal is the genuine one');
      else assert.equal(typeof result.reason, 'string');
    },
    mutationsOf([fx.sealDer]),
    300,
    SEED + 6000,
  );
  assert.equal(verifySesSignature(fx.signatureDer, fx.options).ok, true);
  assert.equal(verifySesSeal(fx.sealDer, { trust: fx.options.trust, at: at(0) }).ok, true);
  t.diagnostic(
    `verifySesSignature: 400 inputs, slowest ${signatureSlowest.toFixed(2)} ms; verifySesSeal: 300 inputs, slowest ${sealSlowest.toFixed(2)} ms`,
  );
});

test('fuzz: received v1, BER and v5 signatures and seals: the verifiers never throw, and accept only the genuine signed bytes', (t) => {
  const sameSigned = (der: Uint8Array, genuine: Uint8Array): void => {
    const [got, want] = [decodeReceivedSignature(der), decodeReceivedSignature(genuine)];
    sameBytes(got.signerSignedData, want.signerSignedData, 'an accepted signature signs the genuine TBS_Sign');
    sameBytes(got.signature.signature, want.signature.signature, 'with the genuine signature value');
    sameBytes(got.signature.signerCertificate, want.signature.signerCertificate, 'by the genuine signer');
  };
  const signatures = [foreign.v1SignatureDer, foreign.falseSignatureDer, foreign.v5SignatureDer];
  const signatureSlowest = verifierRuns(
    ([which, der]: [number, Uint8Array]) => {
      let result: ReturnType<typeof verifySesSignature>;
      try {
        result = verifySesSignature(der, foreign.options);
      } catch (error) {
        assert.fail(`verifySesSignature threw ${describeError(error)}\non input ${show(der)}`);
      }
      if (result.ok) sameSigned(der, pick(signatures, which));
      else assert.equal(typeof result.reason, 'string');
    },
    fc.tuple(fc.nat(), fc.nat()).chain(([which]) => mutationsOf([pick(signatures, which)]).map((der): [number, Uint8Array] => [which, der])),
    300,
    SEED + 7000,
  );
  const seals = [foreign.v1SealDer, foreign.falseSealDer, foreign.v5SealDer];
  const sealSlowest = verifierRuns(
    ([which, der]: [number, Uint8Array]) => {
      let result: ReturnType<typeof verifySesSeal>;
      try {
        result = verifySesSeal(der, { trust: foreign.options.trust, at: at(0) });
      } catch (error) {
        assert.fail(`verifySesSeal threw ${describeError(error)}\non input ${show(der)}`);
      }
      // A v5 seal's time stamp lies outside what the maker signed; everything else must be the genuine bytes.
      if (result.ok)
        sameBytes(
          decodeReceivedSeal(der).makerSignedData,
          decodeReceivedSeal(pick(seals, which)).makerSignedData,
          'an accepted seal is the genuine one',
        );
      else assert.equal(typeof result.reason, 'string');
    },
    fc.tuple(fc.nat(), fc.nat()).chain(([which]) => mutationsOf([pick(seals, which)]).map((der): [number, Uint8Array] => [which, der])),
    300,
    SEED + 8000,
  );
  for (const der of signatures) assert.equal(verifySesSignature(der, foreign.options).ok, true);
  t.diagnostic(
    `received signatures: 300 inputs, slowest ${signatureSlowest.toFixed(2)} ms; received seals: 300 inputs, slowest ${sealSlowest.toFixed(2)} ms`,
  );
});

test('the mutators themselves: an empty edit list gives back the input, and tree edits keep the outer lengths honest', () => {
  for (const der of [fx.signatureDer, ...certificateDers, ...crlDers]) {
    sameBytes(applyByteEdits(der, []), der, 'no byte edit');
    sameBytes(applyTreeEdits(der, []), der, 'no tree edit');
    sameBytes(encodeTree(parseTree(der)), der, 'tree round trip');
  }
  // Deleting a field deep inside still yields one well-formed outer TLV.
  const edited = applyTreeEdits(fx.sealDer, [{ kind: 2, target: 5, other: 0, n: 0, bytes: new Uint8Array(0) }]);
  assert.equal(decodeDer(edited).tag, Tag.SEQUENCE);
  assert.ok(edited.length < fx.sealDer.length);
  assert.equal(deeplyNested(3, Tag.SEQUENCE).length, 8);
  assert.equal(walkDer(deeplyNested(200, Tag.SEQUENCE)), 201);
});
