// Runs the openssl command line (3.0) on files in a private temp directory.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class OpensslWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'crypto-openssl-'));

  path(name: string): string {
    return join(this.dir, name);
  }

  write(name: string, content: Uint8Array | string): string {
    writeFileSync(this.path(name), content);
    return this.path(name);
  }

  read(name: string): Uint8Array {
    return new Uint8Array(readFileSync(this.path(name)));
  }

  /** Runs openssl and returns stdout; throws with stderr when it fails. */
  run(...args: string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Runs openssl and reports success and combined output without throwing. */
  attempt(...args: string[]): { ok: boolean; output: string } {
    const result = spawnSync('openssl', args, { cwd: this.dir, encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
