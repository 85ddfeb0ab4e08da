import { Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../shared/schemas/audit.ts';
import { formatDateTime } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { roleLabel } from '../roles/role-label.ts';
import type { AuditPage } from './audit.api.ts';

type Props = {
  data: AuditPage | undefined;
  isLoading: boolean;
  onPage: (page: number, pageSize: number) => void;
};

const RISK_COLOR = { low: 'default', medium: 'orange', high: 'red' } as const;

/** One row per audit event; expanding a row shows where it came from and its before/after detail. */
export function AuditEventTable({ data, isLoading, onPage }: Props) {
  const { t } = useTranslation();
  return (
    <Table<AuditEvent>
      rowKey="id"
      size="middle"
      loading={isLoading}
      dataSource={data?.items ?? []}
      scroll={{ x: 1100 }}
      locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 50,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (total) => t('common.total', { total }),
        onChange: onPage,
      }}
      expandable={{
        expandedRowRender: (e) => (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('audit.fields.seq')}>{e.seq}</Descriptions.Item>
            <Descriptions.Item label={t('audit.fields.userAgent')}>{e.userAgent ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.fields.requestId')}>{e.requestId ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.fields.sessionRef')}>{e.sessionRef ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.fields.reason')}>{e.reason ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.fields.detail')}>
              <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12 }} data-testid="audit-detail">
                {JSON.stringify(e.detail, null, 2)}
              </pre>
            </Descriptions.Item>
          </Descriptions>
        ),
      }}
      columns={[
        { title: t('audit.fields.occurredAt'), width: 170, render: (_, e) => formatDateTime(e.occurredAt) },
        { title: t('audit.fields.actor'), width: 130, render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> },
        {
          title: t('audit.fields.roles'),
          width: 150,
          render: (_, e) => e.actorRoles.map((r) => <Tag key={r}>{roleLabel(t, { key: r, name: r })}</Tag>),
        },
        { title: t('audit.fields.ip'), width: 130, dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
        {
          title: t('audit.fields.event'),
          width: 230,
          render: (_, e) => (
            <span data-testid="audit-event">
              <Typography.Text code>{e.eventType}</Typography.Text> {e.action}
            </span>
          ),
        },
        {
          title: t('audit.fields.object'),
          width: 260,
          render: (_, e) =>
            e.objectType || e.objectId ? (
              <Typography.Text style={{ fontSize: 12 }} data-testid="audit-object">
                {e.objectType}
                {e.objectId ? ` · ${e.objectId}` : ''}
              </Typography.Text>
            ) : (
              '—'
            ),
        },
        {
          title: t('audit.fields.result'),
          width: 80,
          render: (_, e) => <Tag color={e.result === 'success' ? 'green' : 'red'}>{t(`audit.result.${e.result}`)}</Tag>,
        },
        { title: t('audit.fields.risk'), width: 80, render: (_, e) => <Tag color={RISK_COLOR[e.riskLevel]}>{t(`audit.risk.${e.riskLevel}`)}</Tag> },
      ]}
    />
  );
}
