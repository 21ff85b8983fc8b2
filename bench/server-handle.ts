import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import type { ParentMessage, ServerMessage } from './server-process.ts';
import type { ScratchDatabase } from './scratch-db.ts';

export interface ServerUsage {
  /** Server CPU time over wall time since the previous reading (1.0 = one core fully busy). */
  cpuShare: number;
  /** Share of the time the server's event loop was busy (better-sqlite3 calls, fsync included, run on it). */
  elu: number;
  rssBytes: number;
  /** Milliseconds the server spent on each request since the previous reading, by 'METHOD /route'. */
  serverMs: Record<string, number[]>;
}

export interface ServerMemory {
  /** Resident set size from /proc/<pid>/status (VmRSS), read outside the server. */
  rssBytes: number;
  /** V8 heap used and allocated, and memory held outside the heap (Buffers), from inside the server. */
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** Resets the counters; the next reading covers the time from now. */
  usage(): Promise<ServerUsage>;
  /** Reads memory without resetting anything. */
  memory(): Promise<ServerMemory>;
  stop(): Promise<void>;
}

function nextMessage<T extends ServerMessage['type']>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`server did not answer '${type}' within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ServerMessage) => {
      if (message.type === 'failed') done(new Error(`server failed: ${message.message}`));
      else if (message.type === type) done(null, message as Extract<ServerMessage, { type: T }>);
    };
    const onExit = (code: number | null) => done(new Error(`server exited with code ${code}`));
    function done(error: Error | null, message?: Extract<ServerMessage, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** VmRSS of a process, from /proc (Linux): the kernel's figure, whatever the process thinks of itself. */
function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Starts the real server (buildApp + listen on 127.0.0.1, port 0) on the scratch database in a child process. */
export async function startServer(scratch: ScratchDatabase): Promise<RunningServer> {
  const child = fork(new URL('./server-process.ts', import.meta.url), [], {
    // BENCH_SERVER_CPU_PROF=dir writes a V8 CPU profile of the server to dir when it stops.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_SERVER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`] : []),
    ],
    // The allocator setting `npm start` gives the server (docs/OPERATIONS.md, Memory), so the bench measures it as deployed.
    env: { MALLOC_ARENA_MAX: '2', ...process.env, BENCH_SERVER_DATA_DIR: scratch.dir, BENCH_SERVER_DATABASE_URL: scratch.databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, 'ready', 120_000).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  let lastAt = performance.now();
  const ask = (message: ParentMessage) => child.send(message);
  return {
    baseUrl: `http://127.0.0.1:${ready.port}`,
    pid: child.pid!,
    async usage() {
      const pending = nextMessage(child, 'usage', 10_000);
      ask({ type: 'usage' });
      const answer = await pending;
      const now = performance.now();
      const wallMicros = (now - lastAt) * 1000;
      lastAt = now;
      return { cpuShare: answer.cpuMicros / wallMicros, elu: answer.elu, rssBytes: answer.rssBytes, serverMs: answer.serverMs };
    },
    async memory() {
      const pending = nextMessage(child, 'memory', 10_000);
      ask({ type: 'memory' });
      const rssBytes = residentBytes(child.pid!);
      const answer = await pending;
      return { rssBytes, heapUsed: answer.heapUsed, heapTotal: answer.heapTotal, external: answer.external, arrayBuffers: answer.arrayBuffers };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      ask({ type: 'stop' });
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
