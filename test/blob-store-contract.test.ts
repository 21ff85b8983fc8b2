import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import S3rver from 's3rver';
import type { BlobStore } from '../server/blobs/blob-store.ts';
import { sha256Hex, sm3Hex } from '../server/blobs/digests.ts';
import { FsBlobStore } from '../server/blobs/fs-store.ts';
import { openBlobStore } from '../server/blobs/open-blob-store.ts';
import { S3BlobStore } from '../server/blobs/s3-store.ts';
import { loadConfig } from '../server/config.ts';

// The SDK warns once per process that its releases from 2027 need Node 22; the server shows it, tests need not.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * One contract, two stores: local files, and an S3 bucket served by s3rver on 127.0.0.1 from a
 * temp directory (no network beyond loopback). Each store comes with the path of the file that
 * holds an original's bytes, so a test can damage or age it the way a disk fault or time would.
 */
interface Subject {
  store: BlobStore;
  fileOf(sha256: string): string;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-blob-contract-'));
const BUCKET = 'hukou-archive';
const PREFIX = 'site-1/';
let s3rver: S3rver;
let s3Endpoint: string;

before(async () => {
  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(scratch, 's3rver'),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  answerPutsWhenWritten(s3rver);
  const { port } = await s3rver.run();
  s3Endpoint = `http://127.0.0.1:${port}`;
});
after(async () => {
  await s3rver.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

interface S3rverObject {
  bucket: string;
  key: string;
  content: Buffer | NodeJS.ReadableStream;
  metadata: Record<string, string>;
}

interface S3rverStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
}

/**
 * s3rver 3.7.1 answers a PUT once the bytes went through its MD5, while its file stream may still be
 * writing them, so a GET right after can read a partial file (seen under load). S3 answers 200 only
 * for stored bytes, and so must the stand-in: its store writes the whole file before answering.
 */
function answerPutsWhenWritten(server: S3rver): void {
  const store = (server as unknown as { store: S3rverStore }).store;
  store.putObject = async function putObject(object) {
    const file = this.getResourcePath(object.bucket, object.key, 'object');
    let content: Buffer;
    if (Buffer.isBuffer(object.content)) content = object.content;
    else {
      const chunks: Buffer[] = [];
      for await (const chunk of object.content) chunks.push(Buffer.from(chunk as Buffer));
      content = Buffer.concat(chunks);
    }
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, content);
    const md5 = createHash('md5').update(content).digest('hex');
    await this.putMetadata(object.bucket, object.key, object.metadata, md5);
    return { size: content.length, md5 };
  };
}

/** The environment an operator would set for the S3 store. */
function s3Env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    HUKOU_DATA_DIR: path.join(scratch, 'data'),
    HUKOU_BLOB_STORE: 's3',
    HUKOU_S3_ENDPOINT: s3Endpoint,
    HUKOU_S3_BUCKET: BUCKET,
    HUKOU_S3_ACCESS_KEY_ID: 'S3RVER',
    HUKOU_S3_SECRET_ACCESS_KEY: 'S3RVER',
    HUKOU_S3_PREFIX: PREFIX,
    ...extra,
  };
}

const SUBJECTS: Record<string, () => Promise<Subject>> = {
  'local files': async () => {
    const root = fs.mkdtempSync(path.join(scratch, 'fs-'));
    const config = loadConfig({ HUKOU_DATA_DIR: root });
    const store = await openBlobStore(config.blobStore);
    assert.ok(store instanceof FsBlobStore, 'fs is the default store');
    return { store, fileOf: (sha256) => store.pathOf(sha256) };
  },
  's3 (s3rver)': async () => {
    // A prefix of its own per suite, so each starts from an empty store in the shared bucket.
    const prefix = `${PREFIX}${path.basename(fs.mkdtempSync(path.join(scratch, 's3-')))}/`.toLowerCase();
    const config = loadConfig(s3Env({ HUKOU_S3_PREFIX: prefix }));
    const store = await openBlobStore(config.blobStore);
    assert.ok(store instanceof S3BlobStore);
    return { store, fileOf: (sha256) => path.join(scratch, 's3rver', BUCKET, ...`${prefix}originals`.split('/'), `${sha256}._S3rver_object`) };
  },
};

const page = (n: number, size = 3000) => Buffer.from(`page ${n} `.repeat(Math.ceil(size / 8)).slice(0, size));
const DAY = 86_400_000;

async function listed(store: BlobStore): Promise<Map<string, Date>> {
  const found = new Map<string, Date>();
  for await (const { sha256, modifiedAt } of store.list()) {
    assert.equal(found.has(sha256), false, `${sha256} listed once`);
    found.set(sha256, modifiedAt);
  }
  return found;
}

function age(file: string, days: number): void {
  const then = new Date(Date.now() - days * DAY);
  fs.utimesSync(file, then, then);
}

for (const [name, open] of Object.entries(SUBJECTS)) {
  describe(`blob store contract: ${name}`, () => {
    let subject: Subject;
    let store: BlobStore;
    before(async () => {
      subject = await open();
      store = subject.store;
    });
    after(async () => {
      await store.close();
    });

    it('puts bytes under their SHA-256 with SM3 and size, reads them back and digests them', async () => {
      const bytes = page(1, 70_000);
      const stored = await store.put(bytes);
      assert.deepEqual(stored, { sha256: sha256Hex(bytes), sm3: sm3Hex(bytes), size: bytes.length });
      assert.deepEqual(await store.get(stored.sha256), bytes);
      assert.deepEqual(await store.digest(stored.sha256), stored);
      assert.deepEqual(fs.readFileSync(subject.fileOf(stored.sha256)), bytes, 'the original is stored as sent');
    });

    it('stores the same bytes once, and a second put restarts their age for the orphan sweep', async () => {
      const bytes = page(2);
      const first = await store.put(bytes);
      age(subject.fileOf(first.sha256), 3);
      const aged = (await listed(store)).get(first.sha256);
      assert.ok(aged && aged.getTime() < Date.now() - 2 * DAY, `aged: ${aged?.toISOString()}`);
      const second = await store.put(bytes);
      assert.deepEqual(second, first);
      const listing = await listed(store);
      const renewed = listing.get(first.sha256);
      assert.ok(renewed && renewed.getTime() > Date.now() - 60_000, `renewed: ${renewed?.toISOString()}`);
      assert.deepEqual(await store.get(first.sha256), bytes);
    });

    it('refuses bytes that no longer match their address on get, digests what is there now, and heals on a new put', async () => {
      const bytes = page(3);
      const { sha256 } = await store.put(bytes);
      const file = subject.fileOf(sha256);
      const damaged = Buffer.from(bytes);
      damaged[100] = damaged[100]! ^ 0x01;
      fs.chmodSync(file, 0o640);
      fs.writeFileSync(file, damaged);
      await assert.rejects(store.get(sha256), { code: 'BLOB_INTEGRITY_FAILED' });
      assert.deepEqual(await store.digest(sha256), { sha256: sha256Hex(damaged), sm3: sm3Hex(damaged), size: damaged.length });
      await store.put(bytes);
      assert.deepEqual(await store.get(sha256), bytes, 'putting the right bytes again replaces a damaged copy');
    });

    it('answers a missing original with a null digest and an integrity failure on get', async () => {
      const absent = sha256Hex('never stored');
      assert.equal(await store.digest(absent), null);
      await assert.rejects(store.get(absent), { code: 'BLOB_INTEGRITY_FAILED' });
      await assert.rejects(store.get('../../etc/passwd'), { code: 'NOT_FOUND' });
    });

    it('lists every original once with its modification time, and forgets a removed one', async () => {
      const puts = await Promise.all([10, 11, 12].map((n) => store.put(page(n))));
      const before = await listed(store);
      for (const { sha256 } of puts) assert.ok(before.get(sha256) instanceof Date, `${sha256} listed`);
      const [gone, ...kept] = puts;
      await store.remove(gone!.sha256);
      await store.remove(gone!.sha256); // removing what is not there is no error
      const after = await listed(store);
      assert.equal(after.has(gone!.sha256), false);
      for (const { sha256 } of kept) assert.ok(after.has(sha256));
      assert.equal(after.size, before.size - 1);
      assert.equal(await store.digest(gone!.sha256), null);
    });

    it('removes an original only when it was not written since the cutoff', async () => {
      const old = await store.put(page(30));
      const fresh = await store.put(page(31));
      age(subject.fileOf(old.sha256), 2);
      const cutoff = new Date(Date.now() - DAY);
      assert.equal(await store.removeIfOlderThan(fresh.sha256, cutoff), false);
      assert.equal(await store.removeIfOlderThan(old.sha256, cutoff), true);
      assert.equal(await store.digest(old.sha256), null);
      assert.deepEqual(await store.get(fresh.sha256), page(31));
      assert.equal(await store.removeIfOlderThan(old.sha256, cutoff), true, 'not there: nothing to keep');
      // Put again after it aged: renewed, kept.
      const again = await store.put(page(32));
      age(subject.fileOf(again.sha256), 2);
      await store.put(page(32));
      assert.equal(await store.removeIfOlderThan(again.sha256, cutoff), false);
      assert.deepEqual(await store.get(again.sha256), page(32));
    });

    it('keeps derived images apart: readable by key, missing as null, never listed as originals', async () => {
      const original = await store.put(page(20));
      const key = `${original.sha256}.0.preview.jpg`;
      assert.equal(await store.getDerived(key), null);
      const preview = page(21, 500);
      await store.putDerived(key, preview);
      assert.deepEqual(await store.getDerived(key), preview);
      const replaced = page(22, 600);
      await store.putDerived(key, replaced);
      assert.deepEqual(await store.getDerived(key), replaced, 'a derived image can be made again');
      await store.putDerived(sha256Hex('other'), page(23, 10));
      const listing = await listed(store);
      assert.equal([...listing.keys()].includes(sha256Hex('other')), false, 'derived keys are not originals');
      assert.equal(await store.digest(sha256Hex(page(21, 500))), null);
      for (const bad of ['../x', 'A.jpg', '.hidden', 'a/b', '', 'x'.repeat(201)]) {
        await assert.rejects(store.putDerived(bad, preview), /not \[a-z0-9.-\]/, bad);
        await assert.rejects(store.getDerived(bad), /not \[a-z0-9.-\]/, bad);
      }
    });

    it('takes many puts at once, identical ones included, each readable afterwards', async () => {
      const contents = [...Array.from({ length: 24 }, (_, n) => page(100 + n, 20_000)), ...Array.from({ length: 8 }, () => page(100, 20_000))];
      const stored = await Promise.all(contents.map((bytes) => store.put(bytes)));
      assert.deepEqual(
        stored.map((s) => s.sha256),
        contents.map((bytes) => sha256Hex(bytes)),
      );
      const reads = await Promise.all(stored.map((s) => store.get(s.sha256)));
      for (const [i, bytes] of reads.entries()) assert.deepEqual(bytes, contents[i]);
      const listing = await listed(store);
      for (const s of stored) assert.ok(listing.has(s.sha256));
    });
  });
}

describe('S3 store specifics', () => {
  it('lists across pages', async () => {
    const prefix = 'paged/';
    const store = new S3BlobStore({ ...(loadConfig(s3Env({ HUKOU_S3_PREFIX: prefix })).blobStore as any), listPageSize: 2 });
    try {
      const stored = await Promise.all([1, 2, 3, 4, 5].map((n) => store.put(page(n))));
      const names = [];
      for await (const { sha256 } of store.list()) names.push(sha256);
      assert.deepEqual(names, stored.map((s) => s.sha256).sort());
    } finally {
      await store.close();
    }
  });

  it('refuses to start on a bucket it cannot use, naming the bucket', async () => {
    await assert.rejects(
      openBlobStore(loadConfig(s3Env({ HUKOU_S3_BUCKET: 'no-such-bucket' })).blobStore),
      /S3 bucket no-such-bucket cannot be used/,
    );
  });

  it('answers BLOB_STORE_UNAVAILABLE when the service cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const store = new S3BlobStore(loadConfig(s3Env({ HUKOU_S3_ENDPOINT: `http://127.0.0.1:${port}` })).blobStore as any);
    try {
      await assert.rejects(store.put(page(1)), { code: 'BLOB_STORE_UNAVAILABLE' });
      await assert.rejects(store.get(sha256Hex(page(1))), { code: 'BLOB_STORE_UNAVAILABLE' });
    } finally {
      await store.close();
    }
  });

  it('keeps the secret key out of logs and serialised settings, and checks the settings', () => {
    const config = loadConfig(s3Env({ HUKOU_S3_SECRET_ACCESS_KEY: 'very-secret-value' }));
    assert.equal(config.blobStore.kind, 's3');
    assert.equal(JSON.stringify(config).includes('very-secret-value'), false);
    assert.equal(inspect(config, { depth: 10 }).includes('very-secret-value'), false);
    assert.throws(() => loadConfig(s3Env({ HUKOU_S3_BUCKET: '' })), /needs HUKOU_S3_BUCKET/);
    assert.throws(() => loadConfig(s3Env({ HUKOU_S3_SECRET_ACCESS_KEY: '' })), /go together/);
    assert.throws(() => loadConfig(s3Env({ HUKOU_S3_PREFIX: 'no-trailing-slash' })));
    assert.equal(loadConfig({}).blobStore.kind, 'fs', 'the default needs no setting');
  });
});

describe('fs store specifics', () => {
  it('removes temp files that a crash left behind once they are old, and no blob', async () => {
    const root = path.join(scratch, 'fs-temp');
    const store = new FsBlobStore(root);
    try {
      const { sha256 } = await store.put(page(1));
      const shard = path.dirname(store.pathOf(sha256));
      const stale = path.join(shard, '.tmp-stale');
      const fresh = path.join(shard, '.tmp-fresh');
      fs.writeFileSync(stale, 'half a page');
      fs.writeFileSync(fresh, 'a page being written');
      age(stale, 2);
      // Blobs set aside by a removal: aged by the time in their name, not by the blob's own age.
      const staleAside = path.join(shard, `.tmp-aside-${Date.now() - 2 * DAY}-x`);
      const freshAside = path.join(shard, `.tmp-aside-${Date.now()}-y`);
      for (const aside of [staleAside, freshAside]) {
        fs.writeFileSync(aside, 'an old orphan');
        age(aside, 30);
      }
      assert.equal(await store.removeIncomplete(new Date(Date.now() - DAY)), 2);
      assert.deepEqual(fs.readdirSync(shard).sort(), [path.basename(freshAside), '.tmp-fresh', sha256].sort());
      assert.deepEqual([...(await listed(store)).keys()], [sha256]);
    } finally {
      await store.close();
    }
  });
});
