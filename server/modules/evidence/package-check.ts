/**
 * The names of the checks `hukou verify-package` runs, in the order it runs them (docs/SEALS.md,
 * "Evidence packages"). A failure always names the check and the file it concerns.
 */
export type PackageCheckName =
  | 'bagDeclaration'
  | 'bagInfo'
  | 'tagManifest'
  | 'payloadManifest'
  | 'missingFile'
  | 'extraFile'
  | 'packageIndex'
  | 'rootCertificate'
  | 'crlSignature'
  | 'certificateChain'
  | 'pdfCertificate'
  | 'originalFile'
  | 'decisionSignature'
  | 'signedCase'
  | 'signedPages'
  | 'noticeSignature'
  | 'noticeOfd'
  | 'checkpointSignature'
  | 'eventHash'
  | 'eventLink'
  | 'inclusionProof'
  | 'trailRecord';

export interface PackageCheck {
  name: PackageCheckName;
  /** The file (bag-relative) the check is about. */
  file: string;
  ok: boolean;
  detail: string;
}

export const passed = (name: PackageCheckName, file: string, detail: string): PackageCheck => ({ name, file, ok: true, detail });
export const failed = (name: PackageCheckName, file: string, detail: string): PackageCheck => ({ name, file, ok: false, detail });
