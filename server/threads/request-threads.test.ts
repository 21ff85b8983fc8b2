import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { RequestThread, RequestThreadPool } from './request-threads.ts';

type Request = { op: 'echo'; value: number } | { op: 'hang' } | { op: 'die' };
type Reply = { id: number; value: number; threadId: number };

const script = new URL('../../test/support/echo-worker.js', import.meta.url);

describe('request threads', () => {
  const open: { close(reason: string): Promise<void> }[] = [];
  after(async () => {
    await Promise.all(open.map((t) => t.close('test over')));
  });

  it('answers each request with its own reply, in order, on one thread', async () => {
    const thread = new RequestThread<Request, Reply>({ script, name: 'echo' });
    open.push(thread);
    const replies = await Promise.all([1, 2, 3].map((value) => thread.send({ op: 'echo', value })));
    assert.deepEqual(
      replies.map((r) => r.value),
      [1, 2, 3],
    );
    assert.equal(new Set(replies.map((r) => r.threadId)).size, 1);
    assert.equal(thread.inFlight, 0);
  });

  // The timeout is well above a thread's start (a new thread loads the TypeScript loader first).
  it('fails what a hung thread held with the timeout error, and answers the next request on a new thread', async () => {
    const thread = new RequestThread<Request, Reply>({ script, name: 'echo', timeoutMs: 4000, timeoutError: () => new Error('too slow') });
    open.push(thread);
    const first = await thread.send({ op: 'echo', value: 1 });
    await assert.rejects(thread.send({ op: 'hang' }), /too slow/);
    const next = await thread.send({ op: 'echo', value: 2 });
    assert.equal(next.value, 2);
    assert.notEqual(next.threadId, first.threadId, 'the hung thread was replaced');
  });

  it('fails what a dead thread held and starts a new one', async () => {
    const thread = new RequestThread<Request, Reply>({ script, name: 'echo' });
    open.push(thread);
    const first = await thread.send({ op: 'echo', value: 1 });
    await assert.rejects(thread.send({ op: 'die' }), /echo thread exited with code 3/);
    const next = await thread.send({ op: 'echo', value: 2 });
    assert.notEqual(next.threadId, first.threadId);
  });

  it('fails pending requests when closed', async () => {
    const thread = new RequestThread<Request, Reply>({ script, name: 'echo' });
    const hanging = assert.rejects(thread.send({ op: 'hang' }), /closed for the test/);
    await thread.close('closed for the test');
    await hanging;
  });

  it('sends each request to the least busy thread of a pool', async () => {
    const pool = new RequestThreadPool<Request, Reply>(2, { script, name: 'echo', timeoutMs: 4000 });
    open.push(pool);
    const hanging = pool.send({ op: 'hang' });
    hanging.catch(() => undefined);
    const a = await pool.send({ op: 'echo', value: 1 });
    const b = await pool.send({ op: 'echo', value: 2 });
    assert.equal(a.threadId, b.threadId, 'both went to the thread that was not held up');
    await assert.rejects(hanging);
  });
});
