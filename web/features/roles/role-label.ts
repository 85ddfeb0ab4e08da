import type { TFunction } from 'i18next';
import { zhCN } from '../../i18n/zh-CN.ts';
import { currentLocale } from '../../app/i18n.ts';

type BuiltinRoleKey = keyof typeof zhCN.roles.builtin;

function isBuiltinRoleKey(key: string): key is BuiltinRoleKey {
  return Object.hasOwn(zhCN.roles.builtin, key);
}

/**
 * A role's name in the UI language. Built-in roles come from our own dictionary; custom roles use nameEn when
 * the server sent it (Role does, Grant and User.roles only carry the Chinese name).
 */
export function roleLabel(t: TFunction, role: { key: string; name: string; nameEn?: string }): string {
  if (isBuiltinRoleKey(role.key)) return t(`roles.builtin.${role.key}`);
  if (currentLocale() === 'en' && role.nameEn) return role.nameEn;
  return role.name;
}
