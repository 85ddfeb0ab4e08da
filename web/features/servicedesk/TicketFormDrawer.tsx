import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Col, Divider, Drawer, Flex, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TicketChannel, TicketCreateInput, TicketType } from '../../../shared/schemas/servicedesk.ts';
import type { SlaPolicy } from '../../../shared/schemas/sla.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { placeIssues } from '../alerts/form-issues.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { AssetMultiPick, AssigneeSelect, CategoryTreeSelect, GroupSelect } from './DeskPickers.tsx';
import { PolicyPreview } from './PolicyPreview.tsx';
import { newTicketValues, ticketFieldOf, toTicketCreateInput, type TicketFormValues } from './ticket-form-values.ts';
import { useDeskFormat } from './useDeskFormat.ts';
import { useSlaResolution, useTicketPolicy } from './useSlaPolicies.ts';
import { useTicketMutations } from './useTickets.ts';

type Props = { open: boolean; onClose: () => void; preset?: { assetIds?: string[]; orgId?: string } };

const CHANNELS = TicketChannel.options.filter((c): c is Exclude<TicketChannel, 'alert'> => c !== 'alert');

/** The level a new ticket would open at, as the server decides it (docs/servicedesk.md "Level at open"). */
function levelAtOpen(policy: SlaPolicy | undefined, v: Partial<TicketFormValues>) {
  if (!policy) return undefined;
  if (v.levelMode === 'level' && v.level) return policy.levels.find((l) => l.key === v.level);
  if (v.levelMode === 'matrix' && v.impact && v.urgency) {
    const cell = policy.priorityMatrix?.cells.find((c) => c.impact === v.impact && c.urgency === v.urgency);
    return policy.levels.find((l) => l.key === cell?.level);
  }
  return policy.levels.at(-1);
}

/**
 * 新建工单: who called and about what, the affected assets, category, the level (impact × urgency or named) and who
 * takes it. Before saving it shows which SLA policy will apply and why, as the server will decide it.
 */
export function TicketFormDrawer({ open, onClose, preset }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const scope = useOrgScope();
  const canReadAssets = can(me, 'asset.read');
  const [form] = Form.useForm<TicketFormValues>();
  const { create } = useTicketMutations();
  const { name } = useDeskFormat();
  const orgId = Form.useWatch('orgId', form);
  const assetIds = Form.useWatch('assetIds', form);
  const levelMode = Form.useWatch('levelMode', form);
  const impact = Form.useWatch('impact', form);
  const urgency = Form.useWatch('urgency', form);
  const level = Form.useWatch('level', form);
  const groupId = Form.useWatch('assignmentGroupId', form);
  // the server picks the policy from the first affected asset's contract, so the preview asks with the same one
  const resolution = useSlaResolution(open ? orgId : undefined, assetIds?.[0]);
  const { policy } = useTicketPolicy(resolution.data?.policyId, open && resolution.isSuccess);
  const matrix = policy?.priorityMatrix;
  const shownLevel = levelAtOpen(policy, { levelMode, impact, urgency, level });

  const presetOrg = preset?.orgId;
  const presetAssets = preset?.assetIds?.join(',') ?? '';
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(newTicketValues(presetOrg ?? scope.orgId ?? me.orgId, presetAssets ? presetAssets.split(',') : []));
  }, [open, form, scope.orgId, me.orgId, presetOrg, presetAssets]);

  // a policy without a matrix can only be given a level
  useEffect(() => {
    if (policy && !matrix && levelMode === 'matrix') form.setFieldsValue({ levelMode: 'level', impact: null, urgency: null });
  }, [policy, matrix, levelMode, form]);

  const submit = (v: TicketFormValues) => {
    const checked = TicketCreateInput.safeParse(toTicketCreateInput(v));
    if (!checked.success) {
      if (!placeIssues(form, checked.error.issues, ticketFieldOf)) void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
      return;
    }
    create.mutate(toTicketCreateInput(v), {
      onSuccess: (ticket) => {
        void message.success(t('servicedesk.form.created', { number: ticket.number }));
        onClose();
        void navigate(`/servicedesk/tickets/${ticket.id}`);
      },
      onError: (e) => void message.error(errorMessage(e)),
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={t('servicedesk.form.title')}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="ticket-save">
            {t('servicedesk.form.submit')}
          </Button>
        </Flex>
      }
    >
      <Form<TicketFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        // another group has other members: the person chosen before may not belong to it
        onValuesChange={(changed: Partial<TicketFormValues>) => {
          if ('assignmentGroupId' in changed) form.setFieldsValue({ assigneeId: null });
        }}
        data-testid="ticket-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t('servicedesk.common.type')} rules={[requiredRule()]}>
              <Radio.Group optionType="button" options={TicketType.options.map((v) => ({ value: v, label: t(`servicedesk.type.${v}`) }))} data-testid="ticket-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label={t('servicedesk.common.channel')} rules={[requiredRule()]}>
              <Select options={CHANNELS.map((v) => ({ value: v, label: t(`servicedesk.channel.${v}`) }))} data-testid="ticket-channel" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="orgId" label={t('servicedesk.common.org')} rules={[requiredRule()]}>
          <OrgTreeSelect data-testid="ticket-org" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="requesterName" label={t('servicedesk.common.requester')} rules={[requiredRule(), zodRule(TicketCreateInput.shape.requesterName)]}>
              <Input maxLength={60} placeholder={t('servicedesk.form.requesterPlaceholder')} data-testid="ticket-requester" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="requesterPhone" label={t('servicedesk.common.phone')} extra={t('servicedesk.form.phoneHint')} rules={[zodRule(TicketCreateInput.shape.requesterPhone, t('validation.phone'))]}>
              <Input maxLength={20} inputMode="tel" data-testid="ticket-phone" />
            </Form.Item>
          </Col>
        </Row>
        {canReadAssets && (
          <Form.Item name="assetIds" label={t('servicedesk.common.assets')} extra={t('servicedesk.form.assetsHint')}>
            <AssetMultiPick orgId={orgId} data-testid="ticket-assets" />
          </Form.Item>
        )}
        <Form.Item name="categoryId" label={t('servicedesk.common.category')}>
          <CategoryTreeSelect orgId={orgId} data-testid="ticket-category" />
        </Form.Item>
        <Divider titlePlacement="start" plain>{t('servicedesk.form.sections.level')}</Divider>
        <PolicyPreview resolution={resolution.data} isLoading={resolution.isPending && resolution.isFetching} error={resolution.error} level={shownLevel} isWaiting={!orgId} />
        <Form.Item name="levelMode" style={{ marginTop: 16 }}>
          <Radio.Group
            options={[
              { value: 'matrix', label: t('servicedesk.form.levelMode.matrix'), disabled: Boolean(policy) && !matrix },
              { value: 'level', label: t('servicedesk.form.levelMode.level') },
            ]}
            data-testid="ticket-level-mode"
          />
        </Form.Item>
        {levelMode === 'matrix' ? (
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="impact" label={t('servicedesk.common.impact')} rules={urgency ? [requiredRule()] : []}>
                <Select allowClear options={(matrix?.impacts ?? []).map((a) => ({ value: a.key, label: name(a) }))} data-testid="ticket-impact" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="urgency" label={t('servicedesk.common.urgency')} rules={impact ? [requiredRule()] : []}>
                <Select allowClear options={(matrix?.urgencies ?? []).map((a) => ({ value: a.key, label: name(a) }))} data-testid="ticket-urgency" />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Form.Item name="level" label={t('servicedesk.common.level')} extra={t('servicedesk.form.levelHint')}>
            <Select allowClear options={(policy?.levels ?? []).map((l) => ({ value: l.key, label: name(l) }))} data-testid="ticket-level-select" />
          </Form.Item>
        )}
        <Divider titlePlacement="start" plain>{t('servicedesk.form.sections.assign')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="assignmentGroupId" label={t('servicedesk.common.group')}>
              <GroupSelect data-testid="ticket-group" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="assigneeId" label={t('servicedesk.common.assignee')}>
              <AssigneeSelect groupId={groupId} data-testid="ticket-assignee" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>{t('servicedesk.form.sections.content')}</Divider>
        <Form.Item name="title" label={t('servicedesk.common.title')} rules={[requiredRule(), zodRule(TicketCreateInput.shape.title)]}>
          <Input maxLength={200} showCount placeholder={t('servicedesk.form.titlePlaceholder')} data-testid="ticket-title-input" />
        </Form.Item>
        <Form.Item name="description" label={t('servicedesk.common.description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10_000} data-testid="ticket-description" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
