import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Asset, AssetImportance, AssetStatus, XinchuangFlags } from '../../../shared/schemas/assets.ts';

const STATUS_COLOR: Record<AssetStatus, string> = { in_stock: 'default', in_use: 'green', under_repair: 'orange', retired: 'default', scrapped: 'red' };
const IMPORTANCE_COLOR: Record<AssetImportance, string> = { core: 'red', important: 'orange', normal: 'default' };
/** Ends within this many days: 即将到期 instead of 保内. */
export const EXPIRING_DAYS = 90;

export function StatusTag({ status }: { status: AssetStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`assets.status.${status}`)}</Tag>;
}

export function ImportanceTag({ importance }: { importance: AssetImportance }) {
  const { t } = useTranslation();
  return <Tag color={IMPORTANCE_COLOR[importance]}>{t(`assets.importance.${importance}`)}</Tag>;
}

/** 保内 green, 即将到期 orange (≤ 90 days), 过保 red, with the end date beside it. */
export function WarrantyTag({ asset }: { asset: Pick<Asset, 'warrantyStatus' | 'warrantyEndsOn' | 'warrantyDaysLeft'> }) {
  const { t } = useTranslation();
  const { warrantyStatus: status, warrantyEndsOn: endsOn, warrantyDaysLeft: daysLeft } = asset;
  if (status === 'unknown') return <Tag>{t('assets.warranty.unknown')}</Tag>;
  const isExpiring = status === 'in' && daysLeft !== null && daysLeft <= EXPIRING_DAYS;
  const color = status === 'out' ? 'red' : isExpiring ? 'orange' : 'green';
  const label = status === 'out' ? t('assets.warranty.out') : isExpiring ? t('assets.warranty.expiring') : t('assets.warranty.in');
  const tag = (
    <Tag color={color} data-testid="warranty-tag">
      {label}
      {endsOn && <span style={{ marginLeft: 4, opacity: 0.8 }}>{endsOn}</span>}
    </Tag>
  );
  return status === 'in' && daysLeft !== null ? <Tooltip title={t('assets.warranty.daysLeft', { days: daysLeft })}>{tag}</Tooltip> : tag;
}

const DIMENSIONS = ['cpu', 'os', 'database', 'middleware'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/**
 * The overall 信创 verdict, then each known dimension as a short tag (CPU ✓ / OS ✗): blue when domestic. The tooltip
 * names the product typed in.
 */
export function XinchuangTags({ flags, values }: { flags: XinchuangFlags; values?: Partial<Record<Dimension, string | null>> }) {
  const { t } = useTranslation();
  const known = DIMENSIONS.filter((d) => flags[d] !== 'unknown');
  if (known.length === 0) return <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;
  return (
    <Space size={[2, 4]} wrap>
      <Tag color={flags.overall === 'domestic' ? 'blue' : flags.overall === 'foreign' ? 'default' : undefined} style={{ marginInlineEnd: 2 }}>
        {t(`assets.xinchuang.${flags.overall}`)}
      </Tag>
      {known.map((d) => (
        <Tooltip key={d} title={t('assets.xinchuang.tooltip', { dimension: t(`assets.xinchuang.dimensions.${d}`), value: values?.[d] ?? '', state: t(`assets.xinchuang.${flags[d]}`) })}>
          <Tag bordered={false} color={flags[d] === 'domestic' ? 'processing' : 'default'} style={{ marginInlineEnd: 0, paddingInline: 4 }}>
            {t(`assets.xinchuang.short.${d}`)}
            {flags[d] === 'domestic' ? '✓' : '✗'}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
