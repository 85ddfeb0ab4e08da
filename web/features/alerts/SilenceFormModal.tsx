import { useEffect } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { SilenceInput, type LabelMatcher, type Silence } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { wallTimeToIso } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { OrgFormItem } from './ConfigPickers.tsx';
import { MatcherRows } from './MatcherRows.tsx';
import { useSilenceMutations } from './useAlertConfig.ts';
import { isoToWall, nowWall } from './wall-time.ts';
import { placeIssues } from './form-issues.ts';

type Values = { orgId: string; matchers: LabelMatcher[]; range: [dayjs.Dayjs, dayjs.Dayjs]; reason: string };
type Props = {
  open: boolean;
  onClose: () => void;
  /** the silence to edit; absent to create one */
  silence?: Silence | null;
  /** a new silence's organisation and matchers, e.g. "静默此告警" from an alert's labels */
  preset?: { orgId: string; matchers: LabelMatcher[]; reason?: string };
};

const PRESET_HOURS = [1, 4, 24] as const;

/** The form field of an API issue path: matchers keep their row and column, start and end go to the range. */
function fieldOf(path: readonly PropertyKey[]): (string | number)[] | null {
  const [head, ...rest] = path;
  if (head === 'startsAt' || head === 'endsAt') return ['range'];
  if (head === 'matchers') return ['matchers', ...rest.filter((p): p is string | number => typeof p !== 'symbol')];
  if (head === 'orgId' || head === 'reason') return [head];
  return null;
}

/** A silence: which alerts (label matchers), from when to when (quick 1 h / 4 h / 1 day), and why. */
export function SilenceFormModal({ open, onClose, silence, preset }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const { create, update } = useSilenceMutations();
  const isEdit = Boolean(silence);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const start = nowWall();
    form.setFieldsValue(
      silence
        ? { orgId: silence.orgId, matchers: silence.matchers, range: [isoToWall(silence.startsAt), isoToWall(silence.endsAt)], reason: silence.reason }
        : {
            orgId: preset?.orgId ?? scope.orgId ?? me.orgId,
            matchers: preset?.matchers.length ? preset.matchers : [{ name: '', op: '=', value: '' }],
            range: [start, start.add(1, 'hour')],
            reason: preset?.reason ?? '',
          },
    );
  }, [open, silence, preset, form, scope.orgId, me.orgId]);

  /** From now for a new silence; from its fixed start when editing one (only the end can move). */
  const setPreset = (hours: number) => {
    const now = nowWall();
    const start = silence ? ((form.getFieldValue('range') as Values['range'] | undefined)?.[0] ?? now) : now;
    const from = start.isBefore(now) ? now : start;
    form.setFieldValue('range', [start, from.add(hours, 'hour')]);
  };

  const submit = (v: Values) => {
    const [start, end] = v.range;
    const input = { orgId: v.orgId, matchers: v.matchers.map((m) => ({ name: m.name.trim(), op: m.op, value: m.value ?? '' })), startsAt: wallTimeToIso(start.second(0)), endsAt: wallTimeToIso(end.second(0)), reason: v.reason };
    const checked = SilenceInput.safeParse(input);
    if (!checked.success) {
      if (!placeIssues(form, checked.error.issues, fieldOf)) void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
      return;
    }
    const done = {
      onSuccess: () => {
        void message.success(t(isEdit ? 'common.saved' : 'alerts.silences.created'));
        onClose();
      },
      onError: (e: Error) => {
        if (!applyFieldErrors(form, e, (p) => fieldOf(p))) void message.error(errorMessage(e));
      },
    };
    // a silence keeps its organisation and start; matchers, end and reason can change
    if (silence) update.mutate({ id: silence.id, input: { matchers: checked.data.matchers, endsAt: checked.data.endsAt, reason: checked.data.reason } }, done);
    else create.mutate(checked.data, done);
  };

  return (
    <Modal
      open={open}
      title={isEdit ? t('alerts.silences.edit') : t('alerts.silences.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'silence-save')}
      width={760}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="silence-form">
        <OrgFormItem lockedName={silence?.orgName} extra={t('alerts.silences.orgHint')} />
        <Form.Item label={t('alerts.silences.fields.matchers')} required>
          <MatcherRows name="matchers" isRequired />
        </Form.Item>
        <Form.Item label={t('alerts.silences.fields.range')} required>
          <Flex gap={8} wrap align="center">
            <Form.Item name="range" rules={[requiredRule()]} noStyle>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabled={[isEdit, false]} data-testid="silence-range" />
            </Form.Item>
            {PRESET_HOURS.map((h) => (
              <Button key={h} size="small" onClick={() => setPreset(h)} data-testid={`silence-preset-${h}h`}>
                {t(`alerts.silences.presets.h${h}`)}
              </Button>
            ))}
          </Flex>
        </Form.Item>
        <Form.Item name="reason" label={t('alerts.silences.fields.reason')} rules={[requiredRule()]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('alerts.silences.reasonPlaceholder')} data-testid="silence-reason" />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('alerts.silences.timeHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
