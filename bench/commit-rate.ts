import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../server/config.ts';

export interface CommitRate {
  commitsPerSecond: number;
  commits: number;
  seconds: number;
}

const MAX_COMMITS = 200_000;

/**
 * The yardstick for every other figure: single-row INSERT transactions per second, one after the
 * other, on the same database with the same connection settings as the server (for SQLite the
 * pragmas of server/db/database.ts: WAL, synchronous=FULL). One stream, because the server's audit
 * chain lets only one writer commit at a time.
 */
export async function measureCommitRate(config: DatabaseConfig, seconds: number): Promise<CommitRate> {
  return config.kind === 'sqlite' ? sqliteCommitRate(config.file, seconds) : postgresCommitRate(config.url, seconds);
}

function sqliteCommitRate(file: string, seconds: number): CommitRate {
  const db = new SqliteDatabase(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    db.exec('create table if not exists bench_commit_probe (id integer primary key, at text not null, payload text not null)');
    const insert = db.prepare('insert into bench_commit_probe (at, payload) values (?, ?)');
    const payload = 'x'.repeat(200);
    for (let i = 0; i < 50; i++) insert.run(new Date().toISOString(), payload);
    const started = performance.now();
    const end = started + seconds * 1000;
    let commits = 0;
    // Autocommit: each run() is its own transaction, so each one waits for its fsync.
    while (performance.now() < end && commits < MAX_COMMITS) {
      insert.run(new Date().toISOString(), payload);
      commits++;
    }
    const elapsed = (performance.now() - started) / 1000;
    db.exec('drop table bench_commit_probe');
    return { commitsPerSecond: commits / elapsed, commits, seconds: elapsed };
  } finally {
    db.close();
  }
}

async function postgresCommitRate(url: string, seconds: number): Promise<CommitRate> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create table if not exists bench_commit_probe (id bigserial primary key, at text not null, payload text not null)');
    const payload = 'x'.repeat(200);
    const insert = { name: 'bench_commit_probe_insert', text: 'insert into bench_commit_probe (at, payload) values ($1, $2)' };
    for (let i = 0; i < 50; i++) await client.query({ ...insert, values: [new Date().toISOString(), payload] });
    const started = performance.now();
    const end = started + seconds * 1000;
    let commits = 0;
    while (performance.now() < end && commits < MAX_COMMITS) {
      await client.query({ ...insert, values: [new Date().toISOString(), payload] });
      commits++;
    }
    const elapsed = (performance.now() - started) / 1000;
    await client.query('drop table bench_commit_probe');
    return { commitsPerSecond: commits / elapsed, commits, seconds: elapsed };
  } finally {
    await client.end();
  }
}
