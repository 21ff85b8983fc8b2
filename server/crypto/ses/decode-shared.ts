// Readers for the parts GM/T 0031-2014 and GB/T 38540 seals have in common.
import type { DerReader } from '../der/reader.ts';
import { DerError } from '../der/tags.ts';
import type { SesCertDigest, SesCertList, SesExtData, SesHeader, SesPictureInfo } from './types.ts';

export function readHeader(r: DerReader): SesHeader {
  const header = { id: r.ia5String('ID'), version: r.smallInteger('version'), vendorId: r.ia5String('Vid') };
  r.end();
  return header;
}

/** certListType 1 (and every v1 certList): DER certificates, each in an OCTET STRING. */
export function readCertificates(r: DerReader): SesCertList {
  const certificates: Uint8Array[] = [];
  while (r.hasMore()) certificates.push(r.octetString('cert'));
  return { type: 1, certificates };
}

export function readCertList(type: number, r: DerReader): SesCertList {
  if (type === 1) return readCertificates(r);
  if (type === 2) {
    const digests: SesCertDigest[] = [];
    while (r.hasMore()) {
      const d = r.sequence('CertDigestObj');
      digests.push({ type: d.printableString('type'), value: d.octetString('value') });
      d.end();
    }
    return { type: 2, digests };
  }
  throw new DerError(`unknown certListType ${type}`);
}

export function readPicture(r: DerReader): SesPictureInfo {
  const picture = { type: r.ia5String('type'), data: r.octetString('data'), width: r.smallInteger('width'), height: r.smallInteger('height') };
  r.end();
  return picture;
}

/** ExtData ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
export function readExtDatas(r: DerReader): SesExtData[] {
  const list: SesExtData[] = [];
  while (r.hasMore()) {
    const e = r.sequence('ExtData');
    const extnId = e.oid('extnID');
    const critical = e.booleanWithDefault(false, 'critical');
    list.push({ extnId, critical, extnValue: e.octetString('extnValue') });
    e.end();
  }
  return list;
}
