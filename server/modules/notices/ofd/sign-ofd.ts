import { sm3 } from '../../../crypto/index.ts';
import { SM2_SM3_OID, SM3_OID } from '../../../crypto/ofd/index.ts';
import { beijingMinute } from '../notice-text.ts';
import { DOCUMENT_DIR, SIGNATURES_LIST } from './ofd-package.ts';
import { element, text, xmlFile } from './ofd-xml-writer.ts';

/**
 * Seals an OFD package the way ofdrw's OFDSigner does with a GB/T 38540 seal (SESV4Container,
 * SignMode.WholeProtected), so readers that accept ofdrw's seals accept ours:
 *
 * - Doc_0/Signs/Signatures.xml lists Sign_0/Signature.xml (Type Seal); the seal itself is kept
 *   beside it as Seal.esl (SignedInfo/Seal), as ofdrw does.
 * - Signature.xml's References (CheckMethod SM3, 1.2.156.10197.1.401) hold the SM3, base64, of
 *   every file of the package at that moment, Signatures.xml and Seal.esl included: all but the
 *   signature's own Signature.xml and SignedValue.dat. SignatureMethod is SM2 with SM3
 *   (1.2.156.10197.1.501). StampAnnot places the seal's picture on its page.
 * - SignedValue.dat is an SES_Signature whose dataHash is the SM3 of Signature.xml's bytes exactly
 *   as stored, with propertyInfo the absolute path of Signature.xml (ofdrw's choice).
 */
export const SIGN_DIR = `${DOCUMENT_DIR}/Signs/Sign_0`;
export const SIGNATURE_FILE = `${SIGN_DIR}/Signature.xml`;
export const SIGNED_VALUE_FILE = `${SIGN_DIR}/SignedValue.dat`;
export const SEAL_FILE = `${SIGN_DIR}/Seal.esl`;

export interface OfdSealRequest {
  /** The package's files before signing; the signature's files are added to it. */
  files: Map<string, Uint8Array>;
  sealDer: Uint8Array;
  stamp: { pageId: number; boundary: string };
  signingTime: Date;
  provider: { name: string; company: string; version: string };
  /** Makes the SES_Signature over the given digest (the signing provider: built-in or the province's). */
  sign(documentHash: Uint8Array, propertyInfo: string): Promise<Uint8Array>;
}

export interface SealedOfd {
  files: Map<string, Uint8Array>;
  signatureXml: Uint8Array;
  sesSignature: Uint8Array;
}

/** ofdrw writes the signing time as `yyyy-MM-dd HH:mm:ss`; here in Beijing time, as the notice states its dates. */
function signatureDateTime(at: Date): string {
  const seconds = String(at.getUTCSeconds()).padStart(2, '0');
  return `${beijingMinute(at.toISOString())}:${seconds}`;
}

export async function sealOfd(request: OfdSealRequest): Promise<SealedOfd> {
  const files = new Map(request.files);
  const signatureId = 1;
  const stampAnnotId = 2;
  files.set(
    SIGNATURES_LIST,
    xmlFile('Signatures', {}, [
      element('MaxSignId', {}, String(stampAnnotId)),
      element('Signature', { ID: signatureId, Type: 'Seal', BaseLoc: `/${SIGNATURE_FILE}` }),
    ]),
  );
  files.set(SEAL_FILE, request.sealDer);
  const references = [...files].map(([name, bytes]) =>
    element('Reference', { FileRef: `/${name}` }, element('CheckValue', {}, Buffer.from(sm3(bytes)).toString('base64'))),
  );
  const signatureXml = xmlFile('Signature', {}, [
    element('SignedInfo', {}, [
      element('Provider', { ProviderName: request.provider.name, Company: request.provider.company, Version: request.provider.version }),
      element('SignatureMethod', {}, SM2_SM3_OID),
      element('SignatureDateTime', {}, text(signatureDateTime(request.signingTime))),
      element('References', { CheckMethod: SM3_OID }, references),
      element('StampAnnot', { ID: stampAnnotId, PageRef: request.stamp.pageId, Boundary: request.stamp.boundary }),
      element('Seal', {}, element('BaseLoc', {}, `/${SEAL_FILE}`)),
    ]),
    element('SignedValue', {}, `/${SIGNED_VALUE_FILE}`),
  ]);
  const sesSignature = await request.sign(sm3(signatureXml), `/${SIGNATURE_FILE}`);
  files.set(SIGNATURE_FILE, signatureXml);
  files.set(SIGNED_VALUE_FILE, sesSignature);
  return { files, signatureXml, sesSignature };
}
