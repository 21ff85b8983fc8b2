import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sm3Hex(bytes: Buffer | string): string {
  return createHash('sm3').update(bytes).digest('hex');
}
