// Decoding of seals and seal signatures someone else made, in whichever of the
// three structures they follow (GM/T 0031-2014 v1, GB/T 38540 v4, version 5),
// with the BER tolerance of der/ber.ts. Which structure it is shows in the
// second field (v1 wraps the maker's and the signer's signature information
// differently); the header's version must then agree with it. Verification
// works from these, so every signature is checked over the bytes received.
import { BerTolerance } from '../der/ber.ts';
import { DerReader } from '../der/reader.ts';
import { DerError, excerpt, Tag } from '../der/tags.ts';
import { decodeSignatureParts, readSeal, type SealParts, type SignatureParts } from './decode.ts';
import { decodeSignatureV1, readSealV1 } from './decode-v1.ts';
import { SES_HEADER_ID, type SesSeal, type SesVersion } from './types.ts';

export interface ReceivedSeal extends SealParts {
  readonly version: SesVersion;
  /** Each accepted deviation from DER, described once. */
  readonly tolerated: readonly string[];
}

export interface ReceivedSignature extends SignatureParts {
  readonly version: SesVersion;
  readonly tolerated: readonly string[];
}

function versionOf(seal: SesSeal, gmt0031: boolean): SesVersion {
  const { id, version } = seal.sealInfo.header;
  if (id !== SES_HEADER_ID) throw new DerError(`SES_Header.ID is ${JSON.stringify(excerpt(id))}, not "ES"`);
  // GM/T 0031-2014 seals carry version 1 (ofdrw, and seals in the wild); 2 and 3 are taken as the same structure.
  if (gmt0031 && version >= 1 && version <= 3) return 1;
  if (!gmt0031 && (version === 4 || version === 5)) {
    if (seal.timeStamp && version === 4) throw new DerError('SESeal.timeStamp is a version 5 field, in a version 4 seal');
    return version;
  }
  const structure = gmt0031 ? 'GM/T 0031-2014' : 'GB/T 38540';
  throw new DerError(`SES_Header.version ${version} does not fit the ${structure} structure of this seal`);
}

/** A v1 SESeal holds two SEQUENCEs; a GB/T 38540 one has the maker's certificate second. */
function isGmt0031Seal(reader: DerReader): boolean {
  reader.next(Tag.SEQUENCE, 'esealInfo');
  return reader.peekTag() === Tag.SEQUENCE;
}

export function decodeReceivedSeal(der: Uint8Array): ReceivedSeal {
  const ber = new BerTolerance();
  const reader = DerReader.fromBytes(der, 'SESeal', ber);
  const gmt0031 = isGmt0031Seal(reader);
  const parts = gmt0031 ? readSealV1(reader.element, ber) : readSeal(reader.element, ber);
  return { ...parts, version: versionOf(parts.seal, gmt0031), tolerated: ber.deviations };
}

/** A v1 SES_Signature is TBS_Sign and the signature value; GB/T 38540 puts the signer's certificate second. */
function isGmt0031Signature(der: Uint8Array): boolean {
  const reader = DerReader.fromBytes(der, 'SES_Signature');
  reader.next(Tag.SEQUENCE, 'toSign');
  return reader.peekTag() === Tag.BIT_STRING;
}

export function decodeReceivedSignature(der: Uint8Array): ReceivedSignature {
  const ber = new BerTolerance();
  const gmt0031 = isGmt0031Signature(der);
  const parts = gmt0031 ? decodeSignatureV1(der, ber) : decodeSignatureParts(der, ber);
  const version = versionOf(parts.seal, gmt0031);
  if (parts.signature.toSign.version !== parts.seal.sealInfo.header.version) {
    throw new DerError(`TBS_Sign.version ${parts.signature.toSign.version} differs from the seal's version ${parts.seal.sealInfo.header.version}`);
  }
  return { ...parts, version, tolerated: ber.deviations };
}
