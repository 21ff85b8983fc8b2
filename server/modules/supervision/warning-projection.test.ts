import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  nextWarningState,
  projectWarning,
  WARNING_ACTS,
  WARNING_STATES,
  type WarningAct,
  type WarningLogEntry,
  warningDrift,
} from './warning-projection.ts';

const entry = (seq: number, action: WarningAct, note: string | null = null): WarningLogEntry => ({
  seq,
  action,
  actorId: action === 'raise' ? null : `user-${seq}`,
  at: `2026-12-0${seq}T00:00:00.000Z`,
  note,
});

describe('a warning’s life as a fold over its log', () => {
  it('raised, acknowledged, resolved with the note; resolving straight from raised too', () => {
    const full = projectWarning([entry(1, 'raise'), entry(2, 'acknowledge'), entry(3, 'resolve', '已处理')]);
    assert.equal(full.state, 'resolved');
    assert.equal(full.version, 2);
    assert.equal(full.raised_at, '2026-12-01T00:00:00.000Z');
    assert.equal(full.acknowledged_by, 'user-2');
    assert.equal(full.resolved_by, 'user-3');
    assert.equal(full.resolution_note, '已处理');
    assert.equal(full.updated_at, '2026-12-03T00:00:00.000Z');
    const direct = projectWarning([entry(1, 'raise'), entry(2, 'resolve', '核实无误')]);
    assert.equal(direct.state, 'resolved');
    assert.equal(direct.acknowledged_by, null);
  });

  it('refuses every act after resolution, a second raise and a second acknowledgement', () => {
    for (const state of WARNING_STATES) {
      assert.equal(nextWarningState(state, 'raise'), null);
      assert.equal(nextWarningState('resolved', 'acknowledge'), null);
      assert.equal(nextWarningState('resolved', 'resolve'), null);
    }
    assert.equal(nextWarningState('acknowledged', 'acknowledge'), null);
    assert.equal(nextWarningState(null, 'acknowledge'), null);
    assert.throws(() => projectWarning([]), /starts with raise/);
    assert.throws(() => projectWarning([entry(1, 'raise'), entry(2, 'resolve'), entry(3, 'acknowledge')]), /cannot follow resolved/);
  });

  it('any log the state machine accepts projects to its last state, at version = entries - 1', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WARNING_ACTS), { maxLength: 6 }), (acts) => {
        let state: (typeof WARNING_STATES)[number] | null = null;
        const log: WarningLogEntry[] = [];
        for (const act of acts) {
          const next = nextWarningState(state, act);
          if (!next) continue;
          state = next;
          log.push(entry(log.length + 1, act));
        }
        if (state === null) return assert.throws(() => projectWarning(log));
        const projected = projectWarning(log);
        assert.equal(projected.state, state);
        assert.equal(projected.version, log.length - 1);
      }),
    );
  });

  it('names the columns a stored warning differs in', () => {
    const projected = projectWarning([entry(1, 'raise'), entry(2, 'acknowledge')]);
    assert.deepEqual(warningDrift(projected, projected), []);
    assert.deepEqual(warningDrift({ ...projected, state: 'resolved', resolution_note: 'x' }, projected), ['state', 'resolution_note']);
  });
});
