// A seal made by a trusted seal maker, listing one signer, and a document
// stamped with it; plus the other parties the tamper tests need.
import { utf8 } from '../../bytes.ts';
import { createSeal, signWithSeal, type SealRequest } from '../../ses/create.ts';
import type { SesVerifyOptions } from '../../ses/verify.ts';
import { at, createTestPki, type Holder, type TestPki } from './pki.ts';

export interface SesFixture {
  readonly pki: TestPki;
  readonly maker: Holder;
  readonly signer: Holder;
  /** A person with a valid certificate who is not listed in the seal. */
  readonly outsider: Holder;
  readonly sealRequest: SealRequest;
  readonly sealDer: Uint8Array;
  readonly document: Uint8Array;
  readonly signatureDer: Uint8Array;
  readonly options: SesVerifyOptions;
}

export const PICTURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

export function createSesFixture(): SesFixture {
  const pki = createTestPki();
  const maker = pki.issue('户政业务印章制作中心');
  const signer = pki.issue('张三');
  const outsider = pki.issue('李四');
  const sealRequest: SealRequest = {
    vendorId: 'HUKOU-ARCHIVE',
    sealId: 'ES-3301-0001',
    type: 1,
    name: '户政业务专用章',
    signerCertificates: [signer.certificate],
    createDate: at(-10),
    validStart: at(-10),
    validEnd: at(100),
    picture: { type: 'PNG', data: PICTURE, width: 40, height: 40 },
    extDatas: [{ extnId: '1.2.156.9999.1', critical: false, extnValue: utf8('approval-seal') }],
  };
  const sealDer = createSeal(sealRequest, { certificate: maker.certificate, privateKey: maker.keys.privateKey }).der;
  const document = utf8('户口迁移审批表 HK-2030-0001: approved');
  const signatureDer = signWithSeal(
    { sealDer, document, propertyInfo: 'HK-2030-0001/approval.pdf', signingTime: at(0) },
    { certificate: signer.certificate, privateKey: signer.keys.privateKey },
  ).der;
  const options: SesVerifyOptions = {
    document,
    trust: { trustedRoots: [pki.root.certificate], intermediates: [pki.intermediate.certificate] },
  };
  return { pki, maker, signer, outsider, sealRequest, sealDer, document, signatureDer, options };
}
