import { signWithSeal, type SesKeyHolder } from '../../crypto/index.ts';

/** What a decision's signature needs: the seal, the digest of what is signed, and who signs. */
export interface SigningRequest {
  /** The unit's seal exactly as its maker issued it (DER SES_Seal). */
  sealDer: Uint8Array;
  /** SM3 of the canonical content (case-content.ts). */
  documentHash: Uint8Array;
  /** TBS_Sign propertyInfo: which case and act the signature is for. */
  propertyInfo: string;
  signingTime: Date;
  /** The officer's certificate and, where the keys are held here, the means to reach the key. */
  signer: { certificateId: string; certificate: Uint8Array; loadKey: () => Promise<SesKeyHolder> };
}

/**
 * Who makes the SES_Signature. The built-in provider signs with keys the local authority holds
 * (embedded mode, tests); a remote provider for the province's seal system implements the same
 * interface (docs/SEALS.md).
 */
export interface SigningProvider {
  readonly name: string;
  sign(request: SigningRequest): Promise<Uint8Array>;
}

export const builtInSigningProvider: SigningProvider = {
  name: 'built-in',
  async sign(request) {
    const holder = await request.signer.loadKey();
    const { der } = signWithSeal(
      { sealDer: request.sealDer, documentHash: request.documentHash, propertyInfo: request.propertyInfo, signingTime: request.signingTime },
      holder,
    );
    return der;
  },
};
