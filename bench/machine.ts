import { execFileSync } from 'node:child_process';
import os from 'node:os';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/** What the figures were measured on, printed at the top of every run. */
export async function describeMachine(pgAdminUrl: string, withPostgres: boolean): Promise<string[]> {
  const lines = [
    `node ${process.version} on ${os.type()} ${os.release()} (${os.arch()})`,
    `cpu: ${os.availableParallelism()} x ${os.cpus()[0]?.model ?? 'unknown'}`,
    `memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  ];
  try {
    // The last line is the file system's: the first is df's header.
    const usage = execFileSync('df', ['-h', os.tmpdir()], { encoding: 'utf8' }).trim().split('\n').at(-1);
    if (usage === undefined) throw new Error('df printed nothing');
    lines.push(`disk of ${os.tmpdir()}: ${usage.replace(/\s+/g, ' ')}`);
  } catch {
    lines.push('disk: df not available');
  }
  const memory = new SqliteDatabase(':memory:');
  lines.push(`SQLite ${(memory.prepare('select sqlite_version() as v').get() as { v: string }).v} (better-sqlite3)`);
  memory.close();
  if (withPostgres) {
    const client = new pg.Client({ connectionString: pgAdminUrl });
    try {
      await client.connect();
      const version = (await client.query('select version() as v')).rows[0].v as string;
      const settings = await client.query(
        `select name, setting from pg_settings where name in ('shared_buffers', 'synchronous_commit', 'fsync', 'wal_sync_method', 'max_connections') order by name`,
      );
      lines.push(`${version.split(' on ')[0]}; ${settings.rows.map((r: { name: string; setting: string }) => `${r.name}=${r.setting}`).join(', ')}`);
    } finally {
      await client.end();
    }
  }
  return lines;
}
