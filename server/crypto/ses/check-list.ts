// The named checks of a seal verification and what each found. A check is
// 'untrusted' when the certificate it judges is fine on its own but does not
// chain to a trusted root; if that is all that is wrong, the outcome is
// 'validExceptTrust' (a foreign seal whose root is not published), which still
// is not ok: trust is part of validity.
import type { SesVersion } from './types.ts';

export type SesCheck =
  'format' | 'signature' | 'signerCertInSeal' | 'sealSignature' | 'sealMakerCertificate' | 'sealValidity' | 'certificateValidity' | 'documentHash';

/** notRun: a check that needs what an earlier one found unusable (an unreadable certificate). */
export type SesCheckStatus = 'passed' | 'failed' | 'untrusted' | 'notRun';

export type SesOutcome = 'valid' | 'validExceptTrust' | 'invalid';

export interface SesCheckResult {
  readonly check: SesCheck;
  readonly status: SesCheckStatus;
  readonly detail: string;
}

export interface SesReport {
  /** Every check in the standard's order, with what it found (a format failure is the only entry). */
  readonly checks: readonly SesCheckResult[];
  /** Deviations from DER the decoder or verifier accepted (docs/CRYPTO.md, "Tolerant decoding"). */
  readonly tolerated: readonly string[];
}

export interface SesFailure extends SesReport {
  readonly ok: false;
  /**
   * 'validExceptTrust': every cryptographic check passes and each certificate is fine on its own,
   * but the maker's or the signer's certificate does not chain to a trusted root.
   */
  readonly outcome: Exclude<SesOutcome, 'valid'>;
  /** The first check in the standard's order that did not pass. */
  readonly failedCheck: SesCheck;
  readonly reason: string;
  /** Absent when the input did not decode. */
  readonly version?: SesVersion;
}

export class SesCheckList {
  private readonly results: SesCheckResult[] = [];
  private readonly notes: string[];

  constructor(tolerated: readonly string[]) {
    this.notes = [...tolerated];
  }

  tolerate(note: string): void {
    if (!this.notes.includes(note)) this.notes.push(note);
  }

  record(check: SesCheck, found: { readonly status: SesCheckStatus; readonly detail: string }): void {
    this.results.push({ check, ...found });
  }

  pass(check: SesCheck, detail: string): void {
    this.record(check, { status: 'passed', detail });
  }

  fail(check: SesCheck, detail: string): void {
    this.record(check, { status: 'failed', detail });
  }

  notRun(check: SesCheck, detail: string): void {
    this.record(check, { status: 'notRun', detail });
  }

  allPassed(): boolean {
    return this.results.every((r) => r.status === 'passed');
  }

  report(): SesReport {
    return { checks: [...this.results], tolerated: [...this.notes] };
  }

  failure(version: SesVersion | undefined): SesFailure {
    const first = this.results.find((r) => r.status !== 'passed');
    if (!first) throw new Error('failure() called although every check passed');
    const exceptTrust = this.results.every((r) => r.status === 'passed' || r.status === 'untrusted');
    return {
      ok: false,
      outcome: exceptTrust ? 'validExceptTrust' : 'invalid',
      failedCheck: first.check,
      reason: first.detail,
      ...(version === undefined ? {} : { version }),
      ...this.report(),
    };
  }
}
