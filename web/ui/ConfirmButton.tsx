import type { ReactNode } from 'react';
import { Button, Popconfirm, type ButtonProps } from 'antd';
import { withTestId } from './test-id.ts';

type Props = Omit<ButtonProps, 'onClick'> & {
  /** The question in the confirmation bubble, e.g. "删除此用户？" */
  confirm: ReactNode;
  description?: ReactNode;
  okText?: string;
  cancelText?: string;
  onConfirm: () => unknown;
};

/** A button that asks before it acts; every destructive action goes through one. */
export function ConfirmButton({ confirm, description, okText, cancelText, onConfirm, danger, ...button }: Props) {
  return (
    <Popconfirm
      title={confirm}
      description={description}
      okText={okText}
      cancelText={cancelText}
      okButtonProps={withTestId({ danger }, 'confirm-ok')}
      onConfirm={() => onConfirm()}
    >
      <Button danger={danger} {...button} />
    </Popconfirm>
  );
}
