import type { ButtonProps } from 'antd';

/**
 * Adds a data-testid to button props passed as an object (okButtonProps, Popconfirm's okButtonProps):
 * JSX accepts data-* attributes, but antd's prop types do not declare them.
 */
export function withTestId(props: ButtonProps, testId: string): ButtonProps {
  const withId: ButtonProps & { 'data-testid': string } = { ...props, 'data-testid': testId };
  return withId;
}
