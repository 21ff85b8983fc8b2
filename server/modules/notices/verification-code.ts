import { randomBytes } from 'node:crypto';

/**
 * A notice's verification code: 16 characters of Crockford's base32 alphabet (no I, L, O or U, so
 * nothing reads as another character when typed from paper), 80 random bits, grouped 4-4-4-4.
 * Guessing one is hopeless; two notices drawing the same code is refused by the unique column and the
 * approval retried with a new draw.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

export function newVerificationCode(): string {
  // 32 divides 256, so taking each byte modulo 32 is unbiased.
  const characters = [...randomBytes(16)].map((byte) => ALPHABET[byte % 32]).join('');
  return characters.match(/.{4}/g)!.join('-');
}

/** Where the QR code sends a reader: the public check, relative to the archive's own address. */
export const verificationPath = (code: string) => `/verify?code=${encodeURIComponent(code)}`;

/** The whole address a phone opens from the QR code: the archive's public address and the check. */
export const verificationUrl = (publicUrl: string, code: string) => `${publicUrl}${verificationPath(code)}`;
