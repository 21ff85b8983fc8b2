/**
 * A caught or rejected value as an Error, so that it can be thrown on with its stack and read for
 * its message. Everything the bench awaits fails with an Error; anything else is wrapped, not lost.
 */
export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(`non-Error failure: ${String(value)}`);
}
