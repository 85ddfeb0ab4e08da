export type Locale = 'zh-CN' | 'en';

/** Picks zh-CN unless the client asks for English first. */
export function localeFrom(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

// Server messages users read; a code missing here falls back to the English message of the AppError.
const MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  validation: { 'zh-CN': '输入有误，请检查标出的字段', en: 'Some fields are invalid' },
  internal: { 'zh-CN': '服务器内部错误，请联系管理员并提供请求编号', en: 'Internal error; tell an administrator the request id' },
  not_found: { 'zh-CN': '请求的资源不存在', en: 'Not found' },
  'auth.required': { 'zh-CN': '请先登录', en: 'Login required' },
  'auth.session_expired': { 'zh-CN': '会话已超时，请重新登录', en: 'Your session has expired; log in again' },
  'auth.invalid_credentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong user name or password' },
  'auth.locked': { 'zh-CN': '账号已锁定，请稍后再试或联系安全管理员解锁', en: 'The account is locked; try later or ask the security administrator' },
  'auth.disabled': { 'zh-CN': '用户名或密码错误', en: 'Wrong user name or password' },
  'auth.rate_limited': { 'zh-CN': '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts; try again later' },
  'auth.csrf': { 'zh-CN': '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page' },
  'auth.login_incomplete': { 'zh-CN': '请先完成改密或双因素认证', en: 'Finish the password change or two-factor step first' },
  'auth.totp_invalid': { 'zh-CN': '动态口令错误', en: 'Wrong one-time code' },
  'auth.totp_not_enrolled': { 'zh-CN': '尚未绑定动态口令', en: 'No authenticator is enrolled' },
  'auth.totp_already_enrolled': { 'zh-CN': '已绑定动态口令', en: 'An authenticator is already enrolled' },
  'auth.session_only': { 'zh-CN': 'API 令牌不能执行此操作', en: 'API tokens cannot do this' },
  'password.wrong_current': { 'zh-CN': '当前密码错误', en: 'The current password is wrong' },
  'password.too_short': { 'zh-CN': '密码长度不足', en: 'The password is too short' },
  'password.too_simple': { 'zh-CN': '密码须包含大写字母、小写字母、数字、符号中的至少三类', en: 'Use at least three of: upper case, lower case, digits, symbols' },
  'password.contains_username': { 'zh-CN': '密码不能包含用户名', en: 'The password must not contain the user name' },
  'password.reused': { 'zh-CN': '不能使用最近用过的密码', en: 'The password was used recently' },
  'password.weak': { 'zh-CN': '密码过于常见', en: 'The password is too common' },
  'permission.denied': { 'zh-CN': '没有执行此操作的权限', en: 'You do not have permission to do this' },
  'role.admin_exclusive': { 'zh-CN': '三权分立：一个账号只能担任系统管理员、安全管理员、审计管理员中的一个', en: 'Separation of duties: one account can hold only one of the three administrator roles' },
  'role.admin_permission': { 'zh-CN': '自定义角色只能包含业务权限', en: 'Custom roles can only hold business permissions' },
  'role.builtin': { 'zh-CN': '内置角色不可修改或删除', en: 'Built-in roles cannot be changed or deleted' },
  'role.in_use': { 'zh-CN': '角色仍被授予用户，不能删除', en: 'The role is still granted to users' },
  'user.self': { 'zh-CN': '不能对自己的账号执行此操作', en: 'You cannot do this to your own account' },
  'user.username_taken': { 'zh-CN': '用户名已存在', en: 'The user name is taken' },
  'organisation.code_taken': { 'zh-CN': '机构编码已存在', en: 'The organisation code is taken' },
  'organisation.not_empty': { 'zh-CN': '机构下仍有下级机构或用户，不能删除', en: 'The organisation still has children or users' },
  'organisation.bad_parent': { 'zh-CN': '上级机构不合法', en: 'Invalid parent organisation' },
  'calendar.no_working_time': { 'zh-CN': '该日历没有任何工作时间', en: 'The calendar has no working time' },
  'calendar.notice_unparsed': { 'zh-CN': '无法识别通知文本，请按每行“节日：x月x日至x日放假…x月x日上班”的格式粘贴', en: 'Could not read the notice text' },
  'audit.append_only': { 'zh-CN': '审计日志只能追加，不能修改或删除', en: 'The audit log is append-only' },
  'calendar.bad_time_zone': { 'zh-CN': '时区无效', en: 'Unknown time zone' },
  'calendar.platform_forbidden': { 'zh-CN': '只有管理全部机构的管理员才能修改平台日历', en: 'Only an administrator of the whole tree may change platform calendars' },
  'calendar.import_source': { 'zh-CN': '请提供日期列表或通知文本中的一种', en: 'Give either days or notice text' },
  'calendar.import_empty': { 'zh-CN': '导入内容中没有该年度的放假安排', en: 'The import holds no holidays of that year' },
  'calendar.day_outside_year': { 'zh-CN': '日期不在所导入的年度内', en: 'A date lies outside the imported year' },
  'calendar.duplicate_day': { 'zh-CN': '同一日期出现了两次', en: 'A date appears twice' },
  'calendar.holiday_with_hours': { 'zh-CN': '放假日不能设置工作时段', en: 'A holiday cannot have working hours' },
  'calendar.business_time_args': { 'zh-CN': '请给出分钟数或结束时间中的一个', en: 'Give either minutes or an end time' },
  'calendar.business_time_out_of_range': { 'zh-CN': '计算结果超出可支持的范围', en: 'The result is out of range' },
  'asset.code_taken': { 'zh-CN': '本机构内已有相同的资产编号', en: 'The asset code is taken in this organisation' },
  'asset.kind_unknown': { 'zh-CN': '资产类型不存在', en: 'Unknown asset kind' },
  'asset_kind.key_taken': { 'zh-CN': '资产类型标识已存在', en: 'The kind key is taken' },
  'asset_kind.builtin': { 'zh-CN': '内置资产类型只能增加自定义字段，不能改名或删除', en: 'A built-in kind only takes extra fields' },
  'asset_kind.builtin_field': { 'zh-CN': '内置字段不能删除或更改类型', en: 'Built-in fields cannot be removed or retyped' },
  'asset_kind.in_use': { 'zh-CN': '仍有该类型的资产，不能删除', en: 'Assets of this kind exist' },
  'asset_kind.platform_forbidden': { 'zh-CN': '只有管理全部机构的系统管理员才能修改资产类型', en: 'Only an administrator of a root organisation may change asset kinds' },
  'asset_relation.self': { 'zh-CN': '资产不能与自身建立关系', en: 'An asset cannot relate to itself' },
  'asset_relation.exists': { 'zh-CN': '该关系已存在', en: 'The relation exists' },
  'location.bad_parent': { 'zh-CN': '上级位置不合法（须为同一机构、层级更高的位置）', en: 'Invalid parent location' },
  'location.rack_units': { 'zh-CN': 'U 位数只适用于机柜，且不能小于已占用的 U 位', en: 'Only racks have U positions, and not fewer than are in use' },
  'location.code_taken': { 'zh-CN': '本机构内已有相同的位置编码', en: 'The location code is taken in this organisation' },
  'location.not_empty': { 'zh-CN': '位置下仍有下级位置或资产，不能删除', en: 'The location still holds other locations or assets' },
  'vendor.name_taken': { 'zh-CN': '本机构内已有同名厂商', en: 'A vendor of this name exists in the organisation' },
  'vendor.in_use': { 'zh-CN': '仍有合同或资产关联该厂商，不能删除', en: 'Contracts or assets still name this vendor' },
  'contract.code_taken': { 'zh-CN': '本机构内已有相同的合同编号', en: 'The contract code is taken in this organisation' },
  'contract.in_use': { 'zh-CN': '仍有资产关联该合同，不能删除', en: 'Assets are still covered by this contract' },
  'contract.document_empty': { 'zh-CN': '上传的文件为空', en: 'The document is empty' },
  'contract.document_too_large': { 'zh-CN': '合同文件不能超过 10 MB', en: 'The document is larger than 10 MB' },
  'contract.document_type': { 'zh-CN': '请上传 PDF、OFD、图片、Word 或 Excel 文件', en: 'Upload a PDF, OFD, image, Word or Excel file' },
  'asset_import.has_errors': { 'zh-CN': '仍有行存在错误，请修正或将其设为跳过后再导入', en: 'Some rows have errors; correct them or skip them first' },
  'asset_import.not_preview': { 'zh-CN': '该导入已提交或已放弃，不能再修改', en: 'The import was already committed or discarded' },
  'saved_filter.name_taken': { 'zh-CN': '已有同名的筛选', en: 'You already have a filter with this name' },
  'saved_filter.too_many': { 'zh-CN': '每个页面最多保存 50 个筛选', en: 'At most 50 saved filters per page' },
  conflict: { 'zh-CN': '数据冲突，记录已存在或仍被引用', en: 'Conflict: the record exists or is still referenced' },
};

/**
 * Adds a domain's messages (e.g. the ledger.* file errors, whose texts live beside the parser).
 * Called by app.ts, so platform/ imports no domain.
 */
export function registerMessages(messages: Record<string, { 'zh-CN': string; en: string }>): void {
  Object.assign(MESSAGES, messages);
}

/** The user-facing message for an error code in the caller's language. */
export function translate(code: string, locale: Locale, fallback: string): string {
  const entry = MESSAGES[code] ?? (code.endsWith('.not_found') ? MESSAGES.not_found : undefined);
  return entry ? entry[locale] : fallback;
}
