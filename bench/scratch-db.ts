import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery } from '../test/support/pg-admin.ts';
import type { DatabaseConfig } from '../server/config.ts';
import type { DatabaseKind } from './options.ts';

/** A throw-away database for one bench section: a SQLite file in a temp dir, or a new PostgreSQL database. */
export interface ScratchDatabase {
  kind: DatabaseKind;
  /** Data dir of the server under test (blobs live here too). */
  dir: string;
  /** What the server reads as DATABASE_URL. */
  databaseUrl: string;
  config: DatabaseConfig;
  dispose(): Promise<void>;
}

export async function createScratchDatabase(kind: DatabaseKind, pgAdminUrl: string): Promise<ScratchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hukou-bench-${kind}-`));
  if (kind === 'sqlite') {
    const file = path.join(dir, 'hukou.sqlite');
    return {
      kind,
      dir,
      databaseUrl: `sqlite:${file}`,
      config: { kind: 'sqlite', file },
      async dispose() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `hukou_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await adminQuery(pgAdminUrl, `create database ${name}`);
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    dir,
    databaseUrl: url.toString(),
    config: { kind: 'postgres', url: url.toString() },
    async dispose() {
      await adminQuery(pgAdminUrl, `drop database if exists ${name} with (force)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
