import type { DerElement } from '../der/decode.ts';
import { fromPem } from '../der/pem.ts';
import { DerReader } from '../der/reader.ts';
import { Tag } from '../der/tags.ts';
import { readSignatureAlgorithm } from './algorithm.ts';

/** The outer SIGNED{ToBeSigned} shape shared by certificates and CRLs (RFC 5280 4.1, 5.1), read from PEM or DER. */
export interface SignedObject {
  der: Uint8Array;
  tbsElement: DerElement;
  signatureAlgorithm: string;
  signature: Uint8Array;
}

export function readSigned(input: Uint8Array | string, shape: { pemLabel: string; name: string; tbsField: string }): SignedObject {
  const der = typeof input === 'string' ? fromPem(input, [shape.pemLabel]).der : input;
  const outer = DerReader.fromBytes(der, shape.name);
  const tbsElement = outer.next(Tag.SEQUENCE, shape.tbsField);
  const signatureAlgorithm = readSignatureAlgorithm(outer, 'signatureAlgorithm');
  const signature = outer.octetAlignedBits('signatureValue');
  outer.end();
  return { der, tbsElement, signatureAlgorithm, signature };
}
