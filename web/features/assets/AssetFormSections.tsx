import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssetImportance, AssetStatus, type Asset } from '../../../shared/schemas/assets.ts';
import { XINCHUANG_DIMENSIONS } from '../../../shared/xinchuang.ts';
import { requiredRule } from '../../app/validation.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { ContractSelect, KindSelect, VendorSelect } from './CatalogSelects.tsx';
import { DepartmentTreeSelect } from './DepartmentTreeSelect.tsx';
import { IpAddress } from './KindAttributeFields.tsx';
import { LocationTreeSelect } from './LocationTreeSelect.tsx';
import { UserSelect } from './SearchSelects.tsx';
import { XinchuangInput } from './XinchuangInput.tsx';

const HostName = /^[A-Za-z0-9][A-Za-z0-9.\-_]*$/;
const col = { xs: 24, md: 12, xl: 8 } as const;

/** 基本信息: organisation, kind, code, name, brand, model, serial, quantity + unit, status, importance. */
export function BasicFields({ asset, onKindChange }: { asset: Asset | null; onKindChange: () => void }) {
  const { t } = useTranslation();
  const isEdit = asset !== null;
  return (
    <Row gutter={16}>
      <Col {...col}>
        {/* an asset stays in its organisation: the update contract has no orgId */}
        {asset ? (
          <Form.Item label={t('assets.fields.org')}>
            <Input disabled value={asset.orgName} />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" label={t('assets.fields.org')} rules={[requiredRule()]}>
            <OrgTreeSelect data-testid="asset-org" />
          </Form.Item>
        )}
      </Col>
      <Col {...col}>
        <Form.Item name="kindKey" label={t('assets.fields.kind')} rules={[requiredRule()]}>
          <KindSelect disabled={isEdit} onChange={onKindChange} data-testid="asset-kind" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="code" label={t('assets.fields.code')} extra={isEdit ? undefined : t('assets.fields.codeHint')}>
          <Input maxLength={60} data-testid="asset-code" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="name" label={t('assets.fields.name')} rules={[requiredRule()]}>
          <Input maxLength={200} data-testid="asset-name" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="brand" label={t('assets.fields.brand')}>
          <Input maxLength={100} data-testid="asset-brand" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="model" label={t('assets.fields.model')}>
          <Input maxLength={200} data-testid="asset-model" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="serialNumber" label={t('assets.fields.serialNumber')}>
          <Input maxLength={100} data-testid="asset-serial" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item label={t('assets.fields.quantity')} required>
          <Row gutter={8} wrap={false}>
            <Col flex="auto">
              <Form.Item name="quantity" noStyle rules={[requiredRule()]}>
                <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col flex="90px">
              <Form.Item name="unit" noStyle rules={[requiredRule()]}>
                <Select options={['台', '套', '条', '组', '个', '块', '路', '项'].map((u) => ({ value: u, label: u }))} aria-label={t('assets.fields.unit')} />
              </Form.Item>
            </Col>
          </Row>
        </Form.Item>
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Form.Item name="status" label={t('assets.fields.status')} rules={[requiredRule()]}>
          <Select options={AssetStatus.options.map((s) => ({ value: s, label: t(`assets.status.${s}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Form.Item name="importance" label={t('assets.fields.importance')} rules={[requiredRule()]}>
          <Select options={AssetImportance.options.map((i) => ({ value: i, label: t(`assets.importance.${i}`) }))} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 位置与归属: location (and rack U), department, owner, engineer. */
export function PlacementFields({ orgId, asset }: { orgId: string | undefined; asset: Asset | null }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col {...col}>
        <Form.Item name="locationId" label={t('assets.fields.location')}>
          <LocationTreeSelect orgId={orgId} data-testid="asset-location" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item label={t('assets.fields.rackUnits')}>
          <Row gutter={8} wrap={false}>
            <Col span={12}>
              <Form.Item name="rackUnitStart" noStyle>
                <InputNumber min={1} max={60} precision={0} placeholder={t('assets.fields.rackUnitStart')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="rackUnitSize" noStyle>
                <InputNumber min={1} max={60} precision={0} placeholder={t('assets.fields.rackUnitSize')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="ownerDepartmentId" label={t('assets.fields.department')}>
          <DepartmentTreeSelect orgId={orgId} placeholder={t('assets.pickDepartment')} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="ownerPerson" label={t('assets.fields.ownerPerson')}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="engineerId" label={t('assets.fields.engineer')}>
          <UserSelect placeholder={t('assets.pickEngineer')} current={asset?.engineerId && asset.engineerName ? { id: asset.engineerId, name: asset.engineerName } : null} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 采购与维保: purchase month, warranty years / end, vendor, contract, end of service. */
export function LifecycleFields({ orgId }: { orgId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col {...col}>
        <Form.Item name="purchaseMonth" label={t('assets.fields.purchaseMonth')}>
          <DatePicker picker="month" format="YYYY-MM" style={{ width: '100%' }} data-testid="asset-purchase-month" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="warrantyYears" label={t('assets.fields.warrantyYears')}>
          <InputNumber min={0} max={50} style={{ width: '100%' }} data-testid="asset-warranty-years" />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="warrantyEndsOn" label={t('assets.fields.warrantyEndsOn')} extra={t('assets.fields.warrantyEndsOnHint')}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="vendorId" label={t('assets.fields.vendor')}>
          <VendorSelect allowClear orgId={orgId} placeholder={t('assetCatalog.vendors.pick')} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="contractId" label={t('assets.fields.contract')}>
          <ContractSelect allowClear orgId={orgId} placeholder={t('assetCatalog.contracts.pick')} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="endOfServiceOn" label={t('assets.fields.endOfServiceOn')}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 网络 and 软硬件与信创: IPs and host names as tags, CPU / OS / DB / middleware with the domestic vocabulary. */
export function TechFields() {
  const { t } = useTranslation();
  const listRule = (check: (v: string) => boolean, key: 'assets.invalidIp' | 'assets.invalidHostName') => ({
    validator: async (_: unknown, values: string[] | undefined) => {
      const bad = (values ?? []).find((v) => !check(v.trim()));
      if (bad !== undefined) throw new Error(t(key, { value: bad }));
    },
  });
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="managementIps" label={t('assets.fields.managementIps')} rules={[listRule((v) => IpAddress.safeParse(v).success, 'assets.invalidIp')]}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ', ';', '；']} placeholder={t('assets.ipsPlaceholder')} data-testid="asset-ips" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="hostNames" label={t('assets.fields.hostNames')} rules={[listRule((v) => HostName.test(v) && v.length <= 253, 'assets.invalidHostName')]}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ', ';', '；']} placeholder={t('assets.hostNamesPlaceholder')} />
        </Form.Item>
      </Col>
      {XINCHUANG_DIMENSIONS.map((d) => (
        <Col key={d} xs={24} md={12} xl={6}>
          <Form.Item name={d} label={t(`assets.fields.${d}`)} tooltip={t('assets.xinchuang.hint')}>
            <XinchuangInput dimension={d} />
          </Form.Item>
        </Col>
      ))}
      <Col span={24}>
        <Form.Item name="notes" label={t('assets.fields.notes')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
