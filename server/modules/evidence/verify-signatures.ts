import { decodeSesSignature, fromHex, toHex, verifySesSignature } from '../../crypto/index.ts';
import { verifyOfd } from '../../crypto/ofd/index.ts';
import type { SignedCaseContent } from '../seals/case-content.ts';
import type { BagReader } from './bagit.ts';
import { failed, type PackageCheck, passed } from './package-check.ts';
import type { PackageIndex } from './package-index.ts';
import { type PackageTrust, trustWith } from './verify-trust.ts';

type SignatureEntry = PackageIndex['signatures'][number];

/**
 * A GB/T 38540 signature over a packaged document, with the package's root and the CRL in force
 * when it was signed. A document hash that differs names the document; any other failure the
 * signature file. `propertyInfo` must say what the package says was signed, so a valid signature
 * of another case or act cannot stand in.
 */
function checkSes(
  bag: BagReader,
  trust: PackageTrust,
  entry: { signature: string; document: string; signedAt: string; crl: number | null; propertyInfo: (info: string) => boolean },
  name: 'decisionSignature' | 'noticeSignature',
): PackageCheck {
  const der = bag.read(entry.signature);
  const documentSm3 = bag.digest(entry.document, 'sm3');
  if (!der || documentSm3 === null) return failed(name, der ? entry.document : entry.signature, 'missing from the package');
  const options = trustWith(trust, entry.crl, new Date(entry.signedAt));
  if (typeof options === 'string') return failed(name, entry.signature, options);
  const result = verifySesSignature(new Uint8Array(der), { documentHash: fromHex(documentSm3), trust: options });
  if (!result.ok) {
    const file = result.failedCheck === 'documentHash' ? entry.document : entry.signature;
    return failed(name, file, `${result.failedCheck}: ${result.reason}${file === entry.document ? ` (signed by ${entry.signature})` : ''}`);
  }
  const { propertyInfo: info, timeInfo } = result.signature.toSign;
  if (!entry.propertyInfo(info)) return failed(name, entry.signature, `signs "${info}", not what the package says`);
  // The signature's time is whole seconds, the package's the archive's milliseconds: the CRL in force is chosen by the latter.
  const offset = Date.parse(entry.signedAt) - timeInfo.getTime();
  if (!(offset >= 0 && offset < 1000))
    return failed(name, entry.signature, `signed at ${timeInfo.toISOString()}, not at ${entry.signedAt} as the package says`);
  const seal = result.signature.toSign.seal.sealInfo;
  return passed(name, entry.signature, `${seal.property.name} (${seal.esId}), ${info}, over the SM3 of ${entry.document}`);
}

function parseContent(bytes: Buffer | null): SignedCaseContent | null {
  try {
    return bytes ? (JSON.parse(bytes.toString('utf8')) as SignedCaseContent) : null;
  } catch {
    return null;
  }
}

/** The content is of this case, and every page and portrait it names is packaged with exactly the SM3 it signed. */
function checkSignedContent(bag: BagReader, index: PackageIndex, entry: SignatureEntry, checks: PackageCheck[]): void {
  const content = parseContent(bag.read(entry.content));
  if (!content?.case || !Array.isArray(content.pages) || !Array.isArray(content.portraits)) {
    return void checks.push(failed('signedCase', entry.content, 'not a signed case content (hukou-case-decision/1)'));
  }
  const sameCase = content.case.id === index.case.id && content.case.caseNo === index.case.caseNo;
  checks.push(
    sameCase
      ? passed('signedCase', entry.content, `case ${content.case.caseNo}, ${content.actions?.length ?? 0} action(s) up to seq ${entry.seq}`)
      : failed('signedCase', entry.content, `signs case ${content.case.caseNo} (${content.case.id}), not the package's ${index.case.caseNo}`),
  );
  let problems = 0;
  const compare = (kind: 'page' | 'portrait', id: string, signedSm3: string, label: string) => {
    const file = (kind === 'page' ? index.pages : index.portraits).find((p) => p.id === id)?.file;
    const actual = file ? bag.digest(file, 'sm3') : null;
    if (!file || actual === null) {
      problems++;
      return checks.push(failed('signedPages', file ?? entry.content, `${kind} ${id} (${label}) signed in ${entry.content} is not in the package`));
    }
    if (actual === signedSm3) return;
    problems++;
    checks.push(failed('signedPages', file, `${kind} ${id} (${label}): SM3 ${actual}, but ${entry.content} signed ${signedSm3}`));
  };
  for (const page of content.pages) compare('page', page.id, page.sm3, `${page.material} page ${page.pageNo}`);
  for (const portrait of content.portraits) compare('portrait', portrait.id, portrait.sm3, `captured ${portrait.capturedAt}`);
  if (problems === 0) {
    checks.push(
      passed('signedPages', entry.content, `${content.pages.length} page(s), ${content.portraits.length} portrait(s) match the packaged originals`),
    );
  }
}

/**
 * The OFD notice by its own seal signature (crypto/ofd/verify-ofd.ts: every reference, the dataHash
 * over Signature.xml, the seal, the certificates), trusted as the PDF's notice signature is.
 */
function checkNoticeOfd(bag: BagReader, trust: PackageTrust, notice: NonNullable<PackageIndex['notice']> & { ofd: string }): PackageCheck {
  const bytes = bag.read(notice.ofd);
  if (!bytes) return failed('noticeOfd', notice.ofd, 'missing from the package');
  const options = trustWith(trust, notice.crl, new Date(notice.signedAt));
  if (typeof options === 'string') return failed('noticeOfd', notice.ofd, options);
  const result = verifyOfd(new Uint8Array(bytes), { trust: options });
  const signature = result.signatures[0];
  if (!result.valid || !signature) {
    const why = result.checks.find((c) => c.status !== 'passed') ?? signature?.checks.find((c) => c.status !== 'passed');
    const changed = signature?.changedFiles.length ? ` (changed inside it: ${signature.changedFiles.join(', ')})` : '';
    return failed('noticeOfd', notice.ofd, `${why ? `${why.name}: ${why.detail}` : 'no seal signature'}${changed}`);
  }
  return passed(
    'noticeOfd',
    notice.ofd,
    `${signature.sealName ?? 'seal'}: ${signature.referenceCount} file(s) referenced, each SM3 and the seal signature verify`,
  );
}

/** Each decision's signature over its content, the content's case and pages, and the notice's signatures over the PDF and the OFD. */
export function checkSignatures(bag: BagReader, index: PackageIndex, trust: PackageTrust, checks: PackageCheck[]): void {
  for (const entry of index.signatures) {
    const expected = `case=${index.case.caseNo};seq=${entry.seq};act=${entry.act}`;
    checks.push(checkSes(bag, trust, { ...entry, document: entry.content, propertyInfo: (i) => i === expected }, 'decisionSignature'));
    checkSignedContent(bag, index, entry, checks);
  }
  if (index.notice) {
    const prefix = `notice=${index.case.caseNo};`;
    checks.push(checkSes(bag, trust, { ...index.notice, document: index.notice.pdf, propertyInfo: (i) => i.startsWith(prefix) }, 'noticeSignature'));
    const { ofd } = index.notice;
    if (ofd) checks.push(checkNoticeOfd(bag, trust, { ...index.notice, ofd }));
  }
}

/** The dataHash a packaged signature carries, or null when it cannot be read (its own check says why). */
export function signedDataHash(bag: BagReader, file: string): string | null {
  const der = bag.read(file);
  try {
    return der ? toHex(decodeSesSignature(new Uint8Array(der)).toSign.dataHash) : null;
  } catch {
    return null;
  }
}
