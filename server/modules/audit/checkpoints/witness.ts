import fs from 'node:fs';
import path from 'node:path';

/**
 * A checkpoint as a witness holds it: one JSON file per signed tree head, in a directory outside the
 * database (HUKOU_CHECKPOINT_DIR). Whoever can rewrite the database cannot reach back into copies
 * already taken; `hukou verify` checks the trail against every file it finds.
 */
export interface WitnessedCheckpoint {
  format: 'hukou-trail-checkpoint/1';
  treeSize: number;
  /** Hex SM3 Merkle root (RFC 6962 shape) over the events' chain hashes. */
  rootHash: string;
  /** Milliseconds since the epoch, as signed. */
  timestamp: number;
  signedAt: string;
  /** Base64 DER SM2 signature (ID 1234567812345678) over the RFC 6962 TreeHeadSignature input. */
  signature: string;
  /** PEM of the city bureau's certificate whose key signed. */
  certificate: string;
}

export const WITNESS_FORMAT = 'hukou-trail-checkpoint/1';

const fileName = (treeSize: number) => `checkpoint-${String(treeSize).padStart(12, '0')}.json`;

/** Written and synced under a temporary name, then renamed into place. */
export function writeWitness(dir: string, checkpoint: WitnessedCheckpoint): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName(checkpoint.treeSize));
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o644);
  try {
    fs.writeSync(fd, `${JSON.stringify(checkpoint, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  return file;
}

export type WitnessRead = { file: string; checkpoint: WitnessedCheckpoint } | { file: string; error: string };

/** Every witness file in the directory, smallest tree first; an unreadable one is reported, not skipped. */
export function readWitnesses(dir: string): WitnessRead[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^checkpoint-\d{12}\.json$/.test(name))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      try {
        const checkpoint = JSON.parse(fs.readFileSync(file, 'utf8')) as WitnessedCheckpoint;
        if (checkpoint.format !== WITNESS_FORMAT || !Number.isSafeInteger(checkpoint.treeSize)) return { file, error: 'not a trail checkpoint' };
        return { file, checkpoint };
      } catch (error) {
        return { file, error: (error as Error).message };
      }
    });
}
