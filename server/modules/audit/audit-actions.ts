/** Every kind of audited act. Refusals reuse the act's name with outcome 'denied' or 'refused'. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.throttle_clear',
  'catalog.load',
  'org.seed',
  'case.accept',
  'case.capture',
  'case.verify',
  'case.submit',
  'case.review',
  'case.approve',
  'case.return',
  'case.complete',
  'case.withdraw',
  'case.view',
  'case.search',
  'case.timeline',
  'case.materials_open',
  'case.reveal_id',
  'audit.read',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = 'ok' | 'denied' | 'refused';
