import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecodeSlots } from './decode-slots.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every settled promise's continuations run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('decode slots', () => {
  it('runs at most its size at once, the rest in the order they came, and frees a slot when work fails', async () => {
    const slots = new DecodeSlots(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await settle();
    assert.deepEqual(started, [0, 1]);
    assert.equal(slots.inUse, 2);
    assert.equal(slots.queued, 3);

    gates[1]!.reject(new Error('undecodable'));
    await assert.rejects(runs[1]!, /undecodable/);
    await settle();
    assert.deepEqual(started, [0, 1, 2], 'a failed page frees its slot for the next in line');

    gates[0]!.resolve();
    gates[2]!.resolve();
    assert.equal(await runs[0], 0);
    await settle();
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    assert.equal(slots.inUse, 2);
    gates[3]!.resolve();
    gates[4]!.resolve();
    assert.deepEqual(await Promise.all([runs[2], runs[3], runs[4]]), [2, 3, 4]);
    assert.equal(slots.inUse, 0);
    assert.equal(slots.queued, 0);
  });

  it('refuses a size below one', () => {
    assert.throws(() => new DecodeSlots(0));
    assert.throws(() => new DecodeSlots(1.5));
  });
});
