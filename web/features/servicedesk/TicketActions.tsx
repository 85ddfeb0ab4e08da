import { useState, type ReactNode } from 'react';
import { App, Button, Flex } from 'antd';
import {
  CaretRightOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  EnvironmentOutlined,
  MergeCellsOutlined,
  PauseCircleOutlined,
  PhoneOutlined,
  PlayCircleOutlined,
  RiseOutlined,
  SwapOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TicketListItem } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { allowedSteps } from './desk-format.ts';
import { isFormStep, type FormStep } from './step-values.ts';
import type { TicketStep } from './tickets.api.ts';
import { TicketStepModal } from './TicketStepModal.tsx';
import { useTicketMutations } from './useTickets.ts';

const ICON: Record<TicketStep, ReactNode> = {
  respond: <PhoneOutlined />,
  arrive: <EnvironmentOutlined />,
  start: <PlayCircleOutlined />,
  pause: <PauseCircleOutlined />,
  resume: <CaretRightOutlined />,
  resolve: <CheckCircleOutlined />,
  close: <CloseCircleOutlined />,
  reopen: <UndoOutlined />,
  reassign: <SwapOutlined />,
  level: <RiseOutlined />,
  merge: <MergeCellsOutlined />,
};

/** Steps that move the ticket forward; the first one allowed is the primary button. */
const FORWARD: readonly TicketStep[] = ['respond', 'arrive', 'start', 'resume', 'resolve', 'close'];

type Props = {
  ticket: Pick<TicketListItem, 'id' | 'number' | 'orgId' | 'status' | 'type' | 'levelKey' | 'assignmentGroup' | 'assignee' | 'openedAt'> & { onSiteAt?: string | null };
  /** only these steps (the workbench offers the four a phone needs) */
  only?: readonly TicketStep[];
  /** full-width buttons, stacked in a grid, for a phone */
  isCompact?: boolean;
};

/**
 * The one-tap actions the ticket's status allows (ticket.work): 响应, 开始处理, 恢复 run at once; 关闭 asks first;
 * 到场, 挂起, 解决, 重开, 转派, 调整级别, 合并 open their short form.
 */
export function TicketActions({ ticket, only, isCompact }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { step: run } = useTicketMutations();
  const [formStep, setFormStep] = useState<FormStep | null>(null);
  if (!can(me, 'ticket.work')) return null;
  const steps = allowedSteps(ticket).filter((s) => !only || only.includes(s));
  const primary = steps.find((s) => FORWARD.includes(s));
  const isBusy = (s: TicketStep) => run.isPending && run.variables.id === ticket.id && run.variables.call.step === s;
  const runNow = (s: 'respond' | 'start' | 'resume' | 'close') =>
    run.mutate({ id: ticket.id, call: { step: s, body: {} } }, { onSuccess: () => void message.success(t(`servicedesk.steps.done.${s}`)), onError: (e) => void message.error(errorMessage(e)) });

  const buttonStyle = isCompact ? { minHeight: 44, fontSize: 16 } : undefined;
  const button = (s: TicketStep) => {
    const common = { icon: ICON[s], type: s === primary ? ('primary' as const) : ('default' as const), loading: isBusy(s), block: isCompact, style: buttonStyle, 'data-testid': `ticket-step-${s}` };
    if (s === 'close') {
      return (
        <ConfirmButton key={s} {...common} confirm={t('servicedesk.steps.confirmClose', { number: ticket.number })} description={t('servicedesk.steps.closeHint')} onConfirm={() => runNow('close')}>
          {t('servicedesk.steps.close')}
        </ConfirmButton>
      );
    }
    if (isFormStep(s)) {
      return (
        <Button key={s} {...common} danger={s === 'merge'} onClick={() => setFormStep(s)}>
          {t(`servicedesk.steps.${s}`)}
        </Button>
      );
    }
    const direct = s as 'respond' | 'start' | 'resume';
    return (
      <Button key={s} {...common} onClick={() => runNow(direct)}>
        {t(`servicedesk.steps.${s}`)}
      </Button>
    );
  };

  return (
    <>
      {isCompact ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 8, width: '100%' }} data-testid="ticket-actions">
          {steps.map(button)}
        </div>
      ) : (
        <Flex gap={8} wrap data-testid="ticket-actions">
          {steps.map(button)}
        </Flex>
      )}
      {/* mounted only while open: a queue of fifty rows does not carry fifty forms */}
      {formStep && <TicketStepModal ticket={ticket} step={formStep} onClose={() => setFormStep(null)} />}
    </>
  );
}
