// Public API of the cryptographic core. See docs/CRYPTO.md for algorithms,
// encodings and what each test proves. Import from here, not from the files.

export { toHex, fromHex, utf8, concatBytes, bytesEqual } from './bytes.ts';
export { sm3, sha256, SM3_DIGEST_LENGTH } from './sm3.ts';
export { Oid } from './oids.ts';
export { DerError } from './der/tags.ts';
export { toPem, fromPem, fromPemAll } from './der/pem.ts';

// SM2 (GB/T 32918) with a settable distinguishing ID.
export { SM2_CURVE, SM2_DEFAULT_ID, type CurveParameters } from './sm2/curve.ts';
export { Sm2PrivateKey, Sm2PublicKey, generateSm2KeyPair, type Sm2KeyPair } from './sm2/keys.ts';
export { sm2Sign, sm2Verify, type Sm2SignOptions } from './sm2/sign.ts';
export { computeZa, computeMessageDigest } from './sm2/za.ts';
export { encodeSm2Signature, decodeSm2Signature, sm2SignatureToRaw, sm2SignatureFromRaw, type Sm2SignatureValue } from './sm2/signature-encoding.ts';
export { Sm2BackendError } from './sm2/self-test.ts';

// X.509 certificates and CRLs with SM2-with-SM3.
export { parseCertificate, certificateToPem, verifyCertificateSignature, type Certificate } from './x509/certificate.ts';
export { issueCertificate, type CertificateRequest, type CertificateIssuer } from './x509/certificate-issue.ts';
export {
  parseCrl,
  crlToPem,
  verifyCrlSignature,
  REVOCATION_REASONS,
  type CertificateRevocationList,
  type RevokedCertificate,
  type RevocationReason,
} from './x509/crl.ts';
export { issueCrl, type CrlRequest, type CrlIssuer } from './x509/crl-issue.ts';
export { verifyCertificateChain, type ChainOptions, type ChainResult, type ChainFailure } from './x509/chain.ts';
export { formatName, type DistinguishedName, type NameEntry } from './x509/name.ts';
export type { KeyUsage, CertificateExtensions } from './x509/extensions.ts';

// GB/T 38540-2020 electronic seals and seal signatures.
export * from './ses/types.ts';
export {
  encodeSeal as encodeSesSeal,
  encodeSignature as encodeSesSignature,
  encodeSealInfo as encodeSesSealInfo,
  encodeTbsSign as encodeSesTbsSign,
} from './ses/encode.ts';
export { decodeSeal as decodeSesSeal, decodeSignature as decodeSesSignature } from './ses/decode.ts';
// Seals and signatures others made (GM/T 0031-2014 v1, GB/T 38540 v4 and v5), with the BER tolerance of der/ber.ts.
export {
  decodeReceivedSeal as decodeReceivedSesSeal,
  decodeReceivedSignature as decodeReceivedSesSignature,
  type ReceivedSeal as ReceivedSesSeal,
  type ReceivedSignature as ReceivedSesSignature,
} from './ses/decode-received.ts';
export { createSeal, signWithSeal, type SealRequest, type StampRequest, type SesKeyHolder } from './ses/create.ts';
export {
  verifySesSignature,
  verifySesSeal,
  type SesCheck,
  type SesCheckResult,
  type SesCheckStatus,
  type SesOutcome,
  type SesFailure,
  type SesVerification,
  type SesSealVerification,
  type SesVerifyOptions,
} from './ses/verify.ts';

// RFC 6962 / 9162 Merkle trees.
export { createMerkleHasher, SHA256_MERKLE, SM3_MERKLE, type MerkleHasher, type MerkleDigest } from './merkle/hasher.ts';
export { MerkleTree } from './merkle/tree.ts';
export { consistencyPath, inclusionPath, type RangeHash } from './merkle/proofs.ts';
export { leavesHash, tiledRangeHash, tilesToLoad, type TileSource } from './merkle/tiles.ts';
export { CompactRange } from './merkle/compact-range.ts';
export { verifyInclusion, verifyConsistency, rootFromInclusionProof } from './merkle/verify.ts';
export { signTreeHead, verifyTreeHead, treeHeadSigningInput, type TreeHead, type SignedTreeHead } from './merkle/tree-head.ts';
