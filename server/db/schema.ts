import type { AuditAction, AuditOutcome } from '../modules/audit/audit-actions.ts';
import type { CaseAct, CaseStatus } from '../modules/cases/workflow.ts';
import type { OutboxTopic } from '../modules/notify/outbox.ts';
import type { SmsRecipient, SmsState } from '../modules/notify/sms-state.ts';
import type { Role } from '../modules/org/roles.ts';
import type { RuleCode } from '../modules/supervision/rules/rule-codes.ts';
import type { WarningAct, WarningState } from '../modules/supervision/warning-projection.ts';

/** A boolean column: integer 0 or 1 in both dialects. */
export type Flag = 0 | 1;
export type UnitKind = 'city' | 'branch' | 'station';

/**
 * Table shapes as Kysely sees them. Timestamps are ISO-8601 UTC strings and JSON columns are text
 * in both dialects, so every query reads the same on SQLite and PostgreSQL.
 */
export interface UnitsTable {
  id: string;
  code: string;
  name: string;
  name_en: string;
  kind: UnitKind;
  parent_id: string | null;
  path: string;
  case_prefix: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  role: Role;
  password_hash: string;
  /** Unused since migration 0004: sign-in throttling lives in sign_in_throttle. */
  failed_logins: number;
  /** Unused since migration 0004. */
  locked_until: string | null;
  disabled: Flag;
  created_at: string;
  /** Since migration 0007: a temporary password (new account, reset) must be changed before anything else. */
  must_change_password: Flag;
  /** Since migration 0007: when the password was last set (by its owner or by a reset). */
  password_changed_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface CatalogVersionsTable {
  version: string;
  title: string;
  effective_from: string;
  sha256: string;
  content: string;
  loaded_at: string;
}

export interface CasesTable {
  id: string;
  case_no: string;
  catalog_version: string;
  subtype_code: string;
  unit_id: string;
  status: CaseStatus;
  chain_step: number;
  applicant_name: string;
  /** Encrypted (population/id-protection.ts): e1.<keyId>.<…>; never the number itself. */
  applicant_id_number: string;
  /** Keyed blind index of the applicant's number, for exact search (null only before conversion). */
  applicant_id_index: string | null;
  applicant_phone: string | null;
  fields: string;
  accepted_by: string;
  accepted_at: string;
  capture_deadline: string;
  submitted_at: string | null;
  approval_deadline: string | null;
  decided_at: string | null;
  closed_at: string | null;
  version: number;
  updated_at: string;
}

export interface CaseActionsTable {
  case_id: string;
  seq: number;
  action: CaseAct;
  actor_id: string;
  actor_unit_id: string;
  at: string;
  comment: string | null;
  detail: string;
}

export interface BlobsTable {
  sha256: string;
  sm3: string;
  size: number;
  media_type: string;
  width: number;
  height: number;
  created_at: string;
  /** Since migration 0008: pages in the original file (multi-page TIFF, PDF). */
  page_count: number;
  /** Since migration 0008: when a fixity sweep last found the stored bytes intact. */
  fixity_checked_at: string | null;
}

export interface CaseImagesTable {
  id: string;
  case_id: string;
  material_code: string;
  page_no: number;
  blob_sha256: string;
  captured_by: string;
  captured_at: string;
  late: Flag;
  /** Since migration 0008: the page of the original file this page is (0-based). */
  source_page: number;
  /** JSON: { metrics, warnings } measured at capture (documents/quality.ts). */
  quality: string | null;
  quality_override_reason: string | null;
  quality_override_by: string | null;
  quality_override_at: string | null;
  /** 64-bit perceptual hash, 16 hex digits; null for a near-blank page. */
  phash: string | null;
  /** Set: the page was added as 补录 (supplementary capture), for this reason. */
  supplement_reason: string | null;
  removed_at: string | null;
  removed_by: string | null;
  replaced_by: string | null;
}

export interface ImageHashBandsTable {
  band: number;
  value: number;
  image_id: string;
}

/** Since migration 0009: a page's fine ink map (documents/ink-map.ts), base64; pages captured before have none. */
export interface ImageInkMapsTable {
  image_id: string;
  ink_map: string;
}

export interface ImageReuseTable {
  image_id: string;
  other_image_id: string;
  case_id: string;
  other_case_id: string;
  distance: number;
  found_at: string;
}

export interface CasePortraitsTable {
  id: string;
  case_id: string;
  blob_sha256: string;
  captured_by: string;
  captured_at: string;
  removed_at: string | null;
}

export interface HistoryImportsTable {
  source_key: string;
  case_id: string;
  imported_by: string;
  imported_at: string;
}

export interface CaseCountersTable {
  unit_id: string;
  day: string;
  last_no: number;
}

export interface IdempotencyKeysTable {
  actor_id: string;
  idem_key: string;
  request_hash: string;
  status_code: number | null;
  response: string | null;
  created_at: string;
}

export interface AuditEventsTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_unit_id: string | null;
  action: AuditAction;
  object_type: string;
  object_id: string | null;
  case_id: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
  /** Since migration 0012: the digest of this link, 'sha256' (rows written before) or 'sm3'. */
  link: 'sha256' | 'sm3';
}

export interface OutboxTable {
  id: string;
  topic: OutboxTopic;
  payload: string;
  case_id: string | null;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
}

/**
 * Sign-in throttling per account name as typed ('name') and per source address ('source'), and
 * (since migration 0007) per user for the current-password check of a password change ('password').
 * Times are epoch milliseconds (PostgreSQL bigint, which node-postgres reads as a string).
 */
export interface SignInThrottleTable {
  kind: 'name' | 'source' | 'password';
  subject: string;
  failures: number;
  next_at: number | string;
  refused: number;
  refused_before: number;
  last_at: number | string;
}

/** Work owed to the stored data that must survive a restart (e.g. compacting cases after conversion). */
export interface DataMaintenanceTable {
  task: string;
  requested_at: string;
}

/** The security administrator's password and lockout policy (org/security-policy.ts): one row, id 'current', JSON. */
export interface SecurityPolicyTable {
  id: 'current';
  policy: string;
  updated_at: string;
  updated_by: string | null;
}

/** Since migration 0011: the seal authority's certificates (seals/). */
export interface PkiCertificatesTable {
  id: string;
  kind: 'root' | 'maker' | 'unit' | 'officer';
  unit_id: string | null;
  user_id: string | null;
  /** Hex, as the CRL lists it. */
  serial: string;
  subject: string;
  not_before: string;
  not_after: string;
  /** Base64 DER. */
  der: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

/** Since migration 0011: a private key the local authority holds, encrypted (id-protection.ts). */
export interface PkiPrivateKeysTable {
  certificate_id: string;
  protected_key: string;
}

/** Since migration 0011: every CRL issued, base64 DER. */
export interface PkiCrlsTable {
  number: number;
  this_update: string;
  der: string;
}

/** Since migration 0011: a unit's seal, one row per version (base64 DER SES_Seal). */
export interface SealsTable {
  id: string;
  unit_id: string;
  version: number;
  es_id: string;
  name: string;
  der: string;
  valid_start: string;
  valid_end: string;
  created_at: string;
  superseded_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

/** Since migration 0011: the signature of one decision on a case. */
export interface CaseSignaturesTable {
  id: string;
  case_id: string;
  action_seq: number;
  act: string;
  unit_id: string;
  signer_id: string;
  seal_id: string;
  certificate_id: string;
  signed_at: string;
  /** Hex SM3 of the canonical content. */
  data_hash: string;
  /** The canonical content signed, encrypted (it holds personal data). */
  content: string;
  /** Base64 DER SES_Signature. */
  signature: string;
  provider: string;
}

/** Since migration 0012: a signed tree head of the audit trail's Merkle tree. */
export interface AuditCheckpointsTable {
  tree_size: number;
  /** Hex. */
  root_hash: string;
  signed_at: string;
  /** Base64 DER SM2 signature over the RFC 6962 tree head. */
  signature: string;
  certificate_id: string;
  /** JSON array of hex hashes: the compact range of the tree at this size. */
  border: string;
  trigger: 'schedule' | 'demand' | 'shutdown';
}

/** Since migration 0013: the authority's RSA certificates for PDF signatures (PAdES): its root and each city bureau's. */
export interface PdfCertificatesTable {
  id: string;
  kind: 'root' | 'signer';
  unit_id: string | null;
  /** Hex. */
  serial: string;
  subject: string;
  not_before: string;
  not_after: string;
  /** Base64 DER. */
  der: string;
  created_at: string;
}

/** Since migration 0013: a PDF signing key (PKCS#8 PEM), encrypted (seals/key-vault.ts). */
export interface PdfPrivateKeysTable {
  certificate_id: string;
  protected_key: string;
}

/** Since migration 0013: the approval notice of a case, one per approved case. */
export interface NoticesTable {
  id: string;
  case_id: string;
  /** `XXXX-XXXX-XXXX-XXXX`, printed on the notice and in its QR code. */
  verification_code: string;
  /** The signed PDF in the blob store. */
  blob_sha256: string;
  /** Hex SM3 of the signed PDF: the SES_Signature's dataHash. */
  sm3: string;
  signed_at: string;
  approved_by: string;
  approved_unit_id: string;
  seal_id: string;
  /** The approving officer's SM2 certificate (pki_certificates). */
  certificate_id: string;
  /** The city bureau's RSA certificate that made the PDF signature. */
  pdf_certificate_id: string;
  /** Base64 DER SES_Signature over the SM3 of the signed PDF. */
  ses_signature: string;
  /** JSON: what a public check may show (masked name and ID number, no more). */
  public_info: string;
  /** The sealed OFD package in the blob store; null for notices issued before the OFD (0014). */
  ofd_blob_sha256: string | null;
  /** Hex SM3 of the OFD package as stored. */
  ofd_sm3: string | null;
  /** Base64 DER SES_Signature of the OFD (its Sign_0/SignedValue.dat), over the SM3 of its Signature.xml. */
  ofd_ses_signature: string | null;
}

/** Since migration 0017: the root (hex) of whole tile `tile` of the trail's Merkle tree: leaves 256·tile to 256·tile + 255. */
export interface AuditTreeTilesTable {
  tile: number;
  root_hash: string;
}

export interface ScheduledTasksTable {
  name: string;
  /** ISO time the task is next due. */
  due_at: string;
  /** The process holding the task while it runs, and until when (renewed while it runs). */
  lease_owner: string | null;
  lease_until: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_outcome: 'ok' | 'failed' | null;
  last_error: string | null;
  runs: number;
}

/** Since migration 0016: a warning (预警) a rule raised; its state is the projection of warning_actions (supervision/warning-projection.ts). */
export interface WarningsTable {
  id: string;
  rule: RuleCode;
  /** What the rule keys on (supervision/rules/): the same (rule, fact_key) never raises twice. */
  fact_key: string;
  case_id: string | null;
  /** The unit answerable for it: the station, or the level an approval waited at. */
  unit_id: string;
  /** The station holding the case, when there is one. */
  case_unit_id: string | null;
  /** When the fact happened (a deadline passed, a page was captured, an act was refused). */
  occurred_at: string;
  /** JSON: what the rule found; never a full ID number. */
  detail: string;
  state: WarningState;
  raised_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
  version: number;
  updated_at: string;
}

/** Since migration 0016: a warning's append-only log; the system raises (no actor), people acknowledge and resolve. */
export interface WarningActionsTable {
  warning_id: string;
  seq: number;
  action: WarningAct;
  actor_id: string | null;
  actor_unit_id: string | null;
  at: string;
  note: string | null;
}

/** Since migration 0016: the warning rules' settings (supervision/supervision-policy.ts): one row, id 'current', JSON. */
export interface SupervisionPolicyTable {
  id: 'current';
  policy: string;
  updated_at: string;
  updated_by: string | null;
}

/** Since migration 0016: how far the warning sweep has looked: instants up to `swept_until`, the trail up to `audit_seq`. */
export interface WarningSweepTable {
  id: 'current';
  swept_until: string;
  audit_seq: number;
  updated_at: string;
}

/** Since migration 0020: where a decided case's paper original is filed, once bound (paper-archive/). */
export interface PaperFilesTable {
  case_id: string;
  unit_id: string;
  box_no: string;
  volume_no: string;
  sequence: number;
  bound_by: string;
  bound_at: string;
  moved_at: string | null;
  version: number;
}

/** Since migration 0020: a paper file's append-only log: bound, moved (with the reason). */
export interface PaperFileActionsTable {
  case_id: string;
  seq: number;
  action: 'bind' | 'move';
  box_no: string;
  volume_no: string;
  sequence: number;
  actor_id: string;
  at: string;
  reason: string | null;
}

/** Since migration 0018: one text to one number, rendered from an outbox message (docs/SMS.md). */
export interface SmsMessagesTable {
  id: string;
  outbox_id: string;
  recipient: SmsRecipient;
  topic: OutboxTopic;
  case_id: string | null;
  unit_id: string;
  to_phone: string;
  text: string;
  state: SmsState;
  attempts: number;
  next_attempt_at: string | null;
  lease_until: string | null;
  reference: string;
  gateway: string | null;
  gateway_message_id: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  updated_at: string;
}

/** Since migration 0018: the number a station is told on. */
export interface UnitSmsPhonesTable {
  unit_id: string;
  phone: string;
  updated_at: string;
  updated_by: string | null;
}

/** Since migration 0019: a spot check round (抽查) of a branch or the city bureau (spot-checks/). */
export interface SpotCheckRoundsTable {
  id: string;
  checker_unit_id: string;
  created_by: string;
  created_at: string;
  /** Beijing days, inclusive: the decided cases drawn from. */
  period_from: string;
  period_to: string;
  sample_size: number;
  /** The random source's seed: the same candidates and seed draw the same sample. */
  seed: number;
  state: 'open' | 'completed';
  completed_by: string | null;
  completed_at: string | null;
  summary: string | null;
  version: number;
}

/** Since migration 0019: a case drawn in a round, and the checker's finding on it. */
export interface SpotCheckItemsTable {
  round_id: string;
  case_id: string;
  /** The station that handled the case. */
  case_unit_id: string;
  position: number;
  /** Risk weight in hundredths (spot-checks/risk-weight.ts). */
  weight: number;
  /** JSON: the risk factors the weight came from. */
  risk: string;
  result: 'pass' | 'problem' | null;
  note: string | null;
  /** JSON: [{ materialCode, note }] the materials found doubtful. */
  doubtful: string | null;
  checked_by: string | null;
  checked_at: string | null;
}

/** Since migration 0019: a paper verification request (调阅纸质材料核实) to the station holding the case. */
export interface PaperVerificationsTable {
  id: string;
  round_id: string;
  case_id: string;
  station_unit_id: string;
  checker_unit_id: string;
  material_code: string;
  doubt: string;
  requested_by: string;
  requested_at: string;
  due_at: string;
  state: 'requested' | 'overdue' | 'answered';
  escalated_at: string | null;
  answer: 'consistent' | 'inconsistent' | null;
  answer_note: string | null;
  answered_by: string | null;
  answered_at: string | null;
  version: number;
}

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  catalog_versions: CatalogVersionsTable;
  cases: CasesTable;
  case_actions: CaseActionsTable;
  blobs: BlobsTable;
  case_images: CaseImagesTable;
  image_hash_bands: ImageHashBandsTable;
  image_ink_maps: ImageInkMapsTable;
  image_reuse: ImageReuseTable;
  case_portraits: CasePortraitsTable;
  history_imports: HistoryImportsTable;
  case_counters: CaseCountersTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  sms_messages: SmsMessagesTable;
  unit_sms_phones: UnitSmsPhonesTable;
  data_maintenance: DataMaintenanceTable;
  sign_in_throttle: SignInThrottleTable;
  security_policy: SecurityPolicyTable;
  pki_certificates: PkiCertificatesTable;
  pki_private_keys: PkiPrivateKeysTable;
  pki_crls: PkiCrlsTable;
  seals: SealsTable;
  case_signatures: CaseSignaturesTable;
  audit_checkpoints: AuditCheckpointsTable;
  pdf_certificates: PdfCertificatesTable;
  pdf_private_keys: PdfPrivateKeysTable;
  notices: NoticesTable;
  scheduled_tasks: ScheduledTasksTable;
  audit_tree_tiles: AuditTreeTilesTable;
  warnings: WarningsTable;
  warning_actions: WarningActionsTable;
  supervision_policy: SupervisionPolicyTable;
  warning_sweep: WarningSweepTable;
  paper_files: PaperFilesTable;
  paper_file_actions: PaperFileActionsTable;
  spot_check_rounds: SpotCheckRoundsTable;
  spot_check_items: SpotCheckItemsTable;
  paper_verifications: PaperVerificationsTable;
}
