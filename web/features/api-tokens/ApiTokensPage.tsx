import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Modal, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { CopyableSecret } from '../../ui/CopyableSecret.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useOrganisations } from '../organisations/useOrganisations.ts';
import { PermissionGroups } from '../roles/PermissionGroups.tsx';
import { ApiTokenFormModal } from './ApiTokenFormModal.tsx';
import { apiTokensKey, listApiTokens, revokeApiToken, type ApiTokenCreatedResult } from './api-tokens.api.ts';

/** API 令牌 (系统管理员): tokens for integrations; the secret is shown once at creation. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: apiTokensKey, queryFn: listApiTokens });
  const orgs = useOrganisations();
  const revoke = useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => {
      message.success(t('apiTokens.revoked'));
      void qc.invalidateQueries({ queryKey: apiTokensKey });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const [isCreating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreatedResult | null>(null);
  const orgName = (id: string) => orgs.data?.find((o) => o.id === id)?.name ?? id.slice(0, 8);

  return (
    <>
      <PageHeader
        title={t('apiTokens.title')}
        subtitle={t('apiTokens.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('apiTokens.create')}</Button>}
      />
      {tokens.isError && <ErrorState title={t('apiTokens.title')} message={errorMessage(tokens.error)} retryLabel={t('common.retry')} onRetry={() => void tokens.refetch()} />}
      <Card>
        <Table<ApiToken>
          rowKey="id"
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <EmptyState description={t('apiTokens.empty')} action={<Button onClick={() => setCreating(true)}>{t('apiTokens.create')}</Button>} /> }}
          columns={[
            { title: t('apiTokens.fields.name'), width: 220, render: (_, k) => <>{k.name}<br /><Typography.Text type="secondary" code>{k.prefix}…</Typography.Text></> },
            { title: t('apiTokens.fields.org'), render: (_, k) => orgName(k.orgId) },
            { title: t('apiTokens.fields.orgIds'), render: (_, k) => k.orgIds.map((o) => <Tag key={o}>{orgName(o)}</Tag>) },
            { title: t('apiTokens.fields.permissions'), render: (_, k) => <PermissionGroups permissions={k.permissions} /> },
            { title: t('apiTokens.fields.createdAt'), width: 170, render: (_, k) => formatDateTime(k.createdAt) },
            { title: t('apiTokens.fields.expiresAt'), width: 170, render: (_, k) => formatDateTime(k.expiresAt) },
            { title: t('apiTokens.fields.lastUsedAt'), width: 170, render: (_, k) => formatDateTime(k.lastUsedAt) },
            {
              title: t('common.status'),
              width: 140,
              fixed: 'right',
              render: (_, k) =>
                k.revokedAt ? (
                  <Tag>{t('apiTokens.revokedAt', { at: formatDateTime(k.revokedAt) })}</Tag>
                ) : (
                  <ConfirmButton size="small" danger confirm={t('apiTokens.confirmRevoke', { name: k.name })} description={t('apiTokens.revokeHint')} onConfirm={() => revoke.mutate(k.id)}>
                    {t('apiTokens.revoke')}
                  </ConfirmButton>
                ),
            },
          ]}
        />
      </Card>
      <ApiTokenFormModal open={isCreating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <Modal open={created !== null} title={t('apiTokens.secretTitle')} mask={{ closable: false }} onCancel={() => setCreated(null)} footer={<Button type="primary" onClick={() => setCreated(null)}>{t('common.done')}</Button>}>
        {created && (
          <>
            <Alert type="warning" showIcon title={t('apiTokens.secretHint')} style={{ marginBottom: 12 }} />
            <CopyableSecret value={created.secret} copyLabel={t('common.copy')} copiedLabel={t('common.copied')} data-testid="token-secret" />
          </>
        )}
      </Modal>
    </>
  );
}
