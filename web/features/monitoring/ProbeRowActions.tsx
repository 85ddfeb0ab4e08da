import { App, Button, Space } from 'antd';
import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Probe } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { useProbeMutations } from './useProbes.ts';

type Props = { probe: Probe; size?: 'small' | 'middle'; onDeleted?: () => void };

/** Pause / resume and delete (with confirmation) of one probe. */
export function ProbeRowActions({ probe, size = 'small', onDeleted }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { setPaused, remove } = useProbeMutations();
  const toggle = () =>
    setPaused.mutate(
      { id: probe.id, isPaused: !probe.isPaused },
      {
        onSuccess: () => void message.success(t(probe.isPaused ? 'monitoring.probes.resumed' : 'monitoring.probes.paused')),
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  const destroy = () =>
    remove.mutate(probe.id, {
      onSuccess: () => {
        void message.success(t('common.deleted'));
        onDeleted?.();
      },
      onError: (e) => void message.error(errorMessage(e)),
    });
  return (
    <Space size={4}>
      <Button
        size={size}
        type={size === 'small' ? 'link' : 'default'}
        icon={probe.isPaused ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
        loading={setPaused.isPending}
        onClick={toggle}
        data-testid={probe.isPaused ? 'probe-resume' : 'probe-pause'}
      >
        {t(probe.isPaused ? 'monitoring.probes.resume' : 'monitoring.probes.pause')}
      </Button>
      <ConfirmButton
        size={size}
        type={size === 'small' ? 'link' : 'default'}
        danger
        confirm={t('monitoring.probes.confirmDelete', { name: probe.name })}
        description={t('monitoring.probes.deleteHint')}
        onConfirm={destroy}
        loading={remove.isPending}
        data-testid="probe-delete"
      >
        {t('common.delete')}
      </ConfirmButton>
    </Space>
  );
}
