import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { BellOutlined, CheckOutlined, CommentOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AlertCommentInput, type Alert } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { withTestId } from '../../ui/test-id.ts';
import { matchersFromLabels } from './alert-format.ts';
import type { AlertAction } from './alerts.api.ts';
import { SilenceFormModal } from './SilenceFormModal.tsx';
import { useAlertMutations } from './useAlerts.ts';

/** 确认 / 取消确认 / 解决 / 评论 (alert.respond) and 静默此告警 (alert.manage) on the alert page. */
export function AlertActions({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canRespond = can(me, 'alert.respond');
  const canManage = can(me, 'alert.manage');
  const { act, comment } = useAlertMutations();
  const [isCommenting, setCommenting] = useState(false);
  const [isSilencing, setSilencing] = useState(false);
  const [form] = Form.useForm<{ text: string }>();
  const preset = useMemo(() => ({ orgId: alert.orgId, matchers: matchersFromLabels(alert.labels), reason: alert.title.slice(0, 500) }), [alert.orgId, alert.labels, alert.title]);

  const run = (action: AlertAction, done: string) =>
    act.mutate({ action, input: { ids: [alert.id] } }, { onSuccess: () => void message.success(done), onError: (e) => void message.error(errorMessage(e)) });
  const isBusy = (action: AlertAction) => act.isPending && act.variables.action === action;
  const isOpen = alert.status !== 'resolved';

  return (
    <>
      {canRespond && alert.status === 'firing' && (
        <Button type="primary" icon={<CheckOutlined />} loading={isBusy('acknowledge')} onClick={() => run('acknowledge', t('alerts.actions.acknowledged'))} data-testid="alert-acknowledge">
          {t('alerts.actions.acknowledge')}
        </Button>
      )}
      {canRespond && alert.status === 'acknowledged' && (
        <Button icon={<UndoOutlined />} loading={isBusy('unacknowledge')} onClick={() => run('unacknowledge', t('alerts.actions.unacknowledged'))} data-testid="alert-unacknowledge">
          {t('alerts.actions.unacknowledge')}
        </Button>
      )}
      {canRespond && isOpen && (
        <ConfirmButton
          confirm={t('alerts.actions.confirmResolve')}
          description={t('alerts.actions.resolveHint')}
          onConfirm={() => run('resolve', t('alerts.actions.resolved'))}
          loading={isBusy('resolve')}
          data-testid="alert-resolve"
        >
          {t('alerts.actions.resolve')}
        </ConfirmButton>
      )}
      {canRespond && (
        <Button icon={<CommentOutlined />} onClick={() => { form.resetFields(); setCommenting(true); }} data-testid="alert-comment">
          {t('alerts.actions.comment')}
        </Button>
      )}
      {canManage && isOpen && (
        <Button icon={<BellOutlined />} onClick={() => setSilencing(true)} data-testid="alert-silence">
          {t('alerts.actions.silence')}
        </Button>
      )}
      <Modal
        open={isCommenting}
        title={t('alerts.actions.commentTitle')}
        onCancel={() => setCommenting(false)}
        onOk={() => form.submit()}
        okButtonProps={withTestId({ loading: comment.isPending }, 'alert-comment-save')}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            comment.mutate(
              { id: alert.id, text: v.text.trim() },
              {
                onSuccess: () => {
                  void message.success(t('alerts.actions.commented'));
                  setCommenting(false);
                },
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
        >
          <Form.Item name="text" rules={[requiredRule(), zodRule(AlertCommentInput.shape.text)]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount placeholder={t('alerts.actions.commentPlaceholder')} data-testid="alert-comment-text" />
          </Form.Item>
        </Form>
      </Modal>
      <SilenceFormModal open={isSilencing} onClose={() => setSilencing(false)} preset={preset} />
    </>
  );
}
