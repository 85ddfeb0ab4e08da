import type { ReactNode } from 'react';
import { Empty } from 'antd';

type Props = { description: ReactNode; action?: ReactNode };

/** What a list shows when there is nothing in it, with the action that would fill it. */
export function EmptyState({ description, action }: Props) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} style={{ padding: '24px 0' }}>
      {action}
    </Empty>
  );
}
