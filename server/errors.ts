/**
 * Every error the system reports, with a stable code, its HTTP status and its messages.
 * docs/ERRORS.md lists the same table; a test keeps the two equal.
 */
export const ERROR_CATALOG = {
  VALIDATION_FAILED: { status: 400, zh: '请求内容不符合要求', en: 'The request is not valid' },
  CITIZEN_ID_INVALID: { status: 400, zh: '公民身份号码不正确', en: 'The citizen ID number is not valid' },
  CASE_FIELDS_INVALID: { status: 400, zh: '业务信息填写不完整或不正确', en: 'The business fields are missing or not valid' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, zh: '缺少幂等键（Idempotency-Key）', en: 'The Idempotency-Key header is required' },
  UPLOAD_TYPE_REJECTED: {
    status: 415,
    zh: '文件类型不支持：材料请上传 JPEG、PNG、TIFF 或 PDF，现场照片请上传 JPEG 或 PNG',
    en: 'Unsupported file type: materials take JPEG, PNG, TIFF or PDF; a portrait takes JPEG or PNG',
  },
  UPLOAD_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  UPLOAD_PIXELS_EXCEEDED: { status: 413, zh: '图像像素数超出上限', en: 'The image has too many pixels' },
  UPLOAD_TOO_MANY_PAGES: { status: 413, zh: '文件页数超出上限，请分批上传', en: 'The file has too many pages: upload it in parts' },
  UPLOAD_MISSING_FILE: { status: 400, zh: '没有收到文件', en: 'No file was received' },
  UPLOAD_UNDECODABLE: { status: 422, zh: '图像文件损坏或不完整，请重新拍摄', en: 'The image file is damaged or incomplete: capture it again' },
  UPLOAD_MALFORMED: { status: 400, zh: '上传内容格式不正确', en: 'The upload is malformed' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持此请求内容类型', en: 'This request content type is not supported' },
  MATERIAL_UNKNOWN: { status: 400, zh: '该业务不需要此项材料', en: 'This material is not part of the sub-type' },
  SUBTYPE_UNKNOWN: { status: 400, zh: '业务小类不存在', en: 'The sub-type does not exist' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  AUTH_FAILED: { status: 401, zh: '用户名或密码错误', en: 'Wrong user name or password' },
  SIGN_IN_THROTTLED: { status: 429, zh: '登录尝试过于频繁，请稍后再试', en: 'Too many sign-in attempts: try again later' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You may not do this' },
  CSRF_FAILED: {
    status: 403,
    zh: '请求未通过安全校验，请刷新页面后重试',
    en: 'The request failed its security check: reload the page and try again',
  },
  NOT_FOUND: { status: 404, zh: '对象不存在', en: 'Not found' },
  CASE_NOT_FOUND: { status: 404, zh: '业务不存在', en: 'The case does not exist' },
  IMAGE_NOT_FOUND: { status: 404, zh: '档案影像不存在', en: 'The document image does not exist' },
  SUPPLEMENT_REQUIRED: {
    status: 409,
    zh: '已超过采集时限或已呈报，只能以补录方式添加材料，并说明原因',
    en: 'The capture limit has passed or the case was submitted: add material as supplementary capture (补录), with a reason',
  },
  SUPPLEMENT_NOT_NEEDED: {
    status: 409,
    zh: '仍在采集时限内，请直接采集，不需要补录',
    en: 'The case is still within its capture limit: capture the page normally, not as supplementary capture',
  },
  PAGE_NOT_REPLACEABLE: {
    status: 409,
    zh: '已呈报的业务不能替换或删除影像，只能补录',
    en: 'Pages of a submitted case cannot be replaced or removed, only supplemented',
  },
  PAGE_ORDER_MISMATCH: {
    status: 422,
    zh: '页序须包含该材料的全部现有页面且不重复，请刷新后重试',
    en: 'The new order must list every current page of the material exactly once: reload and try again',
  },
  QUALITY_NOTHING_TO_OVERRIDE: { status: 409, zh: '该页没有待处理的质量提示', en: 'This page has no quality warnings to accept' },
  PORTRAIT_NOT_FOUND: { status: 404, zh: '该业务尚未采集现场照片', en: 'No portrait has been taken for this case' },
  CASE_ACT_NOT_ALLOWED: { status: 409, zh: '当前状态下不能执行此操作', en: 'This act is not allowed in the current status' },
  CASE_MATERIALS_INCOMPLETE: { status: 409, zh: '必需材料尚未采集齐全', en: 'Required materials have not all been captured' },
  CASE_CONCURRENT_UPDATE: {
    status: 409,
    zh: '业务正被他人同时处理，请刷新后重试',
    en: 'Someone else changed the case at the same time: reload and retry',
  },
  ARCHIVE_VERIFY_RUNNING: {
    status: 409,
    zh: '已有一次档案校验正在进行，请待其完成后再试',
    en: 'An archive verification is already running: wait for it to finish',
  },
  IDEMPOTENCY_KEY_REUSED: { status: 422, zh: '幂等键已用于另一个请求', en: 'The idempotency key was already used for a different request' },
  CASE_STATE_DRIFT: {
    status: 500,
    zh: '业务状态与其操作记录不一致，已停止办理，请联系审计管理员',
    en: "The case's stored state differs from its action log; nothing was done: tell the audit administrator",
  },
  PROTECTED_DATA_INVALID: {
    status: 500,
    zh: '个人数据校验失败，请联系审计管理员',
    en: 'Stored personal data failed its integrity check: tell the audit administrator',
  },
  BLOB_INTEGRITY_FAILED: { status: 500, zh: '档案文件校验失败', en: 'A stored file failed its integrity check' },
  INTERNAL: { status: 500, zh: '系统内部错误', en: 'Internal error' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时无法访问，请稍后重试（重试不会重复办理）',
    en: 'The database cannot be reached right now: retry in a moment (a retry is never applied twice)',
  },
  DATABASE_BUSY: { status: 503, zh: '数据库正忙，本次操作未保存，请稍后重试', en: 'The database is busy; nothing was saved: retry in a moment' },
  BLOB_STORE_UNAVAILABLE: {
    status: 503,
    zh: '档案文件存储暂时无法访问，请稍后重试（重试不会重复办理）',
    en: 'The file store cannot be reached right now: retry in a moment (a retry is never applied twice)',
  },
  STORAGE_FULL: {
    status: 507,
    zh: '存储空间已满，本次操作未保存，请联系系统管理员清理空间后重试',
    en: 'The storage is full; nothing was saved: ask the system administrator to free space, then retry',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码后再继续使用',
    en: 'Change your temporary password before you continue',
  },
  PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_POLICY_VIOLATED: { status: 400, zh: '新密码不符合密码策略', en: 'The new password does not meet the password policy' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This user name is already taken' },
  UNIT_CODE_TAKEN: { status: 409, zh: '单位代码已存在', en: 'A unit with this code already exists' },
  CASE_PREFIX_TAKEN: { status: 409, zh: '业务编号前缀已被其他单位使用', en: 'Another unit already uses this case number prefix' },
  UNIT_KIND_MISMATCH: {
    status: 409,
    zh: '单位层级不符：市局下设分局，分局下设派出所',
    en: 'The unit kind does not fit its parent: branch bureaus under the city bureau, stations under a branch',
  },
  ROLE_UNIT_MISMATCH: { status: 409, zh: '该角色不能设置在此类单位', en: 'This role does not belong in this kind of unit' },
  SEAL_NOT_ISSUED: {
    status: 409,
    zh: '本单位尚未制发电子印章，不能签章，请联系安全管理员',
    en: 'Your unit has no electronic seal yet, so nothing can be signed: ask the security administrator',
  },
  SEAL_REVOKED: {
    status: 409,
    zh: '本单位电子印章已被吊销，不能签章，请联系安全管理员重新制章',
    en: "Your unit's electronic seal has been revoked: ask the security administrator for a new one",
  },
  SEAL_EXPIRED: {
    status: 409,
    zh: '本单位电子印章已过有效期，不能签章，请联系安全管理员重新制章',
    en: "Your unit's electronic seal has expired: ask the security administrator for a new one",
  },
  SIGNER_NOT_ENROLLED: {
    status: 409,
    zh: '您尚未取得个人签名证书，不能签章，请联系安全管理员',
    en: 'You have no personal signing certificate yet: ask the security administrator',
  },
  SIGNER_CERTIFICATE_REVOKED: {
    status: 409,
    zh: '您的个人签名证书已被吊销，不能签章，请联系安全管理员',
    en: 'Your personal signing certificate has been revoked: ask the security administrator',
  },
  SIGNER_CERTIFICATE_EXPIRED: {
    status: 409,
    zh: '您的个人签名证书已过有效期，不能签章，请联系安全管理员',
    en: 'Your personal signing certificate has expired: ask the security administrator',
  },
  SIGNING_FAILED: {
    status: 502,
    zh: '签章失败：电子印章系统暂时无法签章，本次操作未生效，请稍后重试',
    en: 'Signing failed: the electronic seal system could not sign, so nothing was done; try again shortly',
  },
  CERTIFICATE_NOT_FOUND: { status: 404, zh: '证书不存在', en: 'The certificate does not exist' },
  SEAL_NOT_FOUND: { status: 404, zh: '电子印章不存在', en: 'The seal does not exist' },
  NOTICE_FILE_UNSUPPORTED: {
    status: 415,
    zh: '只能核验审批通知单文件（PDF 或 OFD 格式）',
    en: 'Only an approval notice file (PDF or OFD) can be checked',
  },
  NOTICE_NOT_FOUND: { status: 404, zh: '该业务尚未审批通过，没有审批通知单', en: 'The case has not been approved, so it has no approval notice' },
  NOTICE_OFD_NOT_FOUND: {
    status: 404,
    zh: '该审批通知单签发时尚未生成 OFD 版式文件，请下载 PDF',
    en: 'This notice was issued before notices were also made as OFD: download the PDF',
  },
  ALREADY_REVOKED: { status: 409, zh: '已被吊销，无需重复操作', en: 'It is already revoked' },
  CERTIFICATE_IN_FORCE: {
    status: 409,
    zh: '该用户已有有效的个人签名证书，须先吊销才能重新签发',
    en: 'This person already holds a certificate in force: revoke it before issuing another',
  },
  ROLE_CANNOT_SIGN: {
    status: 409,
    zh: '该用户的角色不作审批决定，不需要签名证书',
    en: 'This role makes no decisions and needs no signing certificate',
  },
  CHECKPOINT_NOT_FOUND: { status: 404, zh: '没有该规模的审计日志签名检查点', en: 'No signed checkpoint of the trail has this size' },
  EVENT_NOT_CHECKPOINTED: {
    status: 409,
    zh: '该审计事件尚未被签名检查点覆盖，请稍后或先生成检查点',
    en: 'No signed checkpoint covers this event yet: wait for the next one, or make one now',
  },
  HISTORY_MANIFEST_MALFORMED: {
    status: 400,
    zh: '历史档案清单格式不正确（须为 UTF-8 编码的 CSV，含规定的列）',
    en: 'The historical manifest is malformed (it must be UTF-8 CSV with the required columns)',
  },
  HISTORY_ROWS_INCONSISTENT: {
    status: 422,
    zh: '同一原档案号的各行人员、身份号码、业务小类、日期或业务信息不一致，或未连续排列',
    en: 'The rows of one old file disagree on the person, ID number, sub-type, date or fields, or are not together',
  },
  HISTORY_PAGE_MISSING: {
    status: 422,
    zh: '清单所列的影像文件不存在或无法读取',
    en: 'A page file named in the manifest does not exist or cannot be read',
  },
  WARNING_ACT_NOT_ALLOWED: {
    status: 409,
    zh: '该预警当前状态下不能执行此操作（可能已被他人确认或处理完毕），请刷新后查看',
    en: 'This warning is not in a state for that act (someone may have acknowledged or resolved it): reload it',
  },
  WARNING_STATE_DRIFT: {
    status: 500,
    zh: '预警状态与其处理记录不一致，已停止办理，请联系审计管理员',
    en: "The warning's stored state differs from its log; nothing was done: tell the audit administrator",
  },
  EVIDENCE_TARGET_NOT_EMPTY: {
    status: 409,
    zh: '证据包的导出目录已存在且不为空，请指定新的目录',
    en: 'The evidence package folder exists and is not empty: choose a new one',
  },
  BULLETIN_MONTH_NOT_STARTED: {
    status: 422,
    zh: '该月份尚未开始，没有月度通报，请选择本月或以前的月份',
    en: 'That month has not begun, so it has no bulletin: choose this month or an earlier one',
  },
  PAPER_CASE_NOT_DECIDED: {
    status: 409,
    zh: '该业务尚未审批通过，还没有纸质档案需要装订',
    en: 'The case has not been approved, so its paper file is not due for binding',
  },
  PAPER_FILE_ALREADY_BOUND: {
    status: 409,
    zh: '该业务的纸质档案已装订，如需调整位置请使用“移卷”并说明原因',
    en: 'This paper file is already bound: to change its place, move it with a reason',
  },
  PAPER_FILE_NOT_BOUND: { status: 409, zh: '该业务的纸质档案尚未装订，不能移卷', en: 'This paper file is not bound yet, so it cannot be moved' },
  PAPER_PLACE_TAKEN: {
    status: 409,
    zh: '该位置（盒号、卷号、件号）已有其他档案，请换一个件号或卷号',
    en: 'That place (box, volume, sequence) already holds another file: choose another sequence or volume',
  },
  PAPER_MOVE_UNCHANGED: { status: 409, zh: '新位置与当前位置相同，无需移卷', en: 'The new place is the file’s current place: nothing to move' },
  SMS_NOT_RETRIABLE: {
    status: 409,
    zh: '只有发送失败且有接收号码的短信才能重新发送（可能已被他人重新发送），请刷新后查看',
    en: 'Only a failed text with a number can be sent again (someone may have done so already): reload',
  },
  SMS_UNIT_NOT_STATION: { status: 422, zh: '只能为派出所设置短信号码', en: 'Only a police station has an SMS number' },
  SPOT_CHECK_PERIOD_INVALID: {
    status: 422,
    zh: '抽查期间不正确：开始日期不能晚于结束日期，也不能晚于今天，期间最长一年',
    en: 'The spot check period is not valid: it must not start after it ends or after today, nor exceed a year',
  },
  SPOT_CHECK_NO_CANDIDATES: {
    status: 422,
    zh: '该期间没有可抽查的已审批业务（或均已被本单位抽查过），请换一个期间',
    en: 'No decided cases to check in that period (or all were checked by your unit already): choose another period',
  },
  SPOT_CHECK_ROUND_COMPLETED: {
    status: 409,
    zh: '本轮抽查已完成，不能再修改',
    en: 'This spot check round is completed and can no longer change',
  },
  SPOT_CHECK_FINDINGS_MISSING: {
    status: 409,
    zh: '还有抽中的业务未记录抽查结果，请逐件记录后再完成',
    en: 'Some sampled cases have no finding yet: record each one before completing the round',
  },
  PAPER_VERIFICATION_ANSWERED: {
    status: 409,
    zh: '该核实请求已经答复（可能已被他人答复），请刷新后查看',
    en: 'This verification request has been answered already (perhaps by someone else): reload it',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, details?: Record<string, unknown>, message?: string) {
    super(message ?? ERROR_CATALOG[code].en);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
