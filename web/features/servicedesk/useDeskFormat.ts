import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown, formatMinutesSpan, localName, localizedText, type CountdownUnits } from './desk-format.ts';

/** The desk's formatters in the UI language: countdowns, spans of minutes, localized names and sentences. */
export function useDeskFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  // t changes identity when the language changes, so the units follow a switch
  const units = useMemo<CountdownUnits>(
    () => ({ d: t('servicedesk.units.d'), h: t('servicedesk.units.h'), m: t('servicedesk.units.m'), s: t('servicedesk.units.s'), sep: t('servicedesk.units.sep') }),
    [t],
  );
  /** "剩余 2 小时 5 分" / "超时 12 分" for a due time, from `nowMs`. */
  const countdown = useCallback(
    (dueAt: string, nowMs: number, withSeconds = false) => {
      const left = Date.parse(dueAt) - nowMs;
      const time = formatCountdown(left, units, withSeconds);
      return left < 0 ? t('servicedesk.countdown.overdue', { time }) : t('servicedesk.countdown.left', { time });
    },
    [t, units],
  );
  const minutes = useCallback((n: number) => formatMinutesSpan(n, units), [units]);
  const name = useCallback((item: { name: string; nameEn?: string | null }) => localName(item, locale), [locale]);
  const text = useCallback((pair: { 'zh-CN': string; en: string }) => localizedText(pair, locale), [locale]);
  return { countdown, minutes, name, text, units, locale };
}
