import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Card, Flex, Form, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Asset, AssetKind } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { applyFieldErrors } from '../../app/validation.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { kindByKey, localName } from './asset-format.ts';
import { assetToFormValues, emptyFormValues, toCreateInput, toUpdateInput, type AssetFormValues } from './asset-form-values.ts';
import { BasicFields, LifecycleFields, PlacementFields, TechFields } from './AssetFormSections.tsx';
import { KindAttributeFields } from './KindAttributeFields.tsx';
import { useAsset, useAssetMutations } from './useAssets.ts';
import { useKinds } from './useCatalog.ts';

/** Server paths look like ['body', 'attributes', 'memoryGb']; the form's names drop the 'body'. */
const fromBody = (path: (string | number)[]) => (path[0] === 'body' ? path.slice(1) : null);

/** /assets/new and /assets/:id/edit. */
export function AssetFormPage() {
  const { id } = useParams();
  const kinds = useKinds();
  const asset = useAsset(id ?? '');
  const { t } = useTranslation();
  if (kinds.isPending || (id && asset.isPending)) return <Skeleton active />;
  if (kinds.isError) return <ErrorState title={t('assets.create')} message={errorMessage(kinds.error)} />;
  if (id && asset.isError) return <ErrorState title={t('assets.edit')} message={errorMessage(asset.error)} />;
  return <AssetForm asset={id ? (asset.data ?? null) : null} kinds={kinds.data} />;
}

function AssetForm({ asset, kinds }: { asset: Asset | null; kinds: AssetKind[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const scope = useOrgScope();
  const [form] = Form.useForm<AssetFormValues>();
  const { create, update } = useAssetMutations();
  const watchedOrgId = Form.useWatch('orgId', form);
  const orgId = asset?.orgId ?? watchedOrgId;
  const kindKey = Form.useWatch('kindKey', form);
  const kind = kindByKey(kinds, kindKey);

  useEffect(() => {
    form.setFieldsValue(asset ? assetToFormValues(asset, kindByKey(kinds, asset.kindKey)?.fields ?? []) : emptyFormValues(scope.orgId));
  }, [asset, kinds, form, scope.orgId]);

  const onError = (e: unknown) => {
    // the fields named by a validation error get their message; the summary shows either way
    applyFieldErrors(form, e, fromBody);
    void message.error(errorMessage(e));
  };
  const onFinish = (values: AssetFormValues) => {
    const fields = kind?.fields ?? [];
    if (asset) {
      update.mutate(
        { id: asset.id, input: toUpdateInput(values, fields) },
        { onSuccess: (a) => { void message.success(t('assets.saved')); void navigate(`/assets/${a.id}`); }, onError },
      );
    } else {
      create.mutate(toCreateInput(values, fields), {
        onSuccess: (a) => { void message.success(t('assets.created', { code: a.code })); void navigate(`/assets/${a.id}`); },
        onError,
      });
    }
  };

  return (
    <>
      <PageHeader title={asset ? t('assets.edit') : t('assets.create')} subtitle={asset ? `${asset.code} · ${asset.name}` : undefined} />
      <Form<AssetFormValues> form={form} layout="vertical" onFinish={onFinish} scrollToFirstError data-testid="asset-form">
        <Flex vertical gap={16}>
          <Card title={t('assets.sections.basic')} size="small">
            <BasicFields asset={asset} onKindChange={() => form.setFieldValue('attributes', {})} />
          </Card>
          {kind && kind.fields.length > 0 && (
            <Card title={t('assets.sections.attributes', { kind: localName(kind) })} size="small" data-testid="asset-attributes">
              <KindAttributeFields fields={kind.fields} />
            </Card>
          )}
          <Card title={t('assets.sections.placement')} size="small">
            <PlacementFields orgId={orgId} asset={asset} />
          </Card>
          <Card title={t('assets.sections.lifecycle')} size="small">
            <LifecycleFields orgId={orgId} />
          </Card>
          <Card title={t('assets.sections.xinchuang')} size="small">
            <TechFields />
          </Card>
          <Flex justify="flex-end" gap={8}>
            <Link to={asset ? `/assets/${asset.id}` : '/assets'}>
              <Button>{t('common.cancel')}</Button>
            </Link>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="asset-save">
              {asset ? t('common.save') : t('common.create')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </>
  );
}
