import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import type { PdfKeyHolder } from './pdf-signing-authority.ts';

/**
 * The PAdES signature of the notice: RSA-2048 with SHA-256 by the city bureau's PDF certificate, the
 * root beside it in the signature so a reader can build the chain. The key reaches the signer as a
 * PKCS#12 made for this one signature under a throwaway passphrase, which is what @signpdf's signer
 * takes. That PKCS#12 never leaves memory and its passphrase is 128 random bits, so the key
 * stretching meant for stored files and human passphrases (2048 rounds: some 50 ms per notice in
 * node-forge) would buy nothing: one round.
 */
export async function signNoticePdf(unsigned: Buffer, signer: PdfKeyHolder, root: PdfKeyHolder, signingTime: Date): Promise<Buffer> {
  const passphrase = randomBytes(16).toString('hex');
  const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(signer.privateKeyPem), [signer.certificate, root.certificate], passphrase, {
    algorithm: '3des',
    count: 1,
  });
  const p12Der = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
  return new SignPdf().sign(unsigned, new P12Signer(p12Der, { passphrase }), signingTime);
}
