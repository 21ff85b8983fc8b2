import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEventsTable } from '../../db/schema.ts';
import { auditEventHash, GENESIS_HASH } from './audit-hash.ts';

type Unhashed = Omit<AuditEventsTable, 'hash'>;

const ZEROS = '0000000000000000000000000000000000000000000000000000000000000000';

const ACCEPT: Unhashed = {
  seq: 1,
  at: '2026-11-30T01:00:00.000Z',
  actor_id: 'u-a',
  actor_unit_id: '420704510000',
  action: 'case.accept',
  object_type: 'case',
  object_id: 'c-1',
  case_id: 'c-1',
  outcome: 'ok',
  reason: null,
  detail: '{"caseNo":"201-261130-0001"}',
  prev_hash: ZEROS,
  link: 'sha256',
};

// The expected digests were computed outside this code, with coreutils over the canonical text, e.g.
// printf '%s' '[1,"2026-11-30T01:00:00.000Z","u-a","420704510000","case.accept","case","c-1","c-1","ok",null,
//   "{\"caseNo\":\"201-261130-0001\"}","000…000"]' | sha256sum
const ACCEPT_HASH = '552911194d31c28ee191e752c2ca61837f467ec89d2bdb6568d6855c48255c95';

describe('audit event hash', () => {
  it('starts the chain from 64 zeros', () => {
    assert.equal(GENESIS_HASH, ZEROS);
  });

  it('is SHA-256 in hex over the columns as a JSON array in their fixed order', () => {
    assert.equal(auditEventHash(ACCEPT), ACCEPT_HASH);
  });

  it('is SM3 for links written since migration 0012, covering the digest name too', () => {
    // printf '%s' '[1,…,"000…000","sm3"]' | openssl dgst -sm3
    assert.equal(auditEventHash({ ...ACCEPT, link: 'sm3' }), '72bd045652861a845a4b946ade025472cd436399583f715fa602bd97e74f9c5a');
  });

  it('hashes Chinese text as UTF-8 and links to the row before', () => {
    // printf '%s' '[2,"2026-11-30T02:00:00.000Z","u-l","420704510000","case.return","case","c-1","c-1","denied","材料不全","{}",
    //   "5529…5c95"]' | sha256sum
    const refusal: Unhashed = {
      seq: 2,
      at: '2026-11-30T02:00:00.000Z',
      actor_id: 'u-l',
      actor_unit_id: '420704510000',
      action: 'case.return',
      object_type: 'case',
      object_id: 'c-1',
      case_id: 'c-1',
      outcome: 'denied',
      reason: '材料不全',
      detail: '{}',
      prev_hash: ACCEPT_HASH,
      link: 'sha256',
    };
    assert.equal(auditEventHash(refusal), 'af272c76e2fe6adf5fcd331a15af3f0349834630d8a0a50c21b07384461f27d6');
  });

  it('hashes a system event with its nulls as JSON nulls', () => {
    const load: Unhashed = {
      seq: 3,
      at: '2026-11-30T03:00:00.000Z',
      actor_id: null,
      actor_unit_id: null,
      action: 'catalog.load',
      object_type: 'catalog',
      object_id: null,
      case_id: null,
      outcome: 'ok',
      reason: null,
      detail: '{}',
      prev_hash: ZEROS,
      link: 'sha256',
    };
    assert.equal(auditEventHash(load), '0d6da54e878468c3a35550309f905ee9d50bd113ac0bd7955c6f1ca6c8594217');
  });

  it('changes with every column', () => {
    const edits: Unhashed = {
      seq: 2,
      at: '2026-11-30T01:00:00.001Z',
      actor_id: 'u-b',
      actor_unit_id: '420704520000',
      action: 'case.verify',
      object_type: 'blob',
      object_id: 'c-2',
      case_id: 'c-2',
      outcome: 'denied',
      reason: '',
      detail: '{}',
      prev_hash: `${ZEROS.slice(1)}1`,
      link: 'sm3',
    };
    for (const column of Object.keys(edits) as (keyof Unhashed)[]) {
      const changed = { ...ACCEPT, [column]: edits[column] };
      assert.notEqual(auditEventHash(changed), ACCEPT_HASH, column);
    }
  });

  it('keeps column boundaries and null apart from text', () => {
    // 'case' + 'c-1' and 'casec' + '-1' join to the same text; the canonical form keeps them apart.
    assert.notEqual(auditEventHash({ ...ACCEPT, object_type: 'casec', object_id: '-1' }), ACCEPT_HASH);
    assert.notEqual(auditEventHash({ ...ACCEPT, reason: 'null' }), ACCEPT_HASH);
  });
});
