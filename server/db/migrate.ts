import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.ts';
import * as foundation from './migrations/0001_foundation.ts';
import * as searchIndexes from './migrations/0002_search_indexes.ts';
import * as outbox from './migrations/0003_outbox.ts';
import * as signInThrottle from './migrations/0004_sign_in_throttle.ts';
import * as idNumbersAtRest from './migrations/0005_id_numbers_at_rest.ts';
import * as workbenchIndexes from './migrations/0006_workbench_indexes.ts';
import * as administration from './migrations/0007_administration.ts';
import * as capturePipeline from './migrations/0008_capture_pipeline.ts';
import * as inkMaps from './migrations/0009_ink_maps.ts';
import * as captureFindingsIndex from './migrations/0010_capture_findings_index.ts';
import * as seals from './migrations/0011_seals.ts';
import * as trailCheckpoints from './migrations/0012_trail_checkpoints.ts';
import * as notices from './migrations/0013_notices.ts';
import * as noticeOfd from './migrations/0014_notice_ofd.ts';
import * as scheduledTasks from './migrations/0015_scheduled_tasks.ts';
import * as warnings from './migrations/0016_warnings.ts';
import * as trailTiles from './migrations/0017_trail_tiles.ts';
import * as sms from './migrations/0018_sms.ts';
import * as spotChecks from './migrations/0019_spot_checks.ts';
import * as paperArchive from './migrations/0020_paper_archive.ts';
import * as bulletins from './migrations/0021_bulletins.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_search_indexes': searchIndexes,
  '0003_outbox': outbox,
  '0004_sign_in_throttle': signInThrottle,
  '0005_id_numbers_at_rest': idNumbersAtRest,
  '0006_workbench_indexes': workbenchIndexes,
  '0007_administration': administration,
  '0008_capture_pipeline': capturePipeline,
  '0009_ink_maps': inkMaps,
  '0010_capture_findings_index': captureFindingsIndex,
  '0011_seals': seals,
  '0012_trail_checkpoints': trailCheckpoints,
  '0013_notices': notices,
  '0014_notice_ofd': noticeOfd,
  '0015_scheduled_tasks': scheduledTasks,
  '0016_warnings': warnings,
  '0017_trail_tiles': trailTiles,
  '0018_sms': sms,
  '0019_spot_checks': spotChecks,
  '0020_paper_archive': paperArchive,
  '0021_bulletins': bulletins,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
