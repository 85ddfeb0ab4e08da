import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recurrence } from '../../../shared/schemas/maintenance-windows.ts';
import { useMonitoringFormat } from './useMonitoringFormat.ts';

type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/** A recurrence in words: "每周 周六、周日 02:00 起 2 小时". */
export function useRecurrenceText() {
  const { t } = useTranslation();
  const { duration } = useMonitoringFormat();
  return useCallback(
    (r: Recurrence) => {
      const common = { time: r.time, duration: duration(r.durationMinutes * 60) };
      if (r.freq === 'weekly') {
        const days = r.weekdays.map((d) => t(`monitoring.maintenance.weekday.${String(d) as Weekday}`)).join(t('common.listSeparator'));
        return t('monitoring.maintenance.recurrence.weekly', { ...common, days });
      }
      if (r.freq === 'monthly') return t('monitoring.maintenance.recurrence.monthly', { ...common, day: r.monthDay });
      return t('monitoring.maintenance.recurrence.daily', common);
    },
    [t, duration],
  );
}
