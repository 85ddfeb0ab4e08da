import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditPolicy } from '../../../shared/schemas/audit.ts';
import { errorMessage } from '../../app/api.ts';
import { applyFieldErrors } from '../../app/validation.ts';
import { auditPolicyKey, fetchAuditPolicy, saveAuditPolicy } from './audit.api.ts';

const retention = AuditPolicy.shape.retentionDays;

/** 日志保留: 等保 asks for at least 180 days (网络安全法 第二十一条: 不少于六个月). */
export function AuditPolicyCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AuditPolicy>();
  const policy = useQuery({ queryKey: auditPolicyKey, queryFn: fetchAuditPolicy });
  const save = useMutation({
    mutationFn: saveAuditPolicy,
    onSuccess: (saved) => {
      qc.setQueryData(auditPolicyKey, saved);
      message.success(t('common.saved'));
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    },
  });
  const min = retention.minValue ?? 180;
  const max = retention.maxValue ?? undefined;
  return (
    <Card title={t('audit.policy.title')} size="small" style={{ marginTop: 16 }}>
      {policy.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : policy.isError ? (
        errorMessage(policy.error)
      ) : (
        <Form<AuditPolicy> form={form} layout="inline" initialValues={policy.data} onFinish={(v) => save.mutate(v)}>
          <Form.Item
            name="retentionDays"
            label={t('audit.policy.retentionDays')}
            rules={[{ required: true, type: 'number', min, max, message: t('audit.policy.range', { min, max }) }]}
            extra={t('audit.policy.hint', { min })}
          >
            <InputNumber min={min} max={max} precision={0} suffix={t('units.days')} style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
