import sharp from 'sharp';
import type { IngestImages } from './ingest-images.ts';

export interface DecodeRate {
  decodes: number;
  seconds: number;
  perSecond: number;
  /** The bench process's CPU time over wall time while decoding: 2.0 is two cores busy all the time. */
  cpuCores: number;
}

/**
 * The reference for the capture pipeline: how fast sharp alone fully decodes the same camera pages
 * on this machine, `sharp(bytes).raw().toBuffer()` at full size, the least work any real check of a
 * page must do (a decoder that stops early misses a truncated file). Run in the bench process while
 * the server is idle, with as many decodes in flight as the section has uploads in flight, so both
 * can use every core. sharp's cache is off, as in the server (documents/inspect-image.ts): each
 * decode reads a new buffer anyway.
 */
export async function sharpDecodeRate(images: IngestImages, count: number, inFlight: number): Promise<DecodeRate> {
  sharp.cache(false);
  // Untimed: libvips' first decode loads and initialises the JPEG codec.
  await Promise.all(Array.from({ length: inFlight }, () => sharp(images.take()).raw().toBuffer()));
  let started = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (started < count) {
        started++;
        const raw = await sharp(images.take()).raw().toBuffer();
        // 36 MB of pixels: a decoder that skipped work would give a shorter buffer.
        if (raw.length < 4000 * 3000 * 3) throw new Error(`sharp decoded ${raw.length} bytes, not a whole 12-megapixel page`);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { decodes: count, seconds, perSecond: count / seconds, cpuCores: (cpu.user + cpu.system) / 1e6 / seconds };
}
