import { App, Alert, Button, Modal, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MaintenanceContract } from '../../../shared/schemas/assets.ts';
import type { SlaPolicyRecord } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { useContracts } from '../assets/useCatalog.ts';
import { useContractPolicy, useSlaPolicyMutations } from './useSlaPolicies.ts';

/** One contract's attachment: its current policy and the button to attach this one or detach it. */
function AttachCell({ contract, policy }: { contract: MaintenanceContract; policy: SlaPolicyRecord }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const current = useContractPolicy(contract.id);
  const { attach } = useSlaPolicyMutations();
  if (current.isPending) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  if (current.isError) return <Typography.Text type="danger">{errorMessage(current.error)}</Typography.Text>;
  const isThis = current.data.policyId === policy.id;
  const run = (policyId: string | null, done: string) =>
    attach.mutate({ contractId: contract.id, policyId }, { onSuccess: () => void message.success(done), onError: (e) => void message.error(errorMessage(e)) });
  if (isThis) {
    return (
      <ConfirmButton size="small" danger confirm={t('servicedesk.contracts.confirmDetach', { code: contract.code })} description={t('servicedesk.contracts.detachHint')} onConfirm={() => run(null, t('servicedesk.contracts.detached'))} loading={attach.isPending} data-testid="contract-detach">
        {t('servicedesk.contracts.detach')}
      </ConfirmButton>
    );
  }
  const attached = t('servicedesk.contracts.attached');
  // replacing another policy's attachment asks first
  if (current.data.policyId) {
    return (
      <ConfirmButton size="small" type="primary" confirm={t('servicedesk.contracts.confirmReplace', { code: contract.code, name: current.data.policyName ?? '' })} onConfirm={() => run(policy.id, attached)} loading={attach.isPending} data-testid="contract-attach">
        {t('servicedesk.contracts.attach')}
      </ConfirmButton>
    );
  }
  return (
    <Button size="small" type="primary" loading={attach.isPending} onClick={() => run(policy.id, attached)} data-testid="contract-attach">
      {t('servicedesk.contracts.attach')}
    </Button>
  );
}

function CurrentPolicy({ contractId, policyId }: { contractId: string; policyId: string }) {
  const { t } = useTranslation();
  const current = useContractPolicy(contractId);
  if (!current.data?.policyId) return <Typography.Text type="secondary">{t('servicedesk.contracts.none')}</Typography.Text>;
  return <Tag color={current.data.policyId === policyId ? 'green' : 'default'}>{current.data.policyName}</Tag>;
}

/**
 * 关联合同: the maintenance contracts of the policy's organisation (from the asset ledger) and which SLA policy each
 * carries; attach this policy or detach it. Tickets opened later about the contract's assets get it.
 */
export function ContractPolicyModal({ policy, onClose }: { policy: SlaPolicyRecord | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const canReadContracts = can(me, 'asset.read');
  const contracts = useContracts(policy?.orgId, Boolean(policy) && canReadContracts);
  return (
    <Modal open={policy !== null} width={880} title={policy ? t('servicedesk.contracts.title', { name: policy.policy.name }) : ''} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.done')}</Button>}>
      <Typography.Paragraph type="secondary">{t('servicedesk.contracts.hint')}</Typography.Paragraph>
      {!canReadContracts ? (
        <Alert type="warning" showIcon title={t('servicedesk.contracts.noPermission')} />
      ) : (
        <>
          {contracts.isError && <ErrorState title={t('servicedesk.contracts.titleShort')} message={errorMessage(contracts.error)} retryLabel={t('common.retry')} onRetry={() => void contracts.refetch()} />}
          <Table<MaintenanceContract>
            size="small"
            rowKey="id"
            loading={contracts.isPending && contracts.isFetching}
            dataSource={contracts.data ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyState description={t('servicedesk.contracts.empty')} /> }}
            columns={[
              { title: t('servicedesk.contracts.code'), render: (_, c) => <Typography.Text code>{c.code}</Typography.Text> },
              { title: t('servicedesk.contracts.name'), render: (_, c) => c.name },
              { title: t('servicedesk.contracts.vendor'), render: (_, c) => c.vendorName ?? '—' },
              { title: t('servicedesk.contracts.term'), render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
              { title: t('servicedesk.contracts.assets'), align: 'right', render: (_, c) => c.assetCount },
              { title: t('servicedesk.contracts.current'), render: (_, c) => (policy ? <CurrentPolicy contractId={c.id} policyId={policy.id} /> : null) },
              { title: t('common.actions'), render: (_, c) => (policy ? <AttachCell contract={c} policy={policy} /> : null) },
            ]}
            data-testid="contract-table"
          />
        </>
      )}
    </Modal>
  );
}
