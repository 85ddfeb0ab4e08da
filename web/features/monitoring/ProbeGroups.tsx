import type { ReactNode } from 'react';
import { Badge, Collapse, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Probe } from '../../../shared/schemas/probes.ts';
import { groupBy, STATE_HEX, STATE_ORDER } from './monitoring-format.ts';

type Props = { probes: Probe[]; columns: TableColumnsType<Probe>; loading: boolean; empty: ReactNode };

/** How many of a group's probes are in each state that needs a look (down, unreachable, degraded). */
function GroupCounts({ probes }: { probes: Probe[] }) {
  const { t } = useTranslation();
  return (
    <Space size={12}>
      <Typography.Text type="secondary">{t('monitoring.probes.groupCount', { count: probes.length })}</Typography.Text>
      {STATE_ORDER.filter((s) => s === 'down' || s === 'unreachable' || s === 'degraded').map((s) => {
        const n = probes.filter((p) => p.state === s).length;
        return n > 0 ? <Badge key={s} color={STATE_HEX[s]} text={`${t(`monitoring.state.${s}`)} ${n}`} /> : null;
      })}
    </Space>
  );
}

/**
 * One page of probes grouped by organisation, each group a collapsible section with its own problem counts. A page
 * with a single organisation is shown as a plain table.
 */
export function ProbeGroups({ probes, columns, loading, empty }: Props) {
  const groups = groupBy(probes, (p) => p.orgId);
  const table = (items: Probe[], testId?: string) => (
    <Table<Probe>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      columns={columns}
      pagination={false}
      scroll={{ x: 1270 }}
      locale={{ emptyText: empty }}
      data-testid={testId}
    />
  );
  if (groups.length <= 1) return table(probes, 'probe-table');
  return (
    <Collapse
      defaultActiveKey={groups.map((g) => g.key)}
      data-testid="probe-table"
      items={groups.map((g) => ({
        key: g.key,
        label: <Typography.Text strong>{g.items[0]?.orgName}</Typography.Text>,
        extra: <GroupCounts probes={g.items} />,
        styles: { body: { padding: 0 } },
        children: table(g.items),
      }))}
    />
  );
}
