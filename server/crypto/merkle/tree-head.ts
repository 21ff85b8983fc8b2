// Signed tree heads for the audit trail's checkpoints. The signed bytes follow
// RFC 6962 section 3.5 TreeHeadSignature: version v1 (0), signature_type
// tree_hash (1), uint64 timestamp (ms), uint64 tree_size, root hash; the
// signature is SM2-with-SM3 (DER) instead of the RFC's ECDSA/RSA.
import { concatBytes } from '../bytes.ts';
import type { Sm2PrivateKey, Sm2PublicKey } from '../sm2/keys.ts';
import { sm2Sign, sm2Verify } from '../sm2/sign.ts';
import { assertTreeSize } from './hasher.ts';

export interface TreeHead {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  /** Milliseconds since the Unix epoch. */
  readonly timestamp: number;
}

export interface SignedTreeHead extends TreeHead {
  readonly signature: Uint8Array;
}

function uint64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

export function treeHeadSigningInput(head: TreeHead): Uint8Array {
  assertTreeSize(head.treeSize);
  assertTreeSize(head.timestamp, 'timestamp');
  return concatBytes(Uint8Array.of(0, 1), uint64(head.timestamp), uint64(head.treeSize), head.rootHash);
}

export function signTreeHead(head: TreeHead, privateKey: Sm2PrivateKey): SignedTreeHead {
  return { ...head, rootHash: head.rootHash.slice(), signature: sm2Sign(privateKey, treeHeadSigningInput(head)) };
}

export function verifyTreeHead(head: SignedTreeHead, publicKey: Sm2PublicKey): boolean {
  return sm2Verify(publicKey, treeHeadSigningInput(head), head.signature);
}
