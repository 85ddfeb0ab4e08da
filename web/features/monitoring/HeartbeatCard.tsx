import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Probe } from '../../../shared/schemas/probes.ts';
import { heartbeatUrl } from './monitoring-format.ts';

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };

/** 心跳地址: the URL a backup script or batch job calls when it runs, with curl lines to paste into the job. */
export function HeartbeatCard({ probe }: { probe: Probe }) {
  const { t } = useTranslation();
  if (!probe.heartbeatPath) return null;
  const url = heartbeatUrl(window.location.origin, probe.heartbeatPath);
  const curl = [`curl -fsS -m 10 "${url}?status=up&msg=ok"`, `curl -fsS -m 10 "${url}?status=down&msg=backup%20failed"`].join('\n');
  return (
    <Card size="small" title={t('monitoring.detail.heartbeat')} data-testid="probe-heartbeat-card">
      <Alert type="info" showIcon title={t('monitoring.detail.heartbeatHint')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: url, tooltips: [t('common.copy'), t('common.copied')] }} style={MONO} data-testid="probe-heartbeat-url">
        {url}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('monitoring.detail.curlExample')}</Typography.Text>
      <Typography.Paragraph copyable={{ text: curl, tooltips: [t('common.copy'), t('common.copied')] }} style={{ marginTop: 4 }}>
        <pre style={{ ...MONO, margin: 0, padding: 12, background: 'rgba(0,0,0,0.03)', borderRadius: 6, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{curl}</pre>
      </Typography.Paragraph>
    </Card>
  );
}
