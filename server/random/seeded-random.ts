/**
 * mulberry32: a small, fast seeded source of numbers in [0, 1). Where a draw must be repeatable
 * from its seed (a spot check's sample, stored with its seed) or the same on every run (the tests'
 * generated documents, the bench's workload); never for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
