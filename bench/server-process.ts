/**
 * The server under test, in its own process so that the load generator does not share its event
 * loop (on a 2-core machine each gets a core). Started by server-handle.ts; reports its port over IPC.
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/app.ts';
import { closeContext, openContext } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { seedDemo } from '../server/modules/org/commands/seed-demo.ts';
import { addBenchStaff } from './staff-roster.ts';

export type ServerMessage =
  | { type: 'ready'; port: number }
  | { type: 'usage'; cpuMicros: number; elu: number; rssBytes: number; serverMs: Record<string, number[]> }
  | { type: 'memory'; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }
  | { type: 'failed'; message: string };

export type ParentMessage = { type: 'usage' } | { type: 'memory' } | { type: 'stop' };

const send = (message: ServerMessage) => process.send?.(message);

async function main(): Promise<void> {
  const config = loadConfig({
    HUKOU_DATA_DIR: process.env.BENCH_SERVER_DATA_DIR,
    DATABASE_URL: process.env.BENCH_SERVER_DATABASE_URL,
    HUKOU_LOG_LEVEL: 'silent',
  });
  const ctx = await openContext(config);
  await seedDemo(ctx.db, ctx.dataKeys);
  await addBenchStaff(ctx.db);
  const app = await buildApp(ctx, { logger: false });
  // Time spent inside the server per route, from the request's arrival to the reply's last byte:
  // set beside the client's figures, it tells server work from client and loopback overhead.
  let serverMs: Record<string, number[]> = {};
  app.addHook('onResponse', async (request, reply) => {
    const label = `${request.method} ${request.routeOptions.url ?? 'unknown'}`;
    (serverMs[label] ??= []).push(reply.elapsedTime);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');

  let lastCpu = process.cpuUsage();
  let lastElu = performance.eventLoopUtilization();
  const stop = async () => {
    await app.close();
    await closeContext(ctx);
    process.exit(0);
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'usage') {
      // CPU time and event-loop utilisation since the previous question: says whether the server was busy or waiting.
      const cpu = process.cpuUsage(lastCpu);
      const elu = performance.eventLoopUtilization(lastElu);
      lastCpu = process.cpuUsage();
      lastElu = performance.eventLoopUtilization();
      send({ type: 'usage', cpuMicros: cpu.user + cpu.system, elu: elu.utilization, rssBytes: process.memoryUsage().rss, serverMs });
      serverMs = {};
    } else if (message.type === 'memory') {
      // The V8 heap can only be read from inside; RSS the bench reads from /proc, outside.
      const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
      send({ type: 'memory', heapUsed, heapTotal, external, arrayBuffers });
    } else if (message.type === 'stop') {
      // A server that cannot close cleanly still ends, with the reason on stderr in the bench's output.
      stop().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
    }
  });
  // Never outlive the bench: when the parent goes away, so does the server.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: address.port });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
