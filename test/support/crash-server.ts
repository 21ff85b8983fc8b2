import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { build } from 'esbuild';
import pg from 'pg';
import type { DatabaseConfig } from '../../server/config.ts';

/** A port that nothing listened on a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** How the child server runs: the CLI under tsx (as `npm start`), or the same sources built ahead into one file. */
export type ServerMode = 'tsx' | 'bundle';

/**
 * The command line that starts `hukou serve`. Under tsx every module goes through its loader hooks,
 * which doubles the CPU time of a start (about 2.9 s against 1.5 s here); the crash test starts the
 * server a hundred times per database, so by default it runs the same sources transpiled by the
 * same compiler (esbuild, which tsx uses per file) into one file ahead of time. Packages stay
 * external, and each source's own `import.meta.url` is kept, so worker threads, catalogs and the web
 * directory are found where they are.
 */
export async function serverCommand(mode: ServerMode, workDir: string): Promise<string[]> {
  if (mode === 'tsx') return ['--import', 'tsx', 'cli/hukou.ts', 'serve'];
  const outfile = path.join(workDir, 'hukou-server.mjs');
  await build({
    entryPoints: ['cli/hukou.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
    plugins: [
      {
        name: 'keep-import-meta-url',
        setup(bundler) {
          bundler.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await fs.promises.readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  return [outfile, 'serve'];
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Resolves when the process has ended, however it ended. */
  exited: Promise<void>;
}

/**
 * Starts `hukou serve` as a child process with the environment an operator would set, and resolves
 * once it says it listens. Its output is read all along and kept in a
 * short tail for the failure message: a full pipe would block the server's writes.
 */
export async function startServer(command: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, command, {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the server did not listen within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n--- server output ---\n${tail}`));
    };
    const onOutput = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-4000);
      if (tail.includes(`listening on http://127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code, signal) => fail(new Error(`the server exited before listening (code ${code}, signal ${signal})`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, exited };
}

/** SIGKILL: no handler runs, nothing is flushed or closed; what is on disk is what a power cut leaves. */
export async function killHard(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

export interface ImageRow {
  id: string;
  case_id: string;
  blob_sha256: string;
  /** Whether the blob has its `blobs` row. */
  recorded: number | boolean;
}

/**
 * Reads the archive's image rows beside the running server, read-only, with the database's own
 * driver: the test checks what is stored, not what the server's code says about it.
 */
export interface ArchiveReader {
  images(): Promise<ImageRow[]>;
  close(): Promise<void>;
}

const IMAGES_SQL =
  'select i.id, i.case_id, i.blob_sha256, (b.sha256 is not null) as recorded from case_images i left join blobs b on b.sha256 = i.blob_sha256';

export async function openArchiveReader(database: DatabaseConfig): Promise<ArchiveReader> {
  if (database.kind === 'sqlite') {
    const sqlite = new SqliteDatabase(database.file, { readonly: true, fileMustExist: true });
    const statement = sqlite.prepare(IMAGES_SQL);
    return {
      images: async () => statement.all() as ImageRow[],
      close: async () => {
        sqlite.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    images: async () => (await client.query<ImageRow>(IMAGES_SQL)).rows,
    close: () => client.end(),
  };
}
