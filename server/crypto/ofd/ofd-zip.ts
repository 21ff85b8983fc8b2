import { unzipSync } from 'fflate';

/**
 * An OFD package is a zip (GB/T 33190-2016 §7.1). Reading one someone brings must not let it take
 * the machine: the entry count, each entry's size and the total are bounded before anything is
 * inflated, an entry that inflates to other than its declared size is refused, and names that
 * could leave the package (absolute, `..`, backslashes) or collide are refused.
 */
export const OFD_ZIP_LIMITS = {
  maxEntries: 2_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
} as const;

export type OfdPackageProblem = 'zip' | 'entries' | 'size' | 'path';

export class OfdPackageError extends Error {
  constructor(
    readonly problem: OfdPackageProblem,
    message: string,
  ) {
    super(message);
    this.name = 'OfdPackageError';
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
}

/** A package name is a relative path of plain segments: nothing that resolves outside the package. */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 512 || name.startsWith('/') || name.includes('\\')) return false;
  // Control characters (NUL included) have no place in a file name and confuse other tools.
  if (/[\u0000-\u001f\u007f]/.test(name)) return false;
  const segments = name.replace(/\/$/, '').split('/');
  const forbidden = new Set(['', '.', '..', '__proto__']);
  return segments.every((segment) => !forbidden.has(segment) && !/^[A-Za-z]:$/.test(segment));
}

/** The package's files by name (directories left out), each inflated within the limits. */
export function readOfdZip(bytes: Uint8Array, limits = OFD_ZIP_LIMITS): Map<string, Uint8Array> {
  if (!looksLikeZip(bytes)) throw new OfdPackageError('zip', 'not a zip file');
  const declared = new Map<string, number>();
  let entries = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        if (++entries > limits.maxEntries) throw new OfdPackageError('entries', `more than ${limits.maxEntries} entries`);
        if (!isSafeEntryName(entry.name)) throw new OfdPackageError('path', `unsafe entry name ${JSON.stringify(entry.name)}`);
        if (entry.name.endsWith('/')) return false;
        if (declared.has(entry.name)) throw new OfdPackageError('path', `entry ${entry.name} appears twice`);
        if (entry.originalSize > limits.maxEntryBytes) throw new OfdPackageError('size', `entry ${entry.name} declares ${entry.originalSize} bytes`);
        total += entry.originalSize;
        if (total > limits.maxTotalBytes) throw new OfdPackageError('size', `entries declare more than ${limits.maxTotalBytes} bytes in all`);
        declared.set(entry.name, entry.originalSize);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof OfdPackageError) throw error;
    throw new OfdPackageError('zip', `unreadable zip: ${(error as Error).message}`);
  }
  const result = new Map<string, Uint8Array>();
  for (const [name, size] of declared) {
    const data = files[name];
    // Inflating into a buffer of the declared size stops a lying entry there; a shorter one shows here.
    if (!data || data.length !== size) throw new OfdPackageError('size', `entry ${name} inflates to other than its declared ${size} bytes`);
    result.set(name, data);
  }
  return result;
}
