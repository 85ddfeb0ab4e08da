import { useMemo, useState } from 'react';
import { App, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Location, LocationKind } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { useOrganisations } from '../organisations/useOrganisations.ts';
import { buildLocationTree, CHILD_LOCATION_KINDS, type LocationNode } from './location-tree.ts';
import { LocationFormModal, type LocationEdit } from './LocationFormModal.tsx';
import { useLocationMutations, useLocations } from './useCatalog.ts';

type Row = { key: string; location: Location; children?: Row[] };
const KIND_COLOR: Record<LocationKind, string> = { site: 'geekblue', building: 'blue', floor: 'cyan', room: 'green', rack: 'orange' };
const toRows = (nodes: LocationNode[]): Row[] => nodes.map((n) => ({ key: n.key, location: n.location, ...(n.children.length ? { children: toRows(n.children) } : {}) }));

/** 位置: 院区 → 楼宇 → 楼层 → 房间 → 机柜, as a tree table for the header's organisation scope. */
export function LocationsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { orgId } = useOrgScope();
  const locations = useLocations(orgId);
  const orgs = useOrganisations(can(me, 'org.read'));
  const { remove } = useLocationMutations();
  const [edit, setEdit] = useState<LocationEdit | null>(null);
  const canManage = can(me, 'asset.manage');
  const rows = useMemo(() => toRows(buildLocationTree(locations.data ?? [])), [locations.data]);
  const orgName = (id: string) => orgs.data?.find((o) => o.id === id)?.name ?? '—';

  return (
    <>
      {canManage && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ mode: 'create', parent: null, orgId })} data-testid="location-create">
            {t('assetCatalog.locations.create')}
          </Button>
        </Flex>
      )}
      {locations.isError && <ErrorState title={t('assetCatalog.tabs.locations')} message={errorMessage(locations.error)} retryLabel={t('common.retry')} onRetry={() => void locations.refetch()} />}
      <Table<Row>
        key={rows.length /* expand all again once loaded */}
        size="small"
        loading={locations.isPending}
        dataSource={rows}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        locale={{ emptyText: <EmptyState description={t('assetCatalog.locations.empty')} /> }}
        columns={[
          {
            title: t('assetCatalog.locations.fields.name'),
            render: (_, r) => (
              <Space>
                <Tag color={KIND_COLOR[r.location.kind]}>{t(`assetCatalog.locations.kinds.${r.location.kind}`)}</Tag>
                <span data-testid={`location-${r.location.name}`}>{r.location.name}</span>
                {r.location.code && <Typography.Text type="secondary" code>{r.location.code}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('assetCatalog.locations.fields.rackUnits'), width: 120, render: (_, r) => (r.location.rackUnits ? `${r.location.rackUnits} U` : '') },
          { title: t('assetCatalog.locations.fields.org'), width: 180, render: (_, r) => orgName(r.location.orgId) },
          { title: t('assetCatalog.locations.fields.notes'), ellipsis: true, render: (_, r) => r.location.notes ?? '' },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  width: 210,
                  render: (_: unknown, r: Row) => (
                    <Space size={0}>
                      {CHILD_LOCATION_KINDS[r.location.kind].length > 0 && (
                        <Button size="small" type="link" onClick={() => setEdit({ mode: 'create', parent: r.location })}>{t('assetCatalog.locations.createChild')}</Button>
                      )}
                      <Button size="small" type="link" onClick={() => setEdit({ mode: 'edit', location: r.location })}>{t('common.edit')}</Button>
                      <ConfirmButton
                        size="small"
                        type="link"
                        danger
                        confirm={t('assetCatalog.locations.confirmDelete', { name: r.location.name })}
                        description={t('assetCatalog.locations.deleteHint')}
                        onConfirm={() => remove.mutate(r.location.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
                      >
                        {t('common.delete')}
                      </ConfirmButton>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LocationFormModal edit={edit} onClose={() => setEdit(null)} />
    </>
  );
}
