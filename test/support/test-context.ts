import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, buildApp } from '../../server/app.ts';
import { closeContext, openContext } from '../../server/bootstrap.ts';
import { adminQuery } from './pg-admin.ts';
import { type AppConfig, loadConfig } from '../../server/config.ts';
import type { AppContext } from '../../server/context.ts';
import { DEMO_PASSWORD } from '../../server/modules/org/demo-organisation.ts';
import { seedDemo } from '../../server/modules/org/commands/seed-demo.ts';

/** A clock tests can move; every reading is 1 ms later than the one before, so acts stay ordered. */
export class TestClock {
  private current: number;
  constructor(start = Date.parse('2026-11-29T01:00:00.000Z')) {
    this.current = start;
  }
  now = (): Date => new Date(this.current++);
  advanceHours(hours: number): void {
    this.current += hours * 3_600_000;
  }
}

export interface TestEnv {
  ctx: AppContext;
  app: App;
  clock: TestClock;
  config: AppConfig;
  dir: string;
  login(username: string): Promise<string>;
  /** Forget cached sign-ins, e.g. after moving the clock past the session lifetime. */
  forgetSessions(): void;
  close(): Promise<void>;
}

const pgAdminUrl = process.env.HUKOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testDialect = process.env.HUKOU_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** A fresh database (SQLite file or a new PostgreSQL database), migrated, with the demo organisation. */
export async function createTestEnv(
  options: { seed?: boolean; clock?: TestClock; webDir?: string; sealEnrolment?: 'auto' | 'manual' } = {},
): Promise<TestEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-test-'));
  const dbName = `hukou_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  let databaseUrl: string | undefined;
  if (testDialect === 'postgres') {
    await adminQuery(pgAdminUrl, `create database ${dbName}`);
    const url = new URL(pgAdminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    HUKOU_DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    HUKOU_LOG_LEVEL: 'silent',
    HUKOU_WEB_DIR: options.webDir ?? '',
    HUKOU_SEAL_ENROLMENT: options.sealEnrolment ?? 'auto',
  });
  const clock = options.clock ?? new TestClock();
  const ctx = await openContext(config, clock.now);
  if (options.seed !== false) await seedDemo(ctx.db, ctx.dataKeys, clock.now());
  const app = await buildApp(ctx);
  const tokens = new Map<string, string>();
  return {
    ctx,
    app,
    clock,
    config,
    dir,
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const { token } = res.json<{ token: string }>();
      tokens.set(username, token);
      return token;
    },
    forgetSessions() {
      tokens.clear();
    },
    async close() {
      await app.close();
      await closeContext(ctx);
      if (testDialect === 'postgres') await adminQuery(pgAdminUrl, `drop database if exists ${dbName} with (force)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
