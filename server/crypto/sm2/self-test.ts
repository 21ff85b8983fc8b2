// The native path in sign.ts relies on node:crypto's streaming Sign/Verify
// handing OpenSSL's SM2 key the SM3 digest of what we fed it, which OpenSSL
// then signs as e. If a future Node or OpenSSL typed our keys as plain EC (so
// ECDSA) or hashed differently, signatures would silently stop being SM2. This
// known-answer check, run once before first use, turns that into a loud failure.
import { createSign, createVerify } from 'node:crypto';
import { fromHex, utf8 } from '../bytes.ts';
import { encodeSm2Signature } from './signature-encoding.ts';
import { Sm2PrivateKey, Sm2PublicKey } from './keys.ts';

/** GM/T 0003.5-2012 / GB/T 32918.5-2017 Annex A, default ID, message "message digest". */
export const ANNEX_A_RECOMMENDED_CURVE = {
  privateKey: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  publicX: '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020',
  publicY: 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  message: 'message digest',
  za: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  e: 'F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640',
  k: '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
} as const;

export class Sm2BackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Sm2BackendError';
  }
}

function nativeVerify(key: Sm2PublicKey, message: Uint8Array, signature: Uint8Array): boolean {
  return createVerify('sm3').update(key.za()).update(message).verify(key.keyObject, signature);
}

function runSelfTest(): void {
  const v = ANNEX_A_RECOMMENDED_CURVE;
  const publicKey = Sm2PublicKey.fromPoint(fromHex('04' + v.publicX + v.publicY));
  const message = utf8(v.message);
  const published = encodeSm2Signature({ r: BigInt('0x' + v.r), s: BigInt('0x' + v.s) });
  if (!nativeVerify(publicKey, message, published)) {
    throw new Sm2BackendError('native SM2 verification rejects the GM/T 0003.5 Annex A signature');
  }
  if (nativeVerify(publicKey, utf8('message digesT'), published)) {
    throw new Sm2BackendError('native SM2 verification accepts a signature over another message');
  }
  const privateKey = Sm2PrivateKey.fromScalar(fromHex(v.privateKey));
  if (!privateKey.publicKey.equals(publicKey)) {
    throw new Sm2BackendError('native SM2 derives the wrong public key for the Annex A private key');
  }
  const fresh = new Uint8Array(createSign('sm3').update(privateKey.publicKey.za()).update(message).sign(privateKey.keyObject));
  if (!nativeVerify(publicKey, message, fresh)) {
    throw new Sm2BackendError('native SM2 signing does not produce SM2 signatures');
  }
}

let passed = false;

export function ensureNativeSm2Works(): void {
  if (passed) return;
  runSelfTest();
  passed = true;
}
