import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Row, Skeleton, Switch, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { LockoutPolicy, PasswordPolicy, SessionPolicy, type SecurityPolicy } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { applyFieldErrors } from '../../app/validation.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PolicyNumberField } from './PolicyNumberField.tsx';
import { fetchSecurityPolicy, saveSecurityPolicy, securityPolicyKey } from './security-policy.api.ts';

const pw = PasswordPolicy.shape;
const lock = LockoutPolicy.shape;
const ses = SessionPolicy.shape;

/** 安全策略 (安全管理员): password, lockout and session rules within the ranges 等保 三级 allows. */
export function SecurityPolicyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SecurityPolicy>();
  const policy = useQuery({ queryKey: securityPolicyKey, queryFn: fetchSecurityPolicy });
  const save = useMutation({
    mutationFn: saveSecurityPolicy,
    onSuccess: (saved) => {
      qc.setQueryData(securityPolicyKey, saved);
      message.success(t('common.saved'));
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    },
  });
  if (policy.isPending) return <Skeleton active />;
  if (policy.isError) return <ErrorState title={t('securityPolicy.title')} message={errorMessage(policy.error)} retryLabel={t('common.retry')} onRetry={() => void policy.refetch()} />;

  const minutes = t('units.minutes');
  return (
    <>
      <PageHeader title={t('securityPolicy.title')} subtitle={t('securityPolicy.subtitle')} />
      <Form<SecurityPolicy> form={form} layout="vertical" initialValues={policy.data} onFinish={(v) => save.mutate({ ...v, password: { ...v.password, forbidUsername: true } })}>
        <Row gutter={16}>
          <Col xs={24} xl={8}>
            <Card title={t('securityPolicy.password')} style={{ marginBottom: 16 }}>
              <PolicyNumberField name={['password', 'minLength']} label={t('securityPolicy.minLength')} schema={pw.minLength} unit={t('units.chars')} />
              <PolicyNumberField name={['password', 'adminMinLength']} label={t('securityPolicy.adminMinLength')} schema={pw.adminMinLength} unit={t('units.chars')} />
              <PolicyNumberField name={['password', 'minClasses']} label={t('securityPolicy.minClasses')} schema={pw.minClasses} unit={t('units.classes')} />
              <PolicyNumberField name={['password', 'historyCount']} label={t('securityPolicy.historyCount')} schema={pw.historyCount} unit={t('units.times')} />
              <PolicyNumberField name={['password', 'maxAgeDays']} label={t('securityPolicy.maxAgeDays')} schema={pw.maxAgeDays} unit={t('units.days')} />
              <Form.Item label={t('securityPolicy.forbidUsername')}>
                <Tooltip title={t('securityPolicy.alwaysOn')}>
                  <Switch checked disabled />
                </Tooltip>
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('securityPolicy.lockout')} style={{ marginBottom: 16 }}>
              <PolicyNumberField name={['lockout', 'maxFailures']} label={t('securityPolicy.maxFailures')} schema={lock.maxFailures} unit={t('units.times')} />
              <PolicyNumberField name={['lockout', 'lockMinutes']} label={t('securityPolicy.lockMinutes')} schema={lock.lockMinutes} unit={minutes} />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('securityPolicy.session')} style={{ marginBottom: 16 }}>
              <PolicyNumberField name={['session', 'adminIdleMinutes']} label={t('securityPolicy.adminIdleMinutes')} schema={ses.adminIdleMinutes} unit={minutes} />
              <PolicyNumberField name={['session', 'userIdleMinutes']} label={t('securityPolicy.userIdleMinutes')} schema={ses.userIdleMinutes} unit={minutes} />
              <PolicyNumberField name={['session', 'absoluteHours']} label={t('securityPolicy.absoluteHours')} schema={ses.absoluteHours} unit={t('units.hours')} />
              <Form.Item name={['session', 'totpRequiredForAll']} label={t('securityPolicy.totpRequiredForAll')} valuePropName="checked" extra={t('securityPolicy.totpHint')}>
                <Switch />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}
