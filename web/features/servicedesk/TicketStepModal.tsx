import { useEffect } from 'react';
import { App, Alert, DatePicker, Form, Input, Modal, Radio, Select, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TicketReopenInput, TicketResolutionCode, TicketResolveInput, type TicketListItem } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { DISPLAY_TZ, formatDateTime } from '../../app/format.ts';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { AssigneeSelect, GroupSelect } from './DeskPickers.tsx';
import { stepCall, type FormStep, type StepValues } from './step-values.ts';
import { useDeskFormat } from './useDeskFormat.ts';
import { useTicketPolicy } from './useSlaPolicies.ts';
import { useTicket, useTicketList, useTicketMutations } from './useTickets.ts';

type Ticket = Pick<TicketListItem, 'id' | 'number' | 'orgId' | 'levelKey' | 'assignmentGroup' | 'assignee' | 'openedAt'>;

/** Open tickets of the same organisation to merge into (the server refuses others). */
function MergeTargetSelect({ ticket, value, onChange }: { ticket: Ticket; value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  const list = useTicketList({ orgId: ticket.orgId, status: ['open'], page: 1, pageSize: 100, sort: '-createdAt' });
  const options = (list.data?.items ?? []).filter((x) => x.id !== ticket.id && x.orgId === ticket.orgId).map((x) => ({ value: x.id, label: `${x.number} ${x.title}` }));
  return <Select showSearch={{ optionFilterProp: 'label' }} loading={list.isPending} options={options} value={value} onChange={onChange} placeholder={t('servicedesk.steps.form.mergeInto')} data-testid="step-merge-into" />;
}

/**
 * The form of a step that needs input: arrival time, pause reason (from the ticket's policy), resolution code and
 * root cause, reopen reason, new group / person, new level, the ticket to merge into. Merging asks once more.
 */
export function TicketStepModal({ ticket, step, onClose }: { ticket: Ticket; step: FormStep | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { name } = useDeskFormat();
  const [form] = Form.useForm<StepValues>();
  const { step: run } = useTicketMutations();
  const needsPolicy = step === 'pause' || step === 'level';
  // a queue row carries no policy: the ticket's own page does
  const detail = useTicket(needsPolicy ? ticket.id : null);
  const { policy, isLoading } = useTicketPolicy(detail.data?.sla.policyId, needsPolicy && detail.isSuccess);
  const levelMode = Form.useWatch('levelMode', form);
  const groupId = Form.useWatch('assignmentGroupId', form);

  const groupOf = ticket.assignmentGroup?.id ?? null;
  const assigneeOf = ticket.assignee?.id ?? null;
  // ids, not objects: a background refetch must not wipe what is being typed
  useEffect(() => {
    if (!step) return;
    form.resetFields();
    form.setFieldsValue({ arrivedAt: dayjs(dayjs().tz(DISPLAY_TZ).format('YYYY-MM-DDTHH:mm')), assignmentGroupId: groupOf, assigneeId: assigneeOf, levelMode: 'level' });
  }, [step, form, groupOf, assigneeOf]);

  const submit = (v: StepValues) => {
    if (!step) return;
    const go = () =>
      run.mutate(
        { id: ticket.id, call: stepCall(step, v) },
        {
          onSuccess: () => {
            void message.success(t(`servicedesk.steps.done.${step}`));
            onClose();
          },
          onError: (e) => void message.error(errorMessage(e)),
        },
      );
    if (step === 'merge') {
      modal.confirm({ title: t('servicedesk.steps.form.confirmMerge', { number: ticket.number }), content: t('servicedesk.steps.form.mergeHint'), okButtonProps: withTestId({ danger: true }, 'confirm-ok'), onOk: go });
    } else go();
  };

  const pauseReasons = policy?.pauseReasons ?? [];
  const body = () => {
    switch (step) {
      case 'arrive':
        return (
          <Form.Item name="arrivedAt" label={t('servicedesk.steps.form.arrivedAt')} extra={t('servicedesk.steps.form.arrivedAtHint', { opened: formatDateTime(ticket.openedAt) })} rules={[requiredRule()]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly data-testid="step-arrived-at" />
          </Form.Item>
        );
      case 'pause':
        if (isLoading || detail.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
        if (!pauseReasons.length) return <Alert type="warning" showIcon title={t('servicedesk.steps.form.noPauseReasons')} />;
        return (
          <Form.Item name="reason" label={t('servicedesk.steps.form.pauseReason')} rules={[requiredRule()]}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              options={pauseReasons.map((r) => ({ value: r.key, label: `${name(r)}（${t('servicedesk.steps.form.stops', { clocks: r.stops.map((c) => t(`servicedesk.clock.${c}`)).join(t('common.listSeparator')) })}）` }))}
              data-testid="step-pause-reason"
            />
          </Form.Item>
        );
      case 'resolve':
        return (
          <>
            <Form.Item name="resolutionCode" label={t('servicedesk.steps.form.resolutionCode')} rules={[requiredRule()]}>
              <Select options={TicketResolutionCode.options.map((c) => ({ value: c, label: t(`servicedesk.resolutionCode.${c}`) }))} data-testid="step-resolution-code" />
            </Form.Item>
            <Form.Item name="resolutionNote" label={t('servicedesk.steps.form.resolutionNote')} rules={[zodRule(TicketResolveInput.shape.resolutionNote)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="step-resolution-note" />
            </Form.Item>
            <Form.Item name="rootCause" label={t('servicedesk.common.rootCause')} rules={[zodRule(TicketResolveInput.shape.rootCause)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="step-root-cause" />
            </Form.Item>
          </>
        );
      case 'reopen':
        return (
          <Form.Item name="reason" label={t('servicedesk.steps.form.reopenReason')} rules={[requiredRule(), zodRule(TicketReopenInput.shape.reason)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="step-reopen-reason" />
          </Form.Item>
        );
      case 'reassign':
        return (
          <>
            <Form.Item name="assignmentGroupId" label={t('servicedesk.common.group')}>
              <GroupSelect data-testid="step-group" />
            </Form.Item>
            <Form.Item name="assigneeId" label={t('servicedesk.common.assignee')}>
              <AssigneeSelect groupId={groupId} current={ticket.assignee} data-testid="step-assignee" />
            </Form.Item>
          </>
        );
      case 'level': {
        if (isLoading || detail.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
        const matrix = policy?.priorityMatrix;
        return (
          <>
            <Form.Item name="levelMode">
              <Radio.Group
                options={[
                  { value: 'level', label: t('servicedesk.form.levelMode.level') },
                  { value: 'matrix', label: t('servicedesk.form.levelMode.matrix'), disabled: !matrix },
                ]}
              />
            </Form.Item>
            {levelMode === 'matrix' && matrix ? (
              <>
                <Form.Item name="impact" label={t('servicedesk.common.impact')} rules={[requiredRule()]}>
                  <Select options={matrix.impacts.map((a) => ({ value: a.key, label: name(a) }))} data-testid="step-impact" />
                </Form.Item>
                <Form.Item name="urgency" label={t('servicedesk.common.urgency')} rules={[requiredRule()]}>
                  <Select options={matrix.urgencies.map((a) => ({ value: a.key, label: name(a) }))} data-testid="step-urgency" />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="level" label={t('servicedesk.common.level')} rules={[requiredRule()]}>
                <Select options={(policy?.levels ?? []).map((l) => ({ value: l.key, label: name(l), disabled: l.key === ticket.levelKey }))} data-testid="step-level" />
              </Form.Item>
            )}
            <Typography.Paragraph type="secondary">{t('servicedesk.steps.form.levelHint')}</Typography.Paragraph>
            <Form.Item name="reason" label={t('servicedesk.steps.form.levelReason')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} data-testid="step-level-reason" />
            </Form.Item>
          </>
        );
      }
      case 'merge':
        return (
          <Form.Item name="intoTicketId" label={t('servicedesk.steps.form.mergeInto')} extra={t('servicedesk.steps.form.mergeHint')} rules={[requiredRule()]}>
            <MergeTargetSelect ticket={ticket} />
          </Form.Item>
        );
      default:
        return null;
    }
  };
  const hasNote = step === 'arrive' || step === 'pause' || step === 'reassign' || step === 'merge';
  const isBlocked = step === 'pause' && !isLoading && !detail.isPending && pauseReasons.length === 0;

  return (
    <Modal
      open={step !== null}
      title={step ? `${t(`servicedesk.steps.${step}`)} · ${ticket.number}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={step ? t(`servicedesk.steps.${step}`) : undefined}
      okButtonProps={withTestId({ loading: run.isPending, disabled: isBlocked, danger: step === 'merge' }, 'step-submit')}
      forceRender
    >
      <Form<StepValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<StepValues>) => {
          if ('assignmentGroupId' in changed) form.setFieldsValue({ assigneeId: null });
        }}
        data-testid="step-form"
      >
        {body()}
        {hasNote && (
          <Form.Item name="note" label={t('servicedesk.steps.form.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} placeholder={t('servicedesk.steps.form.notePlaceholder')} data-testid="step-note" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
