import { useEffect, useState } from 'react';
import { Alert, App, Collapse, Divider, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Probe, ProbeKindKey } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { buildSecrets, configIssues, KIND_SPECS, mergeConfig, type ConfigIssue } from './probe-kinds.ts';
import { kindDefaults, newProbeValues, probeToValues, toCreateInput, toUpdateInput, type ProbeFormValues, type SecretMode } from './probe-form-values.ts';
import { ProbeCommonFields } from './ProbeCommonFields.tsx';
import { ProbeKindFields } from './ProbeKindFields.tsx';
import { ProbeSecretFields } from './ProbeSecretFields.tsx';
import { useProbeMutations } from './useProbes.ts';

type Props = {
  open: boolean;
  onClose: () => void;
  /** the probe to edit; absent to create one */
  probe?: Probe;
  /** a new probe's asset (from the asset page) */
  defaults?: { orgId?: string; assetId?: string; assetName?: string };
  onSaved?: (probe: Probe) => void;
};

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 };

/**
 * Create or edit a probe: common fields, the kind's own fields, write-only secrets and an advanced JSON box for
 * everything else. The merged config is checked with the kind's schema (the server's) before anything is sent;
 * issues land on their field, or in a list under the JSON box.
 */
export function ProbeFormModal({ open, onClose, probe, defaults, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<ProbeFormValues>();
  const { create, update } = useProbeMutations();
  const [kind, setKind] = useState<ProbeKindKey>(probe?.kind ?? 'http');
  const [secretMode, setSecretMode] = useState<SecretMode>('keep');
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const isEdit = Boolean(probe);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const values = probe ? probeToValues(probe) : newProbeValues('http', defaults?.orgId ?? scope.orgId ?? me.orgId, defaults?.assetId ?? null);
    form.setFieldsValue(values);
    setKind(values.kind);
    setSecretMode('keep');
    setIssues([]);
  }, [open, probe, defaults?.orgId, defaults?.assetId, scope.orgId, me.orgId, form]);

  const onKindChange = (next: ProbeKindKey) => {
    setKind(next);
    setIssues([]);
    // the old kind's fields mean nothing to the new one (a URL is not a host)
    form.setFieldsValue({ config: kindDefaults(next), secrets: {} });
  };

  const submit = (v: ProbeFormValues) => {
    const merged = mergeConfig(v.kind, v.config ?? {}, v.advanced ?? '');
    if ('jsonError' in merged) {
      form.setFields([{ name: 'advanced', errors: [t('monitoring.form.advancedInvalidJson', { message: merged.jsonError })] }]);
      return;
    }
    const found = configIssues(v.kind, merged.config);
    const shown = new Set<string>(KIND_SPECS[v.kind].fields.map((f) => f.name));
    const onField = found.filter((i) => shown.has(i.path.split('.')[0] ?? '') && !i.path.includes('.'));
    form.setFields(onField.map((i) => ({ name: ['config', i.path], errors: [i.message] })));
    setIssues(found.filter((i) => !onField.includes(i)));
    if (found.length) return;

    const secrets = buildSecrets(v.kind, v.secrets ?? {});
    const secretCheck = secrets ? KIND_SPECS[v.kind].secrets.safeParse(secrets) : undefined;
    if (secretCheck && !secretCheck.success) {
      setIssues(secretCheck.error.issues.map((i) => ({ path: `secrets.${i.path.join('.')}`, message: i.message })));
      return;
    }
    const done = {
      onSuccess: (saved: Probe) => {
        void message.success(t(isEdit ? 'common.saved' : 'common.created'));
        onClose();
        onSaved?.(saved);
      },
      onError: (e: Error) => {
        if (!applyFieldErrors(form, e)) void message.error(errorMessage(e));
      },
    };
    if (probe) update.mutate({ id: probe.id, input: toUpdateInput(v, merged.config, probe.hasSecrets ? secretMode : 'replace', secrets) }, done);
    else create.mutate(toCreateInput(v, merged.config, secrets), done);
  };

  const currentAsset = probe?.assetId ? { id: probe.assetId, name: probe.assetName ?? probe.assetId } : defaults?.assetId ? { id: defaults.assetId, name: defaults.assetName ?? defaults.assetId } : null;
  const hasSecretFields = KIND_SPECS[kind].secretFields.length > 0;

  return (
    <Modal
      open={open}
      title={isEdit ? t('monitoring.probes.edit') : t('monitoring.probes.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'probe-save')}
      width={820}
      forceRender
    >
      <Form<ProbeFormValues> form={form} layout="vertical" onFinish={submit} data-testid="probe-form">
        <ProbeCommonFields form={form} isEdit={isEdit} currentAsset={currentAsset} onKindChange={onKindChange} />
        <Divider titlePlacement="start" plain>{t('monitoring.form.sections.target')}</Divider>
        <ProbeKindFields form={form} kind={kind} />
        {hasSecretFields && (
          <>
            <Divider titlePlacement="start" plain>{t('monitoring.form.sections.secrets')}</Divider>
            <ProbeSecretFields form={form} kind={kind} hasSecrets={Boolean(probe?.hasSecrets)} mode={secretMode} onModeChange={setSecretMode} />
          </>
        )}
        <Collapse
          ghost
          size="small"
          defaultActiveKey={probe && probeToValues(probe).advanced ? ['advanced'] : []}
          items={[
            {
              key: 'advanced',
              label: t('monitoring.form.sections.advanced'),
              forceRender: true,
              children: (
                <>
                  <Typography.Paragraph type="secondary">{t('monitoring.form.advancedHint')}</Typography.Paragraph>
                  <Form.Item name="advanced">
                    <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} placeholder={'{\n  "headers": { "Accept": "application/json" }\n}'} style={MONO} data-testid="probe-advanced" />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        {issues.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('monitoring.form.issues')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="probe-config-issues">
                {issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    <Typography.Text code>{i.path || '(config)'}</Typography.Text> {i.message}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </Form>
    </Modal>
  );
}
