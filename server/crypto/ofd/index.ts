// OFD (GB/T 33190-2016) packages: bounded reading and signature verification. Import from here.
export { OFD_ZIP_LIMITS, OfdPackageError, readOfdZip, isSafeEntryName, looksLikeZip } from './ofd-zip.ts';
export { parseOfdXml, OfdXmlError, type XmlElement } from './ofd-xml.ts';
export {
  readOfdSignatureList,
  resolveLoc,
  OfdStructureError,
  type OfdSignatureEntry,
  type OfdSignatureList,
  type OfdReference,
} from './ofd-signature-list.ts';
export {
  verifyOfd,
  isOfdPackage,
  SM3_OID,
  SM2_SM3_OID,
  type OfdCheck,
  type OfdCheckStatus,
  type OfdSignatureReport,
  type OfdVerification,
  type OfdVerifyOptions,
} from './verify-ofd.ts';
