import { child, childText, childrenNamed, OfdXmlError, parseOfdXml, type XmlElement } from './ofd-xml.ts';

/**
 * The signatures an OFD package declares (GB/T 33190-2016 §18): OFD.xml names each document's
 * Signatures.xml, which lists each signature's Signature.xml, which names what it protects
 * (References with their check values), where the seal is shown (StampAnnot) and its value
 * (SignedValue). Reading only: nothing here judges whether anything holds.
 */

export interface OfdReference {
  /** As written in FileRef. */
  readonly fileRef: string;
  /** The package entry it names. */
  readonly path: string;
  readonly checkValue: Uint8Array;
}

export interface OfdStampAnnot {
  readonly id: string;
  readonly pageRef: string;
  readonly boundary: string;
}

export interface OfdSignatureEntry {
  readonly id: string;
  /** `Seal` (an electronic seal, GB/T 38540 SES_Signature) or `Sign` (a plain signature value). */
  readonly type: string;
  /** Package entry of Signature.xml. */
  readonly path: string;
  readonly signedValuePath: string;
  /** Package entry of the seal file, when the signature names one (SignedInfo/Seal/BaseLoc). */
  readonly sealPath: string | null;
  readonly providerName: string | null;
  readonly signatureMethod: string | null;
  readonly signatureDateTime: string | null;
  readonly checkMethod: string | null;
  readonly references: readonly OfdReference[];
  readonly stampAnnots: readonly OfdStampAnnot[];
}

export interface OfdSignatureList {
  /** Package entries of the documents' signature lists (Signatures.xml). */
  readonly listPaths: readonly string[];
  readonly signatures: readonly OfdSignatureEntry[];
}

export class OfdStructureError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'OfdStructureError';
  }
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * ST_Loc (§7.3): `/…` from the package root, otherwise from the directory of the file that names
 * it. `..` never climbs above the root.
 */
export function resolveLoc(loc: string, fromDirectory: string, file: string): string {
  const trimmed = loc.trim();
  const joined = trimmed.startsWith('/') ? trimmed.slice(1) : fromDirectory ? `${fromDirectory}/${trimmed}` : trimmed;
  const segments: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) throw new OfdStructureError(file, `${loc} leaves the package`);
      segments.pop();
    } else segments.push(segment);
  }
  if (segments.length === 0) throw new OfdStructureError(file, `empty location ${JSON.stringify(loc)}`);
  return segments.join('/');
}

function readXml(files: ReadonlyMap<string, Uint8Array>, path: string, expectedRoot: string, namedBy: string): XmlElement {
  const bytes = files.get(path);
  if (!bytes) throw new OfdStructureError(namedBy, `names ${path}, which the package does not contain`);
  let root: XmlElement;
  try {
    root = parseOfdXml(path, bytes);
  } catch (error) {
    if (error instanceof OfdXmlError) throw new OfdStructureError(path, error.message.slice(path.length + 2));
    throw error;
  }
  if (root.name !== expectedRoot) throw new OfdStructureError(path, `root element is ${root.name}, not ${expectedRoot}`);
  return root;
}

function decodeBase64(text: string, file: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new OfdStructureError(file, 'a CheckValue is not base64');
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

function readSignature(files: ReadonlyMap<string, Uint8Array>, listPath: string, record: XmlElement): OfdSignatureEntry {
  const baseLoc = record.attributes.BaseLoc;
  if (!baseLoc) throw new OfdStructureError(listPath, 'a Signature has no BaseLoc');
  const path = resolveLoc(baseLoc, directoryOf(listPath), listPath);
  const root = readXml(files, path, 'Signature', listPath);
  const info = child(root, 'SignedInfo');
  const signedValue = childText(root, 'SignedValue');
  if (!info || !signedValue) throw new OfdStructureError(path, 'no SignedInfo or no SignedValue');
  const references = child(info, 'References');
  if (!references) throw new OfdStructureError(path, 'no References');
  const sealLoc = child(info, 'Seal') && childText(child(info, 'Seal')!, 'BaseLoc');
  return {
    id: record.attributes.ID ?? '',
    type: record.attributes.Type ?? 'Seal',
    path,
    signedValuePath: resolveLoc(signedValue, directoryOf(path), path),
    sealPath: sealLoc ? resolveLoc(sealLoc, directoryOf(path), path) : null,
    providerName: child(info, 'Provider')?.attributes.ProviderName ?? null,
    signatureMethod: childText(info, 'SignatureMethod') ?? null,
    signatureDateTime: childText(info, 'SignatureDateTime') ?? null,
    checkMethod: references.attributes.CheckMethod ?? null,
    references: childrenNamed(references, 'Reference').map((reference) => {
      const fileRef = reference.attributes.FileRef ?? '';
      // FileRef names a file of the package; relative ones are read from the root, as readers do.
      return { fileRef, path: resolveLoc(fileRef, '', path), checkValue: decodeBase64(childText(reference, 'CheckValue') ?? '', path) };
    }),
    stampAnnots: childrenNamed(info, 'StampAnnot').map((annot) => ({
      id: annot.attributes.ID ?? '',
      pageRef: annot.attributes.PageRef ?? '',
      boundary: annot.attributes.Boundary ?? '',
    })),
  };
}

/** Every signature of every document of the package, in the order the lists give them. */
export function readOfdSignatureList(files: ReadonlyMap<string, Uint8Array>): OfdSignatureList {
  const ofd = readXml(files, 'OFD.xml', 'OFD', 'the package');
  const bodies = childrenNamed(ofd, 'DocBody');
  if (bodies.length === 0) throw new OfdStructureError('OFD.xml', 'no DocBody');
  const listPaths: string[] = [];
  const signatures: OfdSignatureEntry[] = [];
  for (const body of bodies) {
    const loc = childText(body, 'Signatures');
    if (!loc) continue;
    const listPath = resolveLoc(loc, '', 'OFD.xml');
    listPaths.push(listPath);
    const list = readXml(files, listPath, 'Signatures', 'OFD.xml');
    for (const record of childrenNamed(list, 'Signature')) signatures.push(readSignature(files, listPath, record));
  }
  return { listPaths, signatures };
}
