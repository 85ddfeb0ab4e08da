import { Button, Flex, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';

type Props = {
  /** One secret, or several shown one per line (recovery codes). */
  value: string | string[];
  copyLabel: string;
  copiedLabel: string;
  /** When set, offers the value as a .txt download under this file name. */
  download?: { fileName: string; label: string };
  'data-testid'?: string;
};

/** A secret shown once: monospace, copyable, optionally downloadable. */
export function CopyableSecret({ value, copyLabel, copiedLabel, download, ...rest }: Props) {
  const text = Array.isArray(value) ? value.join('\n') : value;
  const save = () => {
    if (!download) return;
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = download.fileName;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Flex vertical gap={8}>
      <pre
        data-testid={rest['data-testid']}
        style={{
          margin: 0,
          padding: '12px 16px',
          background: 'rgba(0,0,0,0.04)',
          borderRadius: 6,
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: 15,
          userSelect: 'all',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {text}
      </pre>
      <Flex gap={8}>
        <Typography.Text copyable={{ text, tooltips: [copyLabel, copiedLabel] }}>{copyLabel}</Typography.Text>
        {download && (
          <Button size="small" icon={<DownloadOutlined />} onClick={save}>
            {download.label}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
