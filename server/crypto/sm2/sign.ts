// SM2 signatures (GB/T 32918.2) with a settable distinguishing ID.
//
// node:crypto's one-shot crypto.sign() on an SM2 key computes Z_A with an empty
// ID, which GM/T 0009 and GB/T 38540 do not accept. The streaming Sign/Verify
// classes instead digest the data they are given with SM3 and pass that digest
// to OpenSSL's SM2 signature as e. Feeding them Z_A || M therefore yields
// e = SM3(Z_A || M) with any ID we choose: standard SM2 at native speed, with
// OpenSSL's constant-time scalar arithmetic and nonce generation.
import { createSign, createVerify } from 'node:crypto';
import { asBytes } from '../bytes.ts';
import { DerError } from '../der/tags.ts';
import type { Sm2PrivateKey, Sm2PublicKey } from './keys.ts';
import { ensureNativeSm2Works } from './self-test.ts';
import { decodeSm2Signature } from './signature-encoding.ts';

export interface Sm2SignOptions {
  /** Distinguishing ID; defaults to "1234567812345678" (GM/T 0009). */
  readonly id?: Uint8Array | string;
}

/** Returns the DER signature SEQUENCE { r, s }. */
export function sm2Sign(privateKey: Sm2PrivateKey, message: Uint8Array | string, options: Sm2SignOptions = {}): Uint8Array {
  ensureNativeSm2Works();
  const signer = createSign('sm3');
  signer.update(privateKey.publicKey.za(options.id));
  signer.update(asBytes(message));
  return new Uint8Array(signer.sign(privateKey.keyObject));
}

/** False for any malformed, non-canonical or wrong signature; never throws on bad input. */
export function sm2Verify(publicKey: Sm2PublicKey, message: Uint8Array | string, signature: Uint8Array, options: Sm2SignOptions = {}): boolean {
  ensureNativeSm2Works();
  try {
    // Only canonical DER with r, s in [1, n-1] reaches OpenSSL, so a signature
    // has exactly one accepted encoding.
    decodeSm2Signature(signature);
  } catch (error) {
    if (error instanceof DerError) return false;
    throw error;
  }
  const verifier = createVerify('sm3');
  verifier.update(publicKey.za(options.id));
  verifier.update(asBytes(message));
  return verifier.verify(publicKey.keyObject, signature);
}
