import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Card, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { EChart } from './EChart.tsx';
import { impactOption } from './impact-chart.ts';
import { useImpact } from './useAssets.ts';

const DEPTHS = [1, 2, 3, 4, 5];

/** 影响分析: what a failure of this asset affects, transitively, 1–5 levels deep. Click a node to open it. */
export function ImpactGraphCard({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [depth, setDepth] = useState(3);
  const impact = useImpact(assetId, depth);
  const option = useMemo(
    () =>
      impact.data &&
      impactOption(impact.data, {
        relation: (k) => t(`assets.relations.kinds.${k}`),
        level: (d) => t('assets.impact.levelN', { depth: d }),
        self: t('assets.impact.self'),
      }),
    [impact.data, t],
  );
  const affected = (impact.data?.nodes.length ?? 1) - 1;
  return (
    <Card
      size="small"
      title={t('assets.detail.impact')}
      extra={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('assets.impact.depth')}</Typography.Text>
          <Segmented size="small" value={depth} onChange={(v) => setDepth(Number(v))} options={DEPTHS.map((d) => ({ value: d, label: String(d) }))} data-testid="impact-depth" />
        </Flex>
      }
      data-testid="impact-card"
    >
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>
        {t('assets.impact.title')}
        {impact.data && affected > 0 && <Typography.Text type="danger" style={{ marginLeft: 8 }}>{t('assets.impact.affected', { count: affected })}</Typography.Text>}
      </Typography.Paragraph>
      {impact.isError && <ErrorState title={t('assets.detail.impact')} message={errorMessage(impact.error)} />}
      {impact.data?.truncated && <Alert type="warning" showIcon title={t('assets.impact.truncated')} style={{ marginBottom: 8 }} />}
      {impact.isPending ? (
        <Skeleton active />
      ) : affected <= 0 ? (
        <EmptyState description={t('assets.impact.none')} />
      ) : (
        option && (
          <EChart
            option={option}
            height={380}
            data-testid="impact-graph"
            onClick={(p) => {
              const id = (p.data as { id?: string } | undefined)?.id;
              if (p.dataType === 'node' && id && id !== assetId) void navigate(`/assets/${id}`);
            }}
          />
        )
      )}
    </Card>
  );
}
