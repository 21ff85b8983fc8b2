import { randomUUID } from 'node:crypto';
import type { NoticeFacts } from '../notice-facts.ts';
import { buildOfdPackage, sealBoundary, zipOfd } from './ofd-package.ts';
import { layOutNotice } from './notice-layout.ts';
import { sealOfd, type OfdSealRequest } from './sign-ofd.ts';

/** Who the OFD's Signature.xml names as having made the signature (SignedInfo/Provider). */
export const OFD_PROVIDER = { name: '户政业务电子档案系统', company: 'hukou-e-archive', version: '1.0' };

export interface NoticeOfdRequest {
  facts: NoticeFacts;
  sealDer: Uint8Array;
  signingTime: Date;
  sign: OfdSealRequest['sign'];
}

export interface NoticeOfd {
  bytes: Uint8Array;
  /** The SES_Signature in Sign_0/SignedValue.dat. */
  sesSignature: Uint8Array;
  pages: number;
}

/**
 * 电子通知单 as OFD (GB/T 33190-2016): the same notice as the PDF, page for page, sealed with the
 * unit's GB/T 38540 seal; the seal's picture is the signature's appearance over the unit's name.
 */
export async function makeNoticeOfd(request: NoticeOfdRequest): Promise<NoticeOfd> {
  const { facts } = request;
  const layout = layOutNotice(facts);
  const unsigned = buildOfdPackage(
    {
      docId: randomUUID().replace(/-/g, ''),
      title: `户政业务审批通知单 ${facts.caseNo}`,
      author: facts.approvingUnit,
      subject: facts.subtypeName,
      creationDate: request.signingTime.toISOString().slice(0, 10),
      creator: OFD_PROVIDER.name,
      customData: [
        ['业务编号', facts.caseNo],
        ['验证码', facts.verificationCode],
      ],
    },
    layout.pages,
  );
  const sealed = await sealOfd({
    files: unsigned.files,
    sealDer: request.sealDer,
    stamp: { pageId: unsigned.pageIds[layout.seal.page]!, boundary: sealBoundary(layout.seal) },
    signingTime: request.signingTime,
    provider: OFD_PROVIDER,
    sign: request.sign,
  });
  return { bytes: zipOfd(sealed.files, request.signingTime), sesSignature: sealed.sesSignature, pages: layout.pages.length };
}
