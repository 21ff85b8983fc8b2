import { withBenchRig } from './bench-rig.ts';
import type { JpegPool } from './jpeg-pool.ts';
import type { BenchOptions, DatabaseKind } from './options.ts';
import { summarize } from './latency.ts';
import { seconds } from './report.ts';
import { runSearchSection, type SearchFigures } from './search-section.ts';
import { measureWarningSweep, printWarningSweep, type WarningSweepFigures } from './warnings-sweep.ts';
import { stationRoster } from './staff-roster.ts';
import { syntheticCases } from './workload.ts';
import { runWorkflowSection, type WorkflowFigures } from './workflow-section.ts';

export interface DatabaseFigures {
  kind: DatabaseKind;
  workflow: WorkflowFigures;
  search: SearchFigures;
  sweep: WarningSweepFigures;
  /** Why the section did not run cleanly although it finished: failed requests, searches that missed their case. */
  problems: string[];
}

// A search for a loaded case by its number, its applicant's ID number or name must find it.
const MUST_FIND = ['caseNo', 'idNumber', 'name'] as const;

function problemsOf(workflow: WorkflowFigures, search: SearchFigures): string[] {
  const problems: string[] = [];
  for (const run of [...workflow.closed, workflow.think]) {
    const kind = run.thinkMeanSeconds > 0 ? 'think-time load' : `closed loop with ${run.clients} clients`;
    if (run.errors.total > 0) problems.push(`${kind}: ${run.errors.total} failed requests (${run.errors.summary()})`);
  }
  for (const kind of MUST_FIND) {
    const rate = search.sequential.hitRate.get(kind) ?? 0;
    if (rate < 1) problems.push(`search by ${kind} found the loaded case in only ${Math.round(rate * 100)}% of searches`);
  }
  return problems;
}

const DAY = 86_400_000;

/**
 * Everything measured on one database, in a fresh scratch database with the real server in a child
 * process: the workflow over HTTP first (on a young archive), then the million-case archive is
 * loaded and searched. `archiveEnd` is a UTC midnight at or before the start of the run: the
 * archive holds only cases accepted before it. Loaded cases take their numbers from the server's
 * own daily counters, so they never collide with the numbers the HTTP workload was given.
 */
export async function runDatabaseSection(kind: DatabaseKind, options: BenchOptions, images: JpegPool, archiveEnd: Date): Promise<DatabaseFigures> {
  return withBenchRig(kind, options, async ({ scratch, server, db, driver, sweeper, catalog }) => {
    sweeper.start();
    const users = await db.kysely.selectFrom('users').select(['id', 'username']).execute();
    const userIds = new Map(users.map((u) => [u.username, u.id]));
    const stations = stationRoster();

    let started = performance.now();
    // The HTTP workload: the same synthetic business, accepted now (the server stamps the time).
    const now = new Date();
    const live = syntheticCases({ catalog, stations, seed: options.seed, from: new Date(now.getTime() - 30 * DAY), to: now, count: 1_000_000 });
    const workflow = await runWorkflowSection({ options, scratch, server, driver, images, plans: live, onPage: sweeper.add });
    await sweeper.stop();
    console.log(`\n[${kind}] pages: ${sweeper.summary()}`);
    console.log(`[${kind}] workflow section took ${seconds(performance.now() - started)}`);

    started = performance.now();
    const archive = syntheticCases({
      catalog,
      stations,
      seed: options.seed + 1,
      from: new Date(archiveEnd.getTime() - 3652 * DAY),
      to: archiveEnd,
      count: options.searchCases,
    });
    const search = await runSearchSection({
      options,
      scratch,
      driver,
      plans: archive,
      asOf: archiveEnd,
      catalogVersion: catalog.version,
      userIds,
      countCases: async () =>
        Number(
          (
            await db.kysely
              .selectFrom('cases')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
    });
    console.log(`\n[${kind}] search section took ${seconds(performance.now() - started)}`);

    started = performance.now();
    const sweep = await measureWarningSweep(scratch, options.sweepSamples);
    // The act's own time in the server, over every run of the workflow section (closed loops and think time).
    const actP99 = (act: string) =>
      summarize([workflow.think, ...workflow.closed].flatMap((run) => run.usage.serverMs[`POST /api/cases/:id/${act}`] ?? [])).p99;
    printWarningSweep(kind, sweep, { submit: actP99('submit'), approve: actP99('approve') });
    console.log(`\n[${kind}] warning sweep section took ${seconds(performance.now() - started)}`);
    return { kind, workflow, search, sweep, problems: problemsOf(workflow, search) };
  });
}
