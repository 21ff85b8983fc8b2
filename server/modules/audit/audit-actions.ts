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
  'case.supplement',
  'case.arrange_pages',
  'case.override_quality',
  'case.capture_portrait',
  'case.portrait_view',
  'case.import_history',
  'case.view',
  'case.search',
  'case.timeline',
  'case.materials_open',
  'case.reveal_id',
  'case.signatures',
  // The approval notice (notices/): its PDF or its signatures' check, a look at the case.
  'case.notice',
  // `hukou export-case`: a case's evidence package written out (evidence/), by the system for the OS user who ran it.
  'case.export',
  'audit.read',
  // A signed checkpoint of the trail (audit/checkpoints/), by the schedule, at shutdown or on demand.
  'audit.checkpoint',
  'audit.proof',
  'auth.password_change',
  'admin.unit_list',
  'admin.unit_create',
  'admin.unit_rename',
  'admin.user_list',
  'admin.user_create',
  'admin.user_disable',
  'admin.user_enable',
  'admin.password_reset',
  'admin.role_assign',
  'admin.policy_read',
  'admin.policy_update',
  // Electronic seals (seals/): the security administrator's acts and looks.
  'seal.list',
  'seal.make',
  'seal.revoke',
  'seal.certificate_issue',
  'seal.certificate_revoke',
  // The storage sweeps (server/jobs): a stored original that no longer matches its record, and an
  // unreferenced original removed after its grace period. Recorded by the system (no actor).
  'archive.fixity_failed',
  'archive.orphan_removed',
  // Online supervision (supervision/): a warning raised by the system (no actor), its acknowledgement and
  // resolution, looks at warnings, and the rules' settings.
  'supervision.warning_raise',
  'supervision.warning_acknowledge',
  'supervision.warning_resolve',
  'supervision.warning_list',
  'supervision.warning_view',
  'supervision.policy_read',
  'supervision.policy_update',
  // The paper archive (paper-archive/): binding files into a volume, moving one with a reason, looks at the
  // archive, a case's paper file and the overdue report.
  'paper.bind',
  'paper.move',
  'paper.file_list',
  'paper.file_view',
  'paper.overdue_report',
  // The monthly bulletin (bulletin/): read on the page, or exported as PDF or Excel.
  'supervision.bulletin_view',
  'supervision.bulletin_export',
  // Spot checks (spot-checks/): a round proposed, findings, completion, looks at rounds and quotas; paper
  // verifications answered by the station, and marked overdue by the system (no actor).
  'supervision.spot_round_propose',
  'supervision.spot_round_list',
  'supervision.spot_round_view',
  'supervision.spot_finding',
  'supervision.spot_round_complete',
  'supervision.spot_quota_view',
  'supervision.paper_verification_list',
  'supervision.paper_verification_answer',
  'supervision.paper_verification_overdue',
  // SMS (notify/): the texts looked at, a failed one sent again, the stations' numbers read and set.
  'sms.list',
  'sms.retry',
  'sms.station_phone_list',
  'sms.station_phone_set',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = 'ok' | 'denied' | 'refused';
