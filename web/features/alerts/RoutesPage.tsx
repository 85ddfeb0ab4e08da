import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AlertRoute } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { formatMatcher } from './alert-format.ts';
import { SeverityTag } from './AlertTags.tsx';
import { RouteFormDrawer } from './RouteFormDrawer.tsx';
import { RouteTestPanel } from './RouteTestPanel.tsx';
import { PICKER_PAGE, useEscalationPolicies, useRouteMutations, useRoutes } from './useAlertConfig.ts';
import { useChannels } from './useChannels.ts';

/** Routes in the order they are tried; the first match wins unless it says 继续匹配. */
const byPosition = (a: AlertRoute, b: AlertRoute) => a.position - b.position || a.name.localeCompare(b.name);

/** 告警路由: the ordered routes with their conditions and actions, reorder, enable, edit, delete; and the route tester. */
export function RoutesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'alert.manage');
  const scope = useOrgScope();
  const routes = useRoutes({ orgId: scope.orgId, ...PICKER_PAGE });
  const channels = useChannels(PICKER_PAGE);
  const policies = useEscalationPolicies(PICKER_PAGE);
  const { update, remove } = useRouteMutations();
  const [editing, setEditing] = useState<AlertRoute | null>(null);
  const [isCreating, setCreating] = useState(false);
  const [isMoving, setMoving] = useState(false);
  const items = useMemo(() => [...(routes.data?.items ?? [])].sort(byPosition), [routes.data]);
  const channelName = useMemo(() => new Map((channels.data?.items ?? []).map((c) => [c.id, c.name])), [channels.data]);
  const policyName = useMemo(() => new Map((policies.data?.items ?? []).map((p) => [p.id, p.name])), [policies.data]);
  const nextPosition = (items.at(-1)?.position ?? 0) + 10;

  /** Swaps a route with its neighbour; equal positions are split so the order really changes. */
  const move = async (index: number, delta: -1 | 1) => {
    const a = items[index];
    const b = items[index + delta];
    if (!a || !b) return;
    const aPos = a.position === b.position ? Math.max(0, b.position + delta) : b.position;
    setMoving(true);
    try {
      await update.mutateAsync({ id: a.id, input: { position: aPos } });
      if (a.position !== b.position) await update.mutateAsync({ id: b.id, input: { position: a.position } });
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setMoving(false);
    }
  };

  const conditions = (r: AlertRoute) => {
    const c = r.conditions;
    const parts: React.ReactNode[] = [];
    if (c.severities.length) parts.push(<Space key="sev" size={2}>{c.severities.map((s) => <SeverityTag key={s} severity={s} />)}</Space>);
    if (c.sources.length) parts.push(<Tag key="src">{c.sources.map((s) => t(`alerts.source.${s}`)).join(t('common.listSeparator'))}</Tag>);
    if (c.assetKinds.length) parts.push(<Tag key="kinds">{t('alerts.routes.kindsCount', { count: c.assetKinds.length })}</Tag>);
    if (c.coreOnly) parts.push(<Tag key="core" color="purple">{t('alerts.routes.fields.coreOnly')}</Tag>);
    if (c.time !== 'any') parts.push(<Tag key="time" color="cyan">{t(`alerts.routes.time.${c.time}`)}</Tag>);
    c.matchers.forEach((m, i) => parts.push(<Tag key={`m${i}`} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{formatMatcher(m)}</Tag>));
    if (!c.includeSubOrgs) parts.push(<Tag key="own">{t('alerts.routes.ownOrgOnly')}</Tag>);
    return parts.length ? <Space size={[4, 4]} wrap>{parts}</Space> : <Typography.Text type="secondary">{t('alerts.routes.matchesAll')}</Typography.Text>;
  };

  return (
    <>
      <PageHeader
        title={t('alerts.routes.title')}
        subtitle={t('alerts.routes.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="route-create">{t('alerts.routes.create')}</Button>}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          {routes.isError && <ErrorState title={t('alerts.routes.title')} message={errorMessage(routes.error)} retryLabel={t('common.retry')} onRetry={() => void routes.refetch()} />}
          <Table<AlertRoute>
            rowKey="id"
            loading={(routes.isFetching && !routes.data) || isMoving}
            dataSource={items}
            pagination={false}
            scroll={{ x: 1200 }}
            locale={{ emptyText: routes.isError ? ' ' : <EmptyState description={t('alerts.routes.empty')} action={canManage && <Button onClick={() => setCreating(true)}>{t('alerts.routes.create')}</Button>} /> }}
            columns={[
              { title: t('alerts.routes.fields.position'), width: 70, render: (_, r) => r.position },
              {
                title: t('alerts.common.name'),
                width: 200,
                render: (_, r) => (
                  <Flex vertical gap={2}>
                    <span data-testid={`route-row-${r.name}`}>{r.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName}</Typography.Text>
                  </Flex>
                ),
              },
              { title: t('alerts.routes.sections.conditions'), width: 320, render: (_, r) => conditions(r) },
              {
                title: t('alerts.routes.fields.channels'),
                width: 200,
                render: (_, r) => (r.channelIds.length ? r.channelIds.map((id) => channelName.get(id) ?? id).join(t('common.listSeparator')) : '—'),
              },
              { title: t('alerts.routes.fields.escalationPolicy'), width: 150, render: (_, r) => (r.escalationPolicyId ? (policyName.get(r.escalationPolicyId) ?? r.escalationPolicyId) : '—') },
              {
                title: t('alerts.routes.flags'),
                width: 150,
                render: (_, r) => (
                  <Space size={[4, 4]} wrap>
                    {r.isContinue && <Tooltip title={t('alerts.routes.continueHint')}><Tag color="geekblue">{t('alerts.routes.fields.isContinue')}</Tag></Tooltip>}
                    {r.notifyResolved && <Tag>{t('alerts.routes.fields.notifyResolved')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('alerts.common.enabled'),
                width: 80,
                render: (_, r) => (
                  <Switch
                    size="small"
                    checked={r.isEnabled}
                    disabled={!canManage}
                    loading={update.isPending && update.variables.id === r.id && update.variables.input.isEnabled !== undefined}
                    onChange={(on) => update.mutate({ id: r.id, input: { isEnabled: on } }, { onError: (e) => void message.error(errorMessage(e)) })}
                    data-testid="route-toggle"
                  />
                ),
              },
              ...(canManage
                ? [
                    {
                      title: t('common.actions'),
                      width: 200,
                      fixed: 'right' as const,
                      render: (_: unknown, r: AlertRoute, index: number) => (
                        <Space size={0}>
                          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0 || isMoving} aria-label={t('alerts.routes.moveUp')} onClick={() => void move(index, -1)} data-testid="route-up" />
                          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === items.length - 1 || isMoving} aria-label={t('alerts.routes.moveDown')} onClick={() => void move(index, 1)} data-testid="route-down" />
                          <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="route-edit">{t('common.edit')}</Button>
                          <ConfirmButton
                            size="small"
                            type="link"
                            danger
                            confirm={t('alerts.routes.confirmDelete', { name: r.name })}
                            onConfirm={() => remove.mutate(r.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
                            data-testid="route-delete"
                          >
                            {t('common.delete')}
                          </ConfirmButton>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
            data-testid="route-table"
          />
        </Card>
        <RouteTestPanel />
      </Space>
      <RouteFormDrawer open={isCreating || editing !== null} route={editing} nextPosition={nextPosition} onClose={() => { setEditing(null); setCreating(false); }} />
    </>
  );
}
