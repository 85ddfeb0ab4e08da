import { AutoComplete, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { classifyXinchuang, DOMESTIC_PRODUCTS, type XinchuangDimension } from '../../../shared/xinchuang.ts';
import { currentLocale } from '../../app/i18n.ts';

type Props = { dimension: XinchuangDimension; value?: string; onChange?: (value: string) => void; id?: string };

/** Free text (as ledgers write it: "海光7285", "Kylin V10") with the domestic products offered, and the live 信创 verdict. */
export function XinchuangInput({ dimension, value, onChange, id }: Props) {
  const { t } = useTranslation();
  const isEn = currentLocale() === 'en';
  const options = [
    {
      label: t('assets.xinchuang.domesticOptions'),
      options: DOMESTIC_PRODUCTS.filter((p) => p.dimension === dimension).map((p) => ({ value: isEn ? p.nameEn : p.name, label: isEn ? p.nameEn : p.name })),
    },
  ];
  const state = classifyXinchuang(dimension, value);
  return (
    <Flex gap={8} align="center">
      <AutoComplete
        id={id}
        value={value}
        onChange={(v: string) => onChange?.(v)}
        options={options}
        filterOption={(input, option) => !input || String((option as { value?: string } | undefined)?.value ?? '').toLowerCase().includes(input.toLowerCase())}
        allowClear
        maxLength={100}
        style={{ flex: 1 }}
        data-testid={`xinchuang-${dimension}`}
      />
      {value && value.trim() && <Tag color={state === 'domestic' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>{t(`assets.xinchuang.${state}`)}</Tag>}
    </Flex>
  );
}
