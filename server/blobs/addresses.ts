import { AppError } from '../errors.ts';

/** An original's address: the lowercase hex SHA-256 of its bytes. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

// Derived keys name files and object keys directly, so only characters safe in both are allowed,
// and no key may be `.` or `..` or start with a dot (hidden files, temp files of the fs store).
const DERIVED_KEY = /^[a-z0-9-][a-z0-9.-]{0,199}$/;

/** Refuses anything but a SHA-256 address, before it becomes a path or an object key. */
export function assertAddress(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new AppError('NOT_FOUND', { sha256 });
}

/** Refuses a derived key outside [a-z0-9.-] (a programming error: keys are built by the server). */
export function assertDerivedKey(key: string): void {
  if (!DERIVED_KEY.test(key)) throw new Error(`derived image key ${JSON.stringify(key)} is not [a-z0-9.-]`);
}
