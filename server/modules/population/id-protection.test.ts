import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { blindIndexKeyId, isProtectedValue, KeyRing, type MasterKey, ProtectedValueError, protectedValueKeyId } from './id-protection.ts';

const hex = (h: string) => Buffer.from(h, 'hex');
const secret = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);
const K1: MasterKey = { id: 'k1', secret: secret(1) };
const K2: MasterKey = { id: 'k2', secret: secret(2) };
const ID = '11010519491231002X';
const CTX = 'cases.applicant_id_number/case-1';

function errorReason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ProtectedValueError, `expected ProtectedValueError, got ${String(error)}`);
    return error.reason;
  }
  assert.fail('expected the value to be refused');
}

// RFC 2104 HMAC and RFC 5869 HKDF written out over SM3 (64-byte block), independently of
// createHmac/hkdfSync, so the tests show node's 'sm3' HMAC and HKDF are exactly those.
function referenceHmacSm3(key: Uint8Array, ...data: Uint8Array[]): Buffer {
  const block = Buffer.alloc(64);
  (key.length > 64 ? createHash('sm3').update(key).digest() : Buffer.from(key)).copy(block);
  const inner = createHash('sm3').update(block.map((b) => b ^ 0x36));
  for (const d of data) inner.update(d);
  return createHash('sm3')
    .update(block.map((b) => b ^ 0x5c))
    .update(inner.digest())
    .digest();
}

function referenceHkdfSm3(ikm: Uint8Array, salt: Uint8Array, info: string, length: number): Buffer {
  const prk = referenceHmacSm3(salt.length ? salt : Buffer.alloc(32), ikm);
  const blocks: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    previous = referenceHmacSm3(prk, previous, Buffer.from(info), Buffer.from([i]));
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function openssl(args: string[], input: Buffer): Buffer {
  const result = spawnSync('openssl', args, { input });
  assert.equal(result.status, 0, result.stderr.toString());
  return result.stdout;
}

describe('SM4 through node:crypto', () => {
  // GB/T 32907-2016 Appendix A, example 1.
  const key = hex('0123456789abcdeffedcba9876543210');
  const expected = '681edf34d206965e86b3e94f536e4246';

  it('reproduces the standard known-answer vector with sm4-ecb', () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    assert.equal(Buffer.concat([cipher.update(key), cipher.final()]).toString('hex'), expected);
  });

  it('is the same block cipher as the sm4-cbc the module uses (zero IV, one block)', () => {
    const cipher = createCipheriv('sm4-cbc', key, Buffer.alloc(16)).setAutoPadding(false);
    assert.equal(Buffer.concat([cipher.update(key), cipher.final()]).toString('hex'), expected);
  });

  it('reproduces example 2: the same block encrypted 1,000,000 times', () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    let block: Buffer = key;
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    assert.equal(block.toString('hex'), '595298c7c6fd271f0402f804c33d3f66');
  });

  it('interoperates with `openssl enc -sm4-cbc` in both directions', () => {
    const k = hex('00112233445566778899aabbccddeeff');
    const iv = hex('0f0e0d0c0b0a09080706050403020100');
    const text = Buffer.from(`{"fatherIdNumber":"${ID}","address":"湖北省鄂州市古楼街道"}`, 'utf8');
    const cipher = createCipheriv('sm4-cbc', k, iv);
    const ours = Buffer.concat([cipher.update(text), cipher.final()]);
    const args = ['-K', k.toString('hex'), '-iv', iv.toString('hex'), '-nosalt'];
    assert.deepEqual(openssl(['enc', '-d', '-sm4-cbc', ...args], ours), text);
    const theirs = openssl(['enc', '-e', '-sm4-cbc', ...args], text);
    assert.deepEqual(theirs, ours);
    const decipher = createDecipheriv('sm4-cbc', k, iv);
    assert.deepEqual(Buffer.concat([decipher.update(theirs), decipher.final()]), text);
  });
});

describe('HMAC-SM3 and HKDF-SM3 through node:crypto', () => {
  it('createHmac("sm3") is RFC 2104 HMAC over SM3, short and long keys', async () => {
    const { createHmac } = await import('node:crypto');
    for (const key of [Buffer.from('key'), randomBytes(64), randomBytes(100)]) {
      const data = randomBytes(77);
      assert.deepEqual(createHmac('sm3', key).update(data).digest(), referenceHmacSm3(key, data));
    }
  });

  it('hkdfSync("sm3") is RFC 5869 HKDF over SM3, across block boundaries', () => {
    const ikm = randomBytes(32);
    for (const length of [16, 32, 33, 80]) {
      assert.deepEqual(
        Buffer.from(hkdfSync('sm3', ikm, Buffer.from('salt'), 'info', length)),
        referenceHkdfSm3(ikm, Buffer.from('salt'), 'info', length),
      );
    }
  });
});

describe('protected values', () => {
  const ring = new KeyRing([K1]);

  it('round-trip ID numbers, Chinese JSON, the empty string and block-sized text', () => {
    for (const text of [ID, '{"motherName":"王芳","address":"鄂州市华容区"}', '', 'x'.repeat(16), 'y'.repeat(1000)]) {
      const stored = ring.protect(text, CTX);
      assert.ok(isProtectedValue(stored));
      assert.equal(protectedValueKeyId(stored), 'k1');
      assert.ok(!stored.includes(text) || text === '');
      assert.equal(ring.open(stored, CTX), text);
    }
  });

  it('use a fresh IV each time: the same number never gives the same text', () => {
    const values = new Set(Array.from({ length: 50 }, () => ring.protect(ID, CTX)));
    assert.equal(values.size, 50);
  });

  it('follow the documented format: SM4-CBC under HKDF-derived keys, HMAC-SM3 over version, key id, context, IV and ciphertext', () => {
    const stored = ring.protect(ID, CTX);
    const [prefix, keyId, body = ''] = stored.split('.');
    assert.equal(`${prefix}.${keyId}`, 'e1.k1');
    const bytes = Buffer.from(body, 'base64url');
    const iv = bytes.subarray(0, 16);
    const ciphertext = bytes.subarray(16, bytes.length - 32);
    const tag = bytes.subarray(bytes.length - 32);
    const salt = Buffer.from('hukou/data-keys/v1');
    const encKey = referenceHkdfSm3(K1.secret, salt, 'sm4-cbc encryption', 16);
    const macKey = referenceHkdfSm3(K1.secret, salt, 'hmac-sm3 authentication', 32);
    const ctxLength = Buffer.alloc(4);
    ctxLength.writeUInt32BE(Buffer.byteLength(CTX));
    const macInput = Buffer.concat([Buffer.from([1, 2]), Buffer.from('k1'), ctxLength, Buffer.from(CTX), iv, ciphertext]);
    assert.deepEqual(tag, referenceHmacSm3(macKey, macInput));
    // openssl, not node, decrypts: the format is reproducible from the documentation alone.
    const plain = openssl(['enc', '-d', '-sm4-cbc', '-K', encKey.toString('hex'), '-iv', iv.toString('hex'), '-nosalt'], ciphertext);
    assert.equal(plain.toString('utf8'), ID);
  });

  it('refuse any change to any character of the stored text', () => {
    const stored = ring.protect(ID, CTX);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    for (let i = 0; i < stored.length; i++) {
      for (const c of alphabet) {
        if (c === stored[i]) continue;
        const altered = stored.slice(0, i) + c + stored.slice(i + 1);
        errorReason(() => ring.open(altered, CTX));
      }
    }
  });

  it('detect every flipped bit of IV, ciphertext and tag by the MAC', () => {
    const stored = ring.protect(ID, CTX);
    const head = 'e1.k1.';
    const bytes = Buffer.from(stored.slice(head.length), 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const altered = Buffer.from(bytes);
        altered.writeUInt8(altered.readUInt8(i) ^ (1 << bit), i);
        assert.equal(
          errorReason(() => ring.open(head + altered.toString('base64url'), CTX)),
          'integrity',
          `byte ${i} bit ${bit}`,
        );
      }
    }
  });

  it('refuse truncated, extended, foreign and malformed values', () => {
    const stored = ring.protect(ID, CTX);
    assert.equal(
      errorReason(() => ring.open(stored.slice(0, -1), CTX)),
      'format',
    );
    assert.equal(
      errorReason(() => ring.open(stored.slice(0, -22), CTX)),
      'format',
    );
    const body = Buffer.from(stored.slice('e1.k1.'.length), 'base64url');
    assert.equal(
      errorReason(() => ring.open(`e1.k1.${Buffer.concat([body, Buffer.alloc(16)]).toString('base64url')}`, CTX)),
      'integrity',
    );
    assert.equal(
      errorReason(() => ring.open(`e1.k1.${body.subarray(0, body.length - 16).toString('base64url')}`, CTX)),
      'integrity',
    );
    assert.equal(
      errorReason(() => ring.open(`e1.k1.${body.subarray(0, body.length - 32).toString('base64url')}`, CTX)),
      'format',
    );
    assert.equal(
      errorReason(() => ring.open(`e1.k1.${body.subarray(0, body.length - 1).toString('base64url')}`, CTX)),
      'format',
    );
    assert.equal(
      errorReason(() => ring.open(stored + '=', CTX)),
      'format',
    );
    assert.equal(
      errorReason(() => ring.open(ID, CTX)),
      'format',
    );
    assert.equal(
      errorReason(() => ring.open('e1.k1', CTX)),
      'format',
    );
    assert.equal(
      errorReason(() => ring.open('e1..AAAA', CTX)),
      'format',
    );
    assert.equal(
      errorReason(() => ring.open('e2.k1.AAAA', CTX)),
      'format',
    );
  });

  it('are bound to their context: moved to another case or column they no longer open', () => {
    const stored = ring.protect(ID, CTX);
    assert.equal(
      errorReason(() => ring.open(stored, 'cases.applicant_id_number/case-2')),
      'integrity',
    );
    assert.equal(
      errorReason(() => ring.open(stored, 'cases.fields/case-1')),
      'integrity',
    );
  });

  it('name their key: an unknown key id is refused as such, a renamed one fails the MAC', () => {
    const underK2 = new KeyRing([K2]).protect(ID, CTX);
    assert.equal(
      errorReason(() => ring.open(underK2, CTX)),
      'unknown_key',
    );
    // Same secret under two ids: the key id is authenticated, so renaming the id is caught.
    const twin = new KeyRing(
      [
        { id: 'k1', secret: K1.secret },
        { id: 'k9', secret: K1.secret },
      ],
      ['k1'],
    );
    const renamed = twin.protect(ID, CTX).replace(/^e1\.k1\./, 'e1.k9.');
    assert.equal(
      errorReason(() => twin.open(renamed, CTX)),
      'integrity',
    );
    // Same id, different secret (a regenerated key file): the MAC fails.
    const impostor = new KeyRing([{ id: 'k1', secret: secret(7) }]);
    assert.equal(
      errorReason(() => impostor.open(ring.protect(ID, CTX), CTX)),
      'integrity',
    );
  });

  it('stay readable after rotation, and new values go under the new key', () => {
    const before = ring.protect(ID, CTX);
    const rotated = new KeyRing([K2, K1], ['k1']);
    assert.equal(rotated.currentKeyId, 'k2');
    assert.equal(rotated.open(before, CTX), ID);
    const after = rotated.protect(ID, CTX);
    assert.equal(protectedValueKeyId(after), 'k2');
    assert.equal(
      errorReason(() => ring.open(after, CTX)),
      'unknown_key',
    );
  });
});

describe('blind index', () => {
  it('is deterministic per key and normalises the number', () => {
    const a = new KeyRing([K1]);
    const b = new KeyRing([{ id: 'k1', secret: secret(1) }]);
    assert.equal(a.blindIndex(ID), b.blindIndex(ID));
    assert.equal(a.blindIndex(' 11010519491231002x '), a.blindIndex(ID));
    assert.notEqual(a.blindIndex(ID), a.blindIndex('110105194912310037'));
    assert.match(a.blindIndex(ID), /^k1\.[A-Za-z0-9_-]{22}$/);
  });

  it('differs across keys, and does not depend on the key id alone', () => {
    const one = new KeyRing([K1]).blindIndex(ID);
    const two = new KeyRing([K2]).blindIndex(ID);
    assert.notEqual(one.slice(3), two.slice(3));
    const sameIdOtherSecret = new KeyRing([{ id: 'k1', secret: secret(9) }]).blindIndex(ID);
    assert.notEqual(sameIdOtherSecret, one);
  });

  it('stays on its own key when the value key rotates, and lists all index keys for search during an index rotation', () => {
    const original = new KeyRing([K1]);
    const valueRotated = new KeyRing([K2, K1], ['k1']);
    assert.equal(valueRotated.blindIndex(ID), original.blindIndex(ID));
    const indexRotating = new KeyRing([K2, K1], ['k2', 'k1']);
    assert.equal(blindIndexKeyId(indexRotating.blindIndex(ID)), 'k2');
    assert.deepEqual(indexRotating.blindIndexCandidates(ID), [new KeyRing([K2]).blindIndex(ID), original.blindIndex(ID)]);
  });

  it('uses a key separate from the value keys', () => {
    const ring = new KeyRing([K1]);
    const indexMac = Buffer.from(ring.blindIndex(ID).split('.')[1] ?? '', 'base64url');
    const salt = Buffer.from('hukou/data-keys/v1');
    for (const [info, length] of [
      ['sm4-cbc encryption', 16],
      ['hmac-sm3 authentication', 32],
    ] as const) {
      const other = referenceHmacSm3(referenceHkdfSm3(K1.secret, salt, info, length), Buffer.from('citizen-id/v1\0'), Buffer.from(ID));
      assert.notDeepEqual(other.subarray(0, 16), indexMac);
    }
    const indexKey = referenceHkdfSm3(K1.secret, salt, 'hmac-sm3 blind index', 32);
    assert.deepEqual(referenceHmacSm3(indexKey, Buffer.from('citizen-id/v1\0'), Buffer.from(ID)).subarray(0, 16), indexMac);
  });
});

describe('KeyRing', () => {
  it('never shows key material when logged or serialised', () => {
    const ring = new KeyRing([K2, K1], ['k1']);
    const shown = `${JSON.stringify(ring)} ${inspect(ring, { depth: 10, showHidden: true })} ${String(Object.values(ring))}`;
    assert.match(shown, /k2/);
    for (const key of [K1, K2]) {
      assert.ok(!shown.includes(Buffer.from(key.secret).toString('base64')));
      assert.ok(!shown.includes(Buffer.from(key.secret).toString('hex')));
    }
    assert.deepEqual(JSON.parse(JSON.stringify(ring)), { currentKeyId: 'k2', keyIds: ['k2', 'k1'], indexKeyIds: ['k1'] });
  });

  it('refuses bad key sets', () => {
    assert.throws(() => new KeyRing([]), RangeError);
    assert.throws(() => new KeyRing([{ id: 'a.b', secret: secret(1) }]), /Key id/);
    assert.throws(() => new KeyRing([{ id: 'k1', secret: new Uint8Array(31) }]), /shorter/);
    assert.throws(() => new KeyRing([K1, { ...K2, id: 'k1' }], ['k1']), /twice/);
    assert.throws(() => new KeyRing([K1, K2]), /blind-index/);
    assert.throws(() => new KeyRing([K1], ['k2']), /not among/);
  });
});
