import { useState } from 'react';
import { App, Button, Card, Col, Row, Skeleton, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { OrganisationForm } from './OrganisationForm.tsx';
import { OrganisationTree } from './OrganisationTree.tsx';
import { useDeleteOrganisation, useOrganisations, useUpdateOrganisation } from './useOrganisations.ts';

/** 组织机构: the tree on the left, the selected organisation (or a new child) on the right. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const orgs = useOrganisations();
  const update = useUpdateOrganisation();
  const remove = useDeleteOrganisation();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState<'child' | 'root' | null>(null);
  const canManage = can(me, 'org.manage');

  if (orgs.isPending) return <Skeleton active />;
  if (orgs.isError) return <ErrorState title={t('organisations.title')} message={errorMessage(orgs.error)} retryLabel={t('common.retry')} onRetry={() => void orgs.refetch()} />;
  const selectedId = picked ?? scope.orgId ?? orgs.data[0]?.id;
  const selected = orgs.data.find((o) => o.id === selectedId);

  const onDone = (id?: string) => {
    setCreating(null);
    if (id) setPicked(id);
  };
  const toggleActive = () =>
    selected &&
    update.mutate(
      { id: selected.id, input: { isActive: !selected.isActive } },
      { onSuccess: () => message.success(t('common.saved')), onError: (e) => message.error(errorMessage(e)) },
    );
  const destroy = () =>
    selected &&
    remove.mutate(selected.id, {
      onSuccess: () => {
        message.success(t('common.deleted'));
        setPicked(selected.parentId ?? undefined);
      },
      onError: (e) => message.error(errorMessage(e)),
    });

  return (
    <>
      <PageHeader
        title={t('organisations.title')}
        subtitle={t('organisations.subtitle')}
        extra={
          canManage && (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setCreating('root')}>{t('organisations.createRoot')}</Button>
              <Button type="primary" icon={<PlusOutlined />} disabled={!selected} onClick={() => setCreating('child')} data-testid="org-create-child">
                {t('organisations.createChild')}
              </Button>
            </>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={9} xl={7}>
          <Card size="small">
            {orgs.data.length === 0 ? (
              <EmptyState description={t('organisations.empty')} />
            ) : (
              <OrganisationTree orgs={orgs.data} selectedId={selectedId} onSelect={(id) => { setPicked(id); setCreating(null); }} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={15} xl={17}>
          {creating ? (
            <Card title={creating === 'child' && selected ? t('organisations.newChildOf', { name: selected.name }) : t('organisations.createRoot')}>
              <OrganisationForm mode="create" parent={creating === 'child' ? (selected ?? null) : null} canEdit onSaved={(o) => onDone(o.id)} onCancel={() => onDone()} />
            </Card>
          ) : selected ? (
            <Card
              title={
                <Space>
                  {selected.name}
                  <Tag>{t(`organisations.kinds.${selected.kind}`)}</Tag>
                  {!selected.isActive && <Tag color="default">{t('common.inactive')}</Tag>}
                </Space>
              }
              extra={
                canManage && (
                  <Space>
                    <ConfirmButton confirm={selected.isActive ? t('organisations.confirmDeactivate') : t('organisations.confirmActivate')} onConfirm={toggleActive} loading={update.isPending}>
                      {selected.isActive ? t('organisations.deactivate') : t('organisations.activate')}
                    </ConfirmButton>
                    <ConfirmButton danger confirm={t('organisations.confirmDelete', { name: selected.name })} description={t('organisations.deleteHint')} onConfirm={destroy} loading={remove.isPending} data-testid="org-delete">
                      {t('common.delete')}
                    </ConfirmButton>
                  </Space>
                )
              }
            >
              <OrganisationForm mode="edit" org={selected} canEdit={canManage} onSaved={(o) => onDone(o.id)} />
            </Card>
          ) : (
            <Card>
              <EmptyState description={t('organisations.pickOne')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
