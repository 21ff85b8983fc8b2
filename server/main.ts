import path from 'node:path';
import { buildApp } from './app.ts';
import { closeContext, openContext } from './bootstrap.ts';
import type { AppConfig } from './config.ts';
import { createScheduler } from './jobs/scheduler.ts';
import { serverTasks } from './jobs/server-tasks.ts';
import { signShutdownCheckpoint } from './jobs/trail-checkpoints.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './modules/org/demo-organisation.ts';
import { seedDemo } from './modules/org/commands/seed-demo.ts';
import { seedDemoCases } from './modules/demo/seed-demo-cases.ts';
import { seedDemoStationPhones } from './modules/demo/seed-demo-phones.ts';
import { ensureWebBuild } from './web/ensure-web-build.ts';

/** How often the server looks for due scheduled tasks: the most a task starts late. */
const SCHEDULER_TICK_MS = 30_000;

/** Starts the server; on an empty database it creates the demo organisation and prints its accounts. */
export async function serve(config: AppConfig): Promise<void> {
  if (config.webDir === path.resolve('web/dist')) await ensureWebBuild();
  if (process.platform === 'linux' && !process.env.MALLOC_ARENA_MAX) {
    console.warn('MALLOC_ARENA_MAX is not set: page decoding may leave the server 30 %% larger in memory (docs/OPERATIONS.md, Memory)');
  }
  const ctx = await openContext(config);
  if (await seedDemo(ctx.db, ctx.dataKeys)) {
    // So the demo approvals' and returns' texts have a station number to go to, not a failure.
    await seedDemoStationPhones(ctx);
    const cases = await seedDemoCases(ctx);
    console.log('演示数据已创建 Demo organisation and %d demo cases created. Accounts (password for all: %s):', cases, DEMO_PASSWORD);
    for (const user of DEMO_USERS) console.log('  %s  %s  %s', user.username.padEnd(18), user.role.padEnd(16), user.displayName);
  }
  const app = await buildApp(ctx, { logger: true });
  const log = (message: string, error?: unknown) => (error ? app.log.error({ err: error }, message) : app.log.info(message));
  const scheduler = createScheduler(ctx, serverTasks(config), log);
  scheduler.start(SCHEDULER_TICK_MS);
  const close = async () => {
    await scheduler.stop();
    await app.close();
    // After the last request, so the checkpoint covers every act the server answered.
    await signShutdownCheckpoint(ctx, log);
    await closeContext(ctx);
    process.exit(0);
  };
  const closeOnSignal = () => {
    close().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.once('SIGINT', closeOnSignal);
  process.once('SIGTERM', closeOnSignal);
  await app.listen({ port: config.port, host: config.host });
  console.log(
    '户政业务电子档案系统 listening on http://%s:%d (API docs: /docs, database: %s)',
    config.host === '0.0.0.0' ? 'localhost' : config.host,
    config.port,
    ctx.db.dialect,
  );
}
