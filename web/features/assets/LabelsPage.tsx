import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import type { Asset } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { fetchAsset } from './assets.api.ts';
import { MAX_LABELS } from './labels-url.ts';

type Label = { asset: Asset; svg: string };

/** Fetches the assets (a few at a time) and renders each QR code as SVG in the browser. */
async function loadLabels(ids: string[]): Promise<Label[]> {
  const out: Label[] = [];
  for (let i = 0; i < ids.length; i += 8) {
    const batch = await Promise.all(ids.slice(i, i + 8).map((id) => fetchAsset(id)));
    for (const asset of batch) {
      const svg = await QRCode.toString(`${window.location.origin}/assets/${asset.id}`, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
      out.push({ asset, svg });
    }
  }
  return out;
}

const PER_SHEET = 24;

// A4 with 3 × 8 labels of 70 × 37 mm (the common 24-up label sheet); the toolbar is hidden when printing.
const PRINT_CSS = `
@page { size: A4; margin: 0; }
.label-sheet { box-sizing: border-box; width: 210mm; height: 297mm; margin: 0 auto; display: grid; grid-template-columns: repeat(3, 70mm); grid-template-rows: repeat(8, 37mm); padding: 0.5mm 0; background: #fff; overflow: hidden; break-after: page; }
.label-sheet:last-child { break-after: auto; }
.label { box-sizing: border-box; padding: 3mm; display: flex; gap: 2.5mm; align-items: center; overflow: hidden; border: 1px dashed #d9d9d9; break-inside: avoid; }
.label .qr { width: 28mm; height: 28mm; flex: none; }
.label .qr svg { width: 100%; height: 100%; display: block; }
.label .text { min-width: 0; display: flex; flex-direction: column; gap: 1mm; font-size: 8pt; line-height: 1.25; color: #000; }
.label .name { font-weight: 600; font-size: 9.5pt; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.label .code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 8pt; word-break: break-all; }
.label .org { color: #444; font-size: 7pt; }
@media print {
  .label-toolbar { display: none !important; }
  .label { border-color: transparent; }
  body { background: #fff; }
}
@media screen { .label-page { background: #f0f2f5; min-height: 100%; padding-bottom: 24px; } .label-sheet { box-shadow: 0 0 8px rgba(0,0,0,.15); margin-bottom: 16px; } }
`;

/** /assets/labels?ids=…: a printable A4 sheet of QR labels (code, name, organisation); prints itself once ready. */
export function LabelsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const ids = [...new Set((params.get('ids') ?? '').split(',').filter(Boolean))].slice(0, MAX_LABELS);
  const autoPrint = params.get('print') !== '0';
  const labels = useQuery({ queryKey: ['assets', 'labels', ids], queryFn: () => loadLabels(ids), enabled: ids.length > 0, staleTime: Infinity });
  const printed = useRef(false);

  useEffect(() => {
    if (!labels.data || printed.current || !autoPrint) return;
    printed.current = true;
    // let the browser lay out the SVGs before the print dialog snapshots the page
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [labels.data, autoPrint]);

  return (
    <div className="label-page">
      <style>{PRINT_CSS}</style>
      <Flex className="label-toolbar" align="center" justify="space-between" gap={16} style={{ padding: '12px 24px', background: '#fff', marginBottom: 16 }}>
        <div>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('assets.labels.titleCount', { count: ids.length })}</Typography.Title>
          <Typography.Text type="secondary">{t('assets.labels.hint')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!labels.data} onClick={() => window.print()} data-testid="labels-print">
          {t('assets.labels.print')}
        </Button>
      </Flex>
      {ids.length === 0 && <Alert type="info" showIcon title={t('assets.labels.none')} style={{ margin: 24 }} />}
      {labels.isError && <Alert type="error" showIcon title={errorMessage(labels.error)} style={{ margin: 24 }} />}
      {labels.isFetching && <Spin description={t('assets.labels.loading')} style={{ display: 'block', margin: '64px auto' }} />}
      {labels.data &&
        Array.from({ length: Math.ceil(labels.data.length / PER_SHEET) }, (_, sheet) => (
          <div className="label-sheet" key={sheet} data-testid="label-sheet">
            {labels.data.slice(sheet * PER_SHEET, (sheet + 1) * PER_SHEET).map(({ asset, svg }) => (
              <div className="label" key={asset.id} data-testid="asset-label">
                {/* the SVG comes from the qrcode library fed with our own URL, never from user input */}
                <div className="qr" dangerouslySetInnerHTML={{ __html: svg }} />
                <div className="text">
                  <span className="name">{asset.name}</span>
                  <span className="code">{asset.code}</span>
                  <span className="org">{asset.orgName}</span>
                </div>
              </div>
            ))}
          </div>
        ))}
    </div>
  );
}
