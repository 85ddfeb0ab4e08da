import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration, type DurationUnits } from './monitoring-format.ts';

/** The duration and "… ago" formatters in the UI language; `nowMs` is passed in so tables do not re-render on a clock. */
export function useMonitoringFormat() {
  const { t } = useTranslation();
  // t changes identity when the language changes, so the units follow a switch
  const units = useMemo<DurationUnits>(
    () => ({ d: t('monitoring.units.d'), h: t('monitoring.units.h'), m: t('monitoring.units.m'), s: t('monitoring.units.s'), sep: t('monitoring.units.sep') }),
    [t],
  );
  const duration = useCallback((seconds: number, parts = 2) => formatDuration(seconds, units, parts), [units]);
  const ago = useCallback(
    (iso: string | null | undefined, nowMs: number) => {
      if (!iso) return '—';
      const seconds = Math.max(0, (nowMs - Date.parse(iso)) / 1000);
      return seconds < 5 ? t('monitoring.justNow') : t('monitoring.ago', { duration: duration(seconds, 1) });
    },
    [duration, t],
  );
  return { duration, ago };
}

/** The current time, refreshed every `everyMs`: enough for "3 分钟前" without re-rendering every second. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
