// Mutation testing of the rules that matter: `npm run mutation` (docs/MUTATION.md).
// Not part of `npm test`: it reruns the unit tests once per mutant, so it takes minutes.
import fs from 'node:fs';

/**
 * `file:first-last` covering the named top-level functions, found by their text so that edits
 * elsewhere in the file do not shift the range. Each function must end at a line that is a lone `}`.
 * Fails loudly when a function is gone, rather than quietly mutating nothing.
 */
function functionsOf(file, names) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const spans = names.map((name) => {
    const start = lines.findIndex((line) => new RegExp(`^(export )?(async )?function ${name}\\b`).test(line));
    const end = lines.findIndex((line, i) => i > start && line === '}');
    if (start < 0 || end < 0) throw new Error(`stryker.config.js: function ${name} not found in ${file}`);
    return [start + 1, end + 1];
  });
  return spans.map(([first, last]) => `${file}:${first}-${last}`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins: ['@stryker-mutator/tap-runner'],
  testRunner: 'tap',
  tap: {
    // Only the small tests beside the code under mutation: the HTTP suites in test/ would kill
    // mutants too, but each of their files costs seconds, once per mutant. The one database test is
    // listed last (the runner keeps this order in practice), so a mutant a unit test kills skips it.
    testFiles: [
      'server/modules/cases/workflow.test.ts',
      'server/modules/cases/cases.policy.test.ts',
      'server/modules/cases/case-projection.test.ts',
      'server/modules/cases/present-case.test.ts',
      'server/modules/population/citizen-id.test.ts',
      'server/modules/audit/audit-hash.test.ts',
      'server/modules/audit/verify-archive.test.ts',
    ],
    // node:test runs the file in this process (no --test, which would fork a child that Stryker's
    // coverage hook never sees) and reports TAP, which the runner parses.
    nodeArgs: ['-r', '{{hookFile}}', '--import', 'tsx', '--test-reporter=tap', '{{testFile}}'],
    forceBail: true,
  },
  mutate: [
    'server/modules/cases/workflow.ts',
    'server/modules/cases/cases.policy.ts',
    'server/modules/cases/case-projection.ts',
    'server/modules/cases/present-case.ts',
    'server/modules/population/citizen-id.ts',
    'server/modules/audit/audit-hash.ts',
    // The chain walk and the acts-audited check, and their SQL; blob re-hashing is tested in test/.
    ...functionsOf('server/modules/audit/verify-archive.ts', ['verifyAuditChain', 'verifyActionsAudited']),
    ...functionsOf('server/modules/audit/archive-check.repo.ts', ['listAuditEventsFrom', 'listUnauditedCaseActions']),
  ],
  // Each test file is one "test" for the tap runner: a mutant runs only the files that reach it.
  coverageAnalysis: 'perTest',
  // The machine has 2 cores shared with other work.
  concurrency: 2,
  timeoutMS: 10000,
  // Reruns test only the mutants whose code or tests changed since the last run (--force: all).
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // break applies to the total; docs/MUTATION.md holds each file to 80 %.
  thresholds: { high: 90, low: 80, break: 80 },
};
