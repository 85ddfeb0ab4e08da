import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';

type Props = { title: ReactNode; message: ReactNode; retryLabel?: string; onRetry?: () => void };

/** A failed load, with the server's (already localized) message and a retry. */
export function ErrorState({ title, message, retryLabel, onRetry }: Props) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={message}
      action={onRetry && retryLabel ? <Button size="small" onClick={onRetry}>{retryLabel}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
