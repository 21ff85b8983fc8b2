import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../config.ts';
import { DataKeyConfigError, GENERATED_KEY_ID, KEY_FILE_NAME, loadDataKeys, parseDataKeys, parseKeyFile } from './data-keys.ts';
import { KeyRing } from './id-protection.ts';

const ID = '420704198803090012';
const CTX = 'cases.applicant_id_number/x';
const S1 = Buffer.alloc(32, 0x11).toString('base64');
const S2 = Buffer.alloc(32, 0x22).toString('base64');

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-keys-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function configFor(env: Record<string, string>) {
  return loadConfig({ HUKOU_DATA_DIR: tempDir(), ...env }).dataKeys;
}

describe('data keys without configuration (embedded mode)', () => {
  it('generate a key file at first start, mode 0600 in a 0700 directory, and warn without printing the key', () => {
    const config = configFor({});
    const warnings: string[] = [];
    const loaded = loadDataKeys(config, (m) => warnings.push(m));
    const file = path.join(config.keyDir, KEY_FILE_NAME);
    assert.equal(loaded.source, 'key-file');
    assert.equal(loaded.generated, true);
    assert.equal(loaded.file, file);
    assert.equal(loaded.ring.currentKeyId, GENERATED_KEY_ID);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(config.keyDir).mode & 0o777, 0o700);
    assert.deepEqual(fs.readdirSync(config.keyDir), [KEY_FILE_NAME]);
    const secret = /HUKOU_DATA_KEYS=local1:(\S+)/.exec(fs.readFileSync(file, 'utf8'))![1]!;
    assert.equal(Buffer.from(secret, 'base64').length, 32);
    assert.equal(warnings.length, 1);
    const [warning = ''] = warnings;
    assert.match(warning, /生产环境/);
    assert.match(warning, /production/);
    assert.ok(warning.includes(file));
    assert.ok(!warning.includes(secret));
  });

  it('read the same key on every later start, still warning', () => {
    const config = configFor({});
    const first = loadDataKeys(config, () => {});
    const stored = first.ring.protect(ID, CTX);
    const warnings: string[] = [];
    const second = loadDataKeys(config, (m) => warnings.push(m));
    assert.equal(second.generated, false);
    assert.equal(second.ring.open(stored, CTX), ID);
    assert.equal(second.ring.blindIndex(ID), first.ring.blindIndex(ID));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /key file/);
  });

  it('warn when the key file is readable by others', () => {
    const config = configFor({});
    loadDataKeys(config, () => {});
    fs.chmodSync(path.join(config.keyDir, KEY_FILE_NAME), 0o644);
    const warnings: string[] = [];
    loadDataKeys(config, (m) => warnings.push(m));
    assert.ok(warnings.some((w) => /readable by others/.test(w)));
  });

  it('take a rotation written into the key file', () => {
    const config = configFor({});
    const first = loadDataKeys(config, () => {});
    const file = path.join(config.keyDir, KEY_FILE_NAME);
    const line = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('HUKOU_DATA_KEYS='))!;
    fs.writeFileSync(file, `HUKOU_DATA_KEYS=k2:${S2},${line.slice('HUKOU_DATA_KEYS='.length)}\nHUKOU_DATA_INDEX_KEYS=local1\n`);
    const rotated = loadDataKeys(config, () => {}).ring;
    assert.equal(rotated.currentKeyId, 'k2');
    assert.equal(rotated.blindIndex(ID), first.ring.blindIndex(ID));
  });
});

describe('data keys from configuration', () => {
  it('use HUKOU_DATA_KEYS, the first key for writing, HUKOU_DATA_INDEX_KEYS for the index', () => {
    const loaded = loadDataKeys(configFor({ HUKOU_DATA_KEYS: `k2:${S2}, k1:${S1}`, HUKOU_DATA_INDEX_KEYS: 'k1' }), () => {});
    assert.equal(loaded.source, 'configuration');
    assert.equal(loaded.ring.currentKeyId, 'k2');
    assert.deepEqual(loaded.ring.keyIds, ['k2', 'k1']);
    const k1Only = new KeyRing([{ id: 'k1', secret: Buffer.from(S1, 'base64') }]);
    assert.equal(loaded.ring.blindIndex(ID), k1Only.blindIndex(ID));
    assert.equal(loaded.ring.open(k1Only.protect(ID, CTX), CTX), ID);
  });

  it('create no key file, and say so when an old one is present', () => {
    const config = configFor({ HUKOU_DATA_KEYS: `k1:${S1}` });
    loadDataKeys(config, () => {});
    assert.equal(fs.existsSync(config.keyDir), false);
    fs.mkdirSync(config.keyDir);
    fs.writeFileSync(path.join(config.keyDir, KEY_FILE_NAME), `HUKOU_DATA_KEYS=local1:${S2}\n`);
    const warnings: string[] = [];
    assert.equal(loadDataKeys(config, (m) => warnings.push(m)).ring.currentKeyId, 'k1');
    assert.match(warnings.join(), /ignored/);
  });

  it('never appear when the configuration is logged or serialised', () => {
    const config = loadConfig({ HUKOU_DATA_DIR: tempDir(), HUKOU_DATA_KEYS: `k2:${S2},k1:${S1}`, HUKOU_DATA_INDEX_KEYS: 'k1' });
    const shown = `${JSON.stringify(config)} ${inspect(config, { depth: 10 })}`;
    assert.ok(!shown.includes(S1) && !shown.includes(S2));
    assert.match(shown, /redacted/);
  });

  it('refuse malformed settings with a message naming the problem and not the secret', () => {
    const cases: [string, RegExp][] = [
      [`k1:${S1.slice(0, 20)}`, /shorter than 32 bytes/],
      ['k1:not*base64', /not valid base64/],
      [`k1:${S1}!`, /not valid base64/],
      [`k1${S1}`, /keyId:base64secret/],
      [`k.1:${S1}`, /keyId:base64secret/],
      [`k1:${S1},k1:${S2}`, /twice/],
      [' , ', /empty/],
    ];
    for (const [spec, message] of cases) {
      assert.throws(
        () => parseDataKeys(spec),
        (error: unknown) => {
          assert.ok(error instanceof DataKeyConfigError);
          assert.match(error.message, message);
          assert.match(error.message, /数据密钥配置错误/);
          assert.ok(!error.message.includes(S1) && !error.message.includes(S2));
          return true;
        },
        spec,
      );
    }
  });

  it('accept base64url and unpadded secrets as the same key', () => {
    const raw = Buffer.from(Array.from({ length: 33 }, (_, i) => 250 - i));
    for (const spelling of [raw.toString('base64'), raw.toString('base64url'), raw.toString('base64').replace(/=+$/, '')]) {
      assert.deepEqual(
        parseDataKeys(`k1:${spelling}`).map((k) => Buffer.from(k.secret)),
        [raw],
      );
    }
  });

  it('refuse several keys without a named index key, or an index key that is not configured', () => {
    assert.throws(() => loadDataKeys(configFor({ HUKOU_DATA_KEYS: `k2:${S2},k1:${S1}` }), () => {}), /HUKOU_DATA_INDEX_KEYS/);
    assert.throws(() => loadDataKeys(configFor({ HUKOU_DATA_KEYS: `k1:${S1}`, HUKOU_DATA_INDEX_KEYS: 'k0' }), () => {}), /k0/);
  });

  it('refuse unknown settings in a key file', () => {
    assert.throws(() => parseKeyFile('HUKOU_DATA_KEY=k1:abc\n'), /HUKOU_DATA_KEY/);
    assert.deepEqual(parseKeyFile('# comment\n\nHUKOU_DATA_KEYS=k1:x\nHUKOU_DATA_INDEX_KEYS=k1, k0\n'), { keys: 'k1:x', indexKeyIds: ['k1', 'k0'] });
  });
});
