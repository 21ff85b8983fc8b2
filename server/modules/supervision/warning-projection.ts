import type { WarningsTable } from '../../db/schema.ts';

export const WARNING_STATES = ['raised', 'acknowledged', 'resolved'] as const;
export type WarningState = (typeof WARNING_STATES)[number];

export const WARNING_ACTS = ['raise', 'acknowledge', 'resolve'] as const;
export type WarningAct = (typeof WARNING_ACTS)[number];

/** The acts a person does on a warning; the system raises. */
export type WarningPersonAct = Exclude<WarningAct, 'raise'>;

/** One entry of a warning's append-only log. */
export interface WarningLogEntry {
  seq: number;
  action: WarningAct;
  actorId: string | null;
  at: string;
  note: string | null;
}

/**
 * The life of a warning: raised by a rule, acknowledged (确认) by someone answerable for it, resolved
 * (处理完毕) with a note. Resolving needs no acknowledgement first; nothing follows resolution, and a
 * resolved warning stays, holding its fact's key. Returns null when the act does not fit.
 */
export function nextWarningState(state: WarningState | null, act: WarningAct): WarningState | null {
  switch (act) {
    case 'raise':
      return state === null ? 'raised' : null;
    case 'acknowledge':
      return state === 'raised' ? 'acknowledged' : null;
    case 'resolve':
      return state === 'raised' || state === 'acknowledged' ? 'resolved' : null;
  }
}

/** The columns of `warnings` that follow from the log; nothing else may write them. */
export const WARNING_PROJECTED_COLUMNS = [
  'state',
  'raised_at',
  'acknowledged_by',
  'acknowledged_at',
  'resolved_by',
  'resolved_at',
  'resolution_note',
  'version',
  'updated_at',
] as const satisfies readonly (keyof WarningsTable)[];

export type WarningProjectedColumn = (typeof WARNING_PROJECTED_COLUMNS)[number];
export type WarningProjection = Pick<WarningsTable, WarningProjectedColumn>;

/**
 * The stored warning as its log says it must be: the act runner writes exactly this, and `hukou
 * verify` recomputes it for every warning. Throws when the log itself is impossible.
 */
export function projectWarning(log: readonly WarningLogEntry[]): WarningProjection {
  let state: WarningState | null = null;
  const projection: WarningProjection = {
    state: 'raised',
    raised_at: '',
    acknowledged_by: null,
    acknowledged_at: null,
    resolved_by: null,
    resolved_at: null,
    resolution_note: null,
    version: -1,
    updated_at: '',
  };
  for (const entry of log) {
    const next = nextWarningState(state, entry.action);
    if (!next) throw new Error(`${entry.action} cannot follow ${state ?? 'nothing'}`);
    state = next;
    projection.state = next;
    projection.version++;
    projection.updated_at = entry.at;
    if (entry.action === 'raise') projection.raised_at = entry.at;
    if (entry.action === 'acknowledge') {
      projection.acknowledged_by = entry.actorId;
      projection.acknowledged_at = entry.at;
    }
    if (entry.action === 'resolve') {
      projection.resolved_by = entry.actorId;
      projection.resolved_at = entry.at;
      projection.resolution_note = entry.note;
    }
  }
  if (state === null) throw new Error('a warning log starts with raise');
  return projection;
}

/** The projected columns whose stored value differs from what the log says. */
export function warningDrift(stored: WarningProjection, projected: WarningProjection): WarningProjectedColumn[] {
  return WARNING_PROJECTED_COLUMNS.filter((column) => stored[column] !== projected[column]);
}

/** Exactly the projected columns, for writing. */
export function warningProjectedColumns(row: WarningProjection): WarningProjection {
  return Object.fromEntries(WARNING_PROJECTED_COLUMNS.map((column) => [column, row[column]])) as WarningProjection;
}
