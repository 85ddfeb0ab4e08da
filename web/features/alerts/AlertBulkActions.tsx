import { App, Button, Flex, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import type { AlertAction } from './alerts.api.ts';
import { useAlertMutations } from './useAlerts.ts';

type Props = { ids: string[]; onDone: () => void };

/** 确认 / 解决 the selected alerts; resolving asks first, because a resolved alert cannot be reopened by hand. */
export function AlertBulkActions({ ids, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { act } = useAlertMutations();
  const run = (action: AlertAction) =>
    act.mutate(
      { action, input: { ids } },
      {
        onSuccess: (r) => {
          void message.success(t('alerts.bulk.done', { changed: r.changed, unchanged: r.unchanged }));
          onDone();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  const isDisabled = ids.length === 0;
  return (
    <Flex align="center" gap={8} data-testid="alert-bulk-actions">
      <Typography.Text type="secondary">{t('alerts.bulk.selected', { count: ids.length })}</Typography.Text>
      <Button icon={<CheckOutlined />} disabled={isDisabled} loading={act.isPending && act.variables.action === 'acknowledge'} onClick={() => run('acknowledge')} data-testid="alert-bulk-acknowledge">
        {t('alerts.actions.acknowledge')}
      </Button>
      <ConfirmButton
        disabled={isDisabled}
        confirm={t('alerts.bulk.confirmResolve', { count: ids.length })}
        description={t('alerts.actions.resolveHint')}
        onConfirm={() => run('resolve')}
        loading={act.isPending && act.variables.action === 'resolve'}
        data-testid="alert-bulk-resolve"
      >
        {t('alerts.actions.resolve')}
      </ConfirmButton>
    </Flex>
  );
}
