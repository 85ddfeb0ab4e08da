import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { requiredRule } from '../../app/validation.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { localName } from '../assets/asset-format.ts';
import { useKinds } from '../assets/useCatalog.ts';
import { calendarsKey, listCalendars } from '../calendars/calendars.api.ts';
import { PICKER_PAGE, useEscalationPolicies } from './useAlertConfig.ts';
import { useChannels } from './useChannels.ts';
import { useSchedules } from './useOnCall.ts';

type Common = { id?: string; placeholder?: string; style?: React.CSSProperties; 'data-testid'?: string };
type Multi = Common & { value?: string[]; onChange?: (value: string[]) => void };
type Single = Common & { value?: string | null; onChange?: (value: string | null) => void };

// Pickers of the alert configuration, all working as controlled antd Form fields. Each lists what the user can see
// (the server keeps each list to the user's organisations); an id it does not know is still shown, as itself.

const withUnknown = (options: { value: string; label: string }[], values: readonly string[]) => [
  ...options,
  ...values.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v })),
];

/** Notification channels (group robots, SMS, e-mail, webhooks), several. */
export function ChannelMultiSelect({ value, onChange, placeholder, style, id, ...rest }: Multi) {
  const { t } = useTranslation();
  const channels = useChannels(PICKER_PAGE);
  const options = (channels.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${t(`alerts.channels.kind.${c.kind}`)}${c.isEnabled ? '' : ` (${t('common.disabled')})`}` }));
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      mode="multiple"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={channels.isPending}
      options={withUnknown(options, value ?? [])}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      placeholder={placeholder ?? t('alerts.common.pickChannels')}
      style={style}
    />
  );
}

/** One notification channel (a group robot, a webhook …). */
export function ChannelSelect({ value, onChange, placeholder, style, id, allowClear, ...rest }: Single & { allowClear?: boolean }) {
  const { t } = useTranslation();
  const channels = useChannels(PICKER_PAGE);
  const options = (channels.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${t(`alerts.channels.kind.${c.kind}`)}` }));
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
  return (
    <Select
      allowClear={allowClear}
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ optionFilterProp: 'label' }}
      loading={channels.isPending}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('alerts.common.pickChannel')}
      style={style}
    />
  );
}

export function EscalationPolicySelect({ value, onChange, placeholder, style, id, ...rest }: Single) {
  const { t } = useTranslation();
  const policies = useEscalationPolicies(PICKER_PAGE);
  const options = (policies.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.orgName}` }));
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={policies.isPending}
      options={withUnknown(options, value ? [value] : [])}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('alerts.routes.noEscalation')}
      style={style}
    />
  );
}

export function ScheduleSelect({ value, onChange, placeholder, style, id, ...rest }: Single) {
  const { t } = useTranslation();
  const schedules = useSchedules(PICKER_PAGE);
  const options = (schedules.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.orgName}` }));
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={schedules.isPending}
      options={withUnknown(options, value ? [value] : [])}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('alerts.common.pickSchedule')}
      style={style}
    />
  );
}

/** A work calendar (holidays and 调休); empty means the organisation's default calendar. */
export function CalendarSelect({ value, onChange, placeholder, style, id, ...rest }: Single) {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = can(me, 'calendar.read');
  // the same cache entry as the calendars pages, but not asked for without the permission
  const calendars = useQuery({ queryKey: calendarsKey, queryFn: listCalendars, enabled: canRead });
  const options = (calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      allowClear
      loading={canRead && calendars.isPending}
      options={withUnknown(options, value ? [value] : [])}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('alerts.common.defaultCalendar')}
      style={style}
    />
  );
}

/** Asset kinds by key; typed freely when the catalogue cannot be read. */
export function AssetKindMultiSelect({ value, onChange, placeholder, style, id, ...rest }: Multi) {
  const { t } = useTranslation();
  const me = useMe();
  const canRead = can(me, ['asset.read', 'asset_kind.manage']);
  const kinds = useKinds(canRead);
  const options = (kinds.data ?? []).map((k) => ({ value: k.key, label: localName(k) }));
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      mode={canRead ? 'multiple' : 'tags'}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={canRead && kinds.isPending}
      options={withUnknown(options, value ?? [])}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      placeholder={placeholder ?? t('alerts.common.anyAssetKind')}
      style={style}
    />
  );
}

/**
 * The organisation of a new item, or the fixed one of an existing item: updates cannot move an item to another
 * organisation, so editing shows the name instead of a picker that would do nothing.
 */
export function OrgFormItem({ lockedName, extra }: { lockedName?: string | null; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  if (lockedName) {
    return (
      <>
        {/* kept registered so the whole form still validates with the create schema */}
        <Form.Item name="orgId" hidden>
          <Input />
        </Form.Item>
        <Form.Item label={t('alerts.common.org')}>
          <Input value={lockedName} disabled />
        </Form.Item>
      </>
    );
  }
  return (
    <Form.Item name="orgId" label={t('alerts.common.org')} rules={[requiredRule()]} extra={extra}>
      <OrgTreeSelect data-testid="config-org" />
    </Form.Item>
  );
}
