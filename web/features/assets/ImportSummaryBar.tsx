import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssetImport, ImportRowAction } from '../../../shared/schemas/asset-imports.ts';
import { formatCount } from './asset-format.ts';

type Key = Exclude<keyof AssetImport['summary'], 'unchanged'>;
const TILES: { key: Key; color?: string; action?: ImportRowAction }[] = [
  { key: 'total' },
  { key: 'create', color: '#52c41a', action: 'create' },
  { key: 'update', color: '#1677ff', action: 'update' },
  { key: 'skip', color: '#8c8c8c', action: 'skip' },
  { key: 'error', color: '#f5222d', action: 'error' },
  { key: 'duplicates', color: '#fa8c16' },
  { key: 'warnings', color: '#faad14' },
];

/** 新增 / 更新 / 跳过 / 错误 / 重复 counters; clicking one filters the rows below. */
export function ImportSummaryBar({ summary, active, onPick }: { summary: AssetImport['summary']; active?: ImportRowAction; onPick: (a: ImportRowAction | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} data-testid="import-summary">
      {TILES.map((tile) => (
        <Col key={tile.key} xs={8} md={6} xl={3}>
          <Card
            size="small"
            hoverable={Boolean(tile.action) || tile.key === 'total'}
            onClick={() => (tile.key === 'total' ? onPick(undefined) : tile.action && onPick(tile.action))}
            style={{ borderColor: tile.action && tile.action === active ? tile.color : undefined }}
            data-testid={`import-count-${tile.key}`}
          >
            <Statistic title={t(`assetImports.summary.${tile.key}`)} value={summary[tile.key]} formatter={(v) => formatCount(Number(v))} styles={{ content: { color: tile.color, fontSize: 22 } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
