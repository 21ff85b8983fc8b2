// Seals and seal signatures encoded the way other producers encode them, written
// here field by field (our own encoder only writes strict DER v4): GM/T 0031-2014
// (v1), GB/T 38540 v4 with an explicit `critical FALSE` (as ofdrw and the tax
// e-invoice seals write ExtData), and version 5 with the maker's time stamp.
// They are made under the test PKI, so unlike the corpus samples they can be
// fully valid, and tampered with at will.
import { utf8 } from '../../bytes.ts';
import {
  bitString,
  boolean,
  explicit,
  generalizedTime,
  ia5String,
  integer,
  octetString,
  oid,
  sequence,
  utcTime,
  utf8String,
} from '../../der/encode.ts';
import { Oid } from '../../oids.ts';
import { sm2Sign } from '../../sm2/sign.ts';
import { sm3 } from '../../sm3.ts';
import type { Certificate } from '../../x509/certificate.ts';
import type { SesVerifyOptions } from '../../ses/verify.ts';
import { at, createTestPki, type Holder, type TestPki } from './pki.ts';
import { PICTURE } from './ses-fixture.ts';

export const PROPERTY_INFO = '/Doc_0/Signs/Sign_0/Signature.xml';

const header = (version: number): Uint8Array => sequence(ia5String('ES'), integer(version), ia5String('FOREIGN-VENDOR'));
const picture = (): Uint8Array => sequence(ia5String('PNG'), octetString(PICTURE), integer(40), integer(40));
const certificates = (signers: readonly Certificate[]): Uint8Array => sequence(...signers.map((c) => octetString(c.der)));

/** ExtensionDatas with `critical` spelled out as FALSE: valid BER, not DER. */
export const explicitFalseExtDatas = (): Uint8Array => sequence(sequence(oid('1.2.156.9999.2'), boolean(false), octetString(utf8('foreign'))));

/** GB/T 38540 SES_SealInfo, header version 4 or 5. */
export function sealInfo38540(version: number, signers: readonly Certificate[], extDatas: Uint8Array | null = explicitFalseExtDatas()): Uint8Array {
  const property = sequence(
    integer(1),
    utf8String('外来单位业务专用章'),
    integer(1),
    certificates(signers),
    generalizedTime(at(-10)),
    generalizedTime(at(-10)),
    generalizedTime(at(100)),
  );
  return sequence(header(version), ia5String('FOREIGN-0001'), property, picture(), ...(extDatas ? [extDatas] : []));
}

/** GB/T 38540 SESeal; `signedData` is what the maker signs (the SES_SealInfo given, unless a test wants otherwise). */
export function seal38540(info: Uint8Array, maker: Holder, options: { timeStamp?: Uint8Array; signedData?: Uint8Array } = {}): Uint8Array {
  const signedValue = sm2Sign(maker.keys.privateKey, options.signedData ?? info);
  return sequence(
    info,
    octetString(maker.certificate.der),
    oid(Oid.sm2WithSm3),
    bitString(signedValue),
    ...(options.timeStamp ? [explicit(0, bitString(options.timeStamp))] : []),
  );
}

/** TBS_Sign of GB/T 38540 (versions 4 and 5). */
export function tbsSign38540(version: number, sealDer: Uint8Array, document: Uint8Array, extDatas?: Uint8Array): Uint8Array {
  return sequence(
    integer(version),
    sealDer,
    generalizedTime(at(0)),
    bitString(sm3(document)),
    ia5String(PROPERTY_INFO),
    ...(extDatas ? [explicit(0, extDatas)] : []),
  );
}

/** SES_Signature of GB/T 38540; `value` replaces the signature value (a raw r || s, say). */
export function signature38540(tbs: Uint8Array, signer: Holder, options: { signedData?: Uint8Array; value?: Uint8Array } = {}): Uint8Array {
  const value = options.value ?? sm2Sign(signer.keys.privateKey, options.signedData ?? tbs);
  return sequence(tbs, octetString(signer.certificate.der), oid(Oid.sm2WithSm3), bitString(value));
}

/** GM/T 0031-2014 SES_SealInfo: no certListType, UTCTime dates. */
export function sealInfoV1(signers: readonly Certificate[], version = 1): Uint8Array {
  const property = sequence(integer(1), utf8String('GM/T 0031 测试章'), certificates(signers), utcTime(at(-10)), utcTime(at(-10)), utcTime(at(100)));
  return sequence(header(version), ia5String('V1-0001'), property, picture(), explicitFalseExtDatas());
}

/** GM/T 0031-2014 SESeal: the maker signs SEQUENCE { sealInfo, cert, signatureAlgorithm }, unless `signedData` says otherwise. */
export function sealV1(info: Uint8Array, maker: Holder, signedData?: Uint8Array): Uint8Array {
  const cert = octetString(maker.certificate.der);
  const algorithm = oid(Oid.sm2WithSm3);
  const signData = sm2Sign(maker.keys.privateKey, signedData ?? sequence(info, cert, algorithm));
  return sequence(info, sequence(cert, algorithm, bitString(signData)));
}

/** GM/T 0031-2014 TBS_Sign; timeInfo is a whole element (a BIT STRING of text, or a time). */
export function tbsSignV1(sealDer: Uint8Array, signer: Holder, document: Uint8Array, timeInfo: Uint8Array, version = 1): Uint8Array {
  return sequence(
    integer(version),
    sealDer,
    timeInfo,
    bitString(sm3(document)),
    ia5String(PROPERTY_INFO),
    octetString(signer.certificate.der),
    oid(Oid.sm2WithSm3),
  );
}

export const signatureV1 = (tbs: Uint8Array, signer: Holder): Uint8Array => sequence(tbs, bitString(sm2Sign(signer.keys.privateKey, tbs)));

/** timeInfo as GM/T 0031-2014 has it: text in a BIT STRING. */
export const textTime = (text: string): Uint8Array => bitString(utf8(text));

export interface ForeignSes {
  readonly pki: TestPki;
  readonly maker: Holder;
  readonly signer: Holder;
  readonly outsider: Holder;
  readonly document: Uint8Array;
  readonly v1SealDer: Uint8Array;
  readonly v1SignatureDer: Uint8Array;
  /** GB/T 38540 v4 with an explicit critical FALSE, signed as encoded. */
  readonly falseSealDer: Uint8Array;
  readonly falseSignatureDer: Uint8Array;
  readonly v5SealDer: Uint8Array;
  readonly v5SignatureDer: Uint8Array;
  readonly options: SesVerifyOptions;
}

export function createForeignSes(): ForeignSes {
  const pki = createTestPki();
  const maker = pki.issue('外来印章制作系统');
  const signer = pki.issue('王五');
  const outsider = pki.issue('赵六');
  const document = utf8('<ofd:Signature>...</ofd:Signature>');
  const v1SealDer = sealV1(sealInfoV1([signer.certificate]), maker);
  const v1SignatureDer = signatureV1(tbsSignV1(v1SealDer, signer, document, textTime('2030-01-01T00:00:00.000Z')), signer);
  const falseSealDer = seal38540(sealInfo38540(4, [signer.certificate]), maker);
  const falseSignatureDer = signature38540(tbsSign38540(4, falseSealDer, document, explicitFalseExtDatas()), signer);
  const v5SealDer = seal38540(sealInfo38540(5, [signer.certificate]), maker, { timeStamp: Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05) });
  const v5SignatureDer = signature38540(tbsSign38540(5, v5SealDer, document), signer);
  const options: SesVerifyOptions = { document, trust: { trustedRoots: [pki.root.certificate], intermediates: [pki.intermediate.certificate] } };
  return { pki, maker, signer, outsider, document, v1SealDer, v1SignatureDer, falseSealDer, falseSignatureDer, v5SealDer, v5SignatureDer, options };
}
