import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { Locale } from '../../shared/schemas/common.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { en } from '../i18n/en.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

const STORAGE_KEY = 'yiwei.locale';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

function storedLocale(): Locale {
  const parsed = Locale.safeParse(localStorage.getItem(STORAGE_KEY));
  return parsed.success ? parsed.data : 'zh-CN';
}

function applySideEffects(locale: Locale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

export const i18n = i18next.createInstance();
const initial = storedLocale();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
});
applySideEffects(initial);

/** The UI's current locale; also the Accept-Language of every API request. */
export function currentLocale(): Locale {
  const parsed = Locale.safeParse(i18n.language);
  return parsed.success ? parsed.data : 'zh-CN';
}

/** Switches the UI language and remembers it on this browser. */
export async function setLocale(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  applySideEffects(locale);
  await i18n.changeLanguage(locale);
}
