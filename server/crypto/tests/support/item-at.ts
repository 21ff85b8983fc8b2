import assert from 'node:assert/strict';

/** items[index], failing the test when there is none: the fixture or generator is shorter than the test assumes. */
export function itemAt<T>(items: ArrayLike<T>, index: number): T {
  const item = items[index];
  assert.ok(item !== undefined, `no element ${index} among ${items.length}`);
  return item;
}
