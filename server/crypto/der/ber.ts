// The BER encodings (X.690 section 8) a reader accepts when it reads structures
// someone else signed: a DEFAULT value spelled out (real seals carry an explicit
// `critical FALSE`) and a BOOLEAN TRUE other than 0xFF. Neither changes a value,
// and signatures are checked over the bytes as received, never a re-encoding, so
// accepting them cannot make a forgery verify. Everything else DER forbids stays
// refused: non-minimal or indefinite lengths, constructed strings, padded
// integers. No producer seen uses them, and each would let the unsigned envelope
// of a seal signature change without a trace.

/** Collects, once each, the deviations from DER a BER-mode reader accepted. */
export class BerTolerance {
  private readonly seen: string[] = [];

  note(deviation: string): void {
    if (!this.seen.includes(deviation)) this.seen.push(deviation);
  }

  get deviations(): readonly string[] {
    return this.seen;
  }
}
