import { Link } from 'react-router';
import { Alert, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertIntegration } from '../../../shared/schemas/alerts.ts';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { absoluteUrl, curlCommand, samplePayload } from './alert-format.ts';

const CODE: React.CSSProperties = {
  margin: 0,
  padding: '10px 12px',
  background: 'rgba(0,0,0,0.04)',
  borderRadius: 6,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
};

/** A copyable block of code or configuration. */
function CodeBlock({ text, testId }: { text: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4}>
      <pre style={CODE} data-testid={testId}>{text}</pre>
      <Typography.Text copyable={{ text, tooltips: [t('common.copy'), t('common.copied')] }} type="secondary" style={{ fontSize: 12 }}>
        {t('common.copy')}
      </Typography.Text>
    </Flex>
  );
}

/** How another system sends alerts here: the full URL, the API token it needs, a config snippet and a curl test. */
export function IntegrationGuide({ integration }: { integration: AlertIntegration }) {
  const { t } = useTranslation();
  const me = useMe();
  const url = absoluteUrl(window.location.origin, integration.endpoint);
  const token = t('alerts.integrations.guide.tokenPlaceholder');
  const mapping = integration.config.kind === 'webhook' ? integration.config.options : undefined;
  const curl = curlCommand(url, samplePayload(integration.kind, mapping), token);
  const alertmanagerYaml = [
    'receivers:',
    '  - name: yiwei',
    '    webhook_configs:',
    `      - url: '${url}'`,
    '        send_resolved: true',
    '        http_config:',
    '          authorization:',
    `            credentials: '${token}'`,
  ].join('\n');

  return (
    <Flex vertical gap={16} data-testid="integration-guide">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'url',
            label: t('alerts.integrations.guide.endpoint'),
            children: <Typography.Text code copyable={{ text: url }} data-testid="integration-endpoint">{url}</Typography.Text>,
          },
          { key: 'method', label: t('alerts.integrations.guide.method'), children: `POST · application/json · Authorization: Bearer ${token}` },
          {
            key: 'received',
            label: t('alerts.integrations.columns.received'),
            children: integration.lastReceivedAt ? t('alerts.integrations.receivedText', { count: integration.receivedCount, time: formatDateTime(integration.lastReceivedAt) }) : t('alerts.integrations.neverReceived'),
          },
        ]}
      />
      <Alert
        type="info"
        showIcon
        title={t('alerts.integrations.guide.tokenTitle')}
        description={
          <>
            {t('alerts.integrations.guide.tokenText')}{' '}
            {can(me, 'token.manage') ? <Link to="/api-tokens">{t('alerts.integrations.guide.tokenLink')}</Link> : t('alerts.integrations.guide.tokenAskAdmin')}
          </>
        }
      />
      {integration.kind === 'alertmanager' && (
        <div>
          <Typography.Title level={5}>{t('alerts.integrations.guide.alertmanagerTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('alerts.integrations.guide.alertmanagerText')}</Typography.Paragraph>
          <CodeBlock text={alertmanagerYaml} testId="integration-alertmanager-yaml" />
        </div>
      )}
      {integration.kind === 'zabbix' && (
        <div data-testid="integration-zabbix-guide">
          <Typography.Title level={5}>{t('alerts.integrations.guide.zabbixTitle')}</Typography.Title>
          <ol style={{ paddingInlineStart: 20, margin: 0 }}>
            <li>
              {t('alerts.integrations.guide.zabbixStep1')} <Typography.Text code>integrations/zabbix/yiwei-media-type.yaml</Typography.Text>
              {t('alerts.integrations.guide.zabbixStep1b')}
            </li>
            <li>
              {t('alerts.integrations.guide.zabbixStep2')} <Typography.Text code copyable={{ text: url }}>{url}</Typography.Text>
            </li>
            <li>{t('alerts.integrations.guide.zabbixStep3')}</li>
            <li>{t('alerts.integrations.guide.zabbixStep4')}</li>
          </ol>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('alerts.integrations.guide.zabbixReadme')} <Typography.Text code>integrations/zabbix/README.md</Typography.Text>
          </Typography.Paragraph>
        </div>
      )}
      {integration.kind === 'webhook' && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('alerts.integrations.guide.webhookText')}</Typography.Paragraph>
      )}
      <div>
        <Typography.Title level={5}>{t('alerts.integrations.guide.curlTitle')}</Typography.Title>
        <CodeBlock text={curl} testId="integration-curl" />
      </div>
    </Flex>
  );
}
