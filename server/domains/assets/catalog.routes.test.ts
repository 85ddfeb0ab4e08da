import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetKind, Location, MaintenanceContract, Vendor } from '../../../shared/schemas/assets.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';
import { ensureBuiltinAssetKinds } from './kinds.service.ts';

let app: TestApp;
let root: string;
let h1: string;
let h2: string;
let sys: Client;
let localSys: Client;
let eng: Client;
let other: Client;

beforeAll(async () => {
  app = await createTestApp();
  root = (await makeOrg(app)).id;
  h1 = (await makeOrg(app, { parentId: root, kind: 'institution' })).id;
  h2 = (await makeOrg(app, { parentId: root, kind: 'institution' })).id;
  sys = await signedIn(app, await makeUser(app, root, ['sysadmin']));
  localSys = await signedIn(app, await makeUser(app, h1, ['sysadmin']));
  eng = await signedIn(app, await makeUser(app, h1, ['engineer']));
  other = await signedIn(app, await makeUser(app, h2, ['engineer']));
});
afterAll(() => app.close());

describe('asset kinds', () => {
  it('seeds the built-in kinds with typed fields in Chinese and English', async () => {
    const res = await eng.get('/asset-kinds');
    expect(res.status).toBe(200);
    const kinds = res.body.items.map((k: unknown) => AssetKind.strict().parse(k));
    const keys = kinds.map((k: AssetKind) => k.key);
    for (const key of ['server', 'storage', 'switch', 'router', 'firewall', 'security_appliance', 'ups', 'precision_ac', 'environment_monitor', 'pdu', 'kvm', 'rack', 'pc', 'printer', 'medical_device', 'software_system', 'interface', 'network_line', 'cloud_resource']) {
      expect(keys).toContain(key);
    }
    const software = kinds.find((k: AssetKind) => k.key === 'software_system')!;
    expect(software).toMatchObject({ name: '应用系统', nameEn: 'Software system', isBuiltin: true, codePrefix: 'APP' });
    expect(software.fields.map((f: { key: string }) => f.key)).toEqual(['systemType', 'vendor', 'version', 'isCore', 'dengbaoLevel']);
    expect(kinds.find((k: AssetKind) => k.key === 'interface')!.fields.find((f: { key: string }) => f.key === 'protocol')!.options!.map((o: { label: string }) => o.label)).toContain('HL7 v2/MLLP');
    // A system administrator reads the catalogue to manage it, without reading any asset.
    expect((await sys.get('/asset-kinds')).status).toBe(200);
    expect((await sys.get('/assets')).status).toBe(403);
  });

  it('lets a root administrator add a kind with a required custom field that assets must fill', async () => {
    const created = await sys.post('/asset-kinds', {
      key: 'infusion_pump',
      name: '输液泵',
      nameEn: 'Infusion pump',
      category: 'medical',
      codePrefix: 'PUMP',
      fields: [
        { key: 'channels', label: '通道数', labelEn: 'Channels', type: 'integer', required: true },
        { key: 'ward', label: '病区', labelEn: 'Ward', type: 'enum', options: [{ value: 'icu', label: '重症监护', labelEn: 'ICU' }] },
      ],
    });
    expect(created.status).toBe(201);
    expect(AssetKind.strict().parse(created.body).fields.every((f) => !f.isBuiltin)).toBe(true);
    const missing = await eng.post('/assets', { orgId: h1, kindKey: 'infusion_pump', name: '输液泵 1' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ path: ['body', 'attributes', 'channels'], message: 'required', code: 'required' }]);
    const ok = await eng.post('/assets', { orgId: h1, kindKey: 'infusion_pump', name: '输液泵 1', attributes: { channels: 2, ward: '重症监护' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ code: expect.stringMatching(/^PUMP-/), attributes: { channels: 2, ward: 'icu' } });
    // In use: cannot be deleted.
    expect((await sys.delete(`/asset-kinds/${created.body.id}`)).body.error.code).toBe('asset_kind.in_use');
    expect((await sys.post('/asset-kinds', { key: 'infusion_pump', name: 'x', nameEn: 'x', category: 'medical', codePrefix: 'PX' })).status).toBe(409);
    const bad = await sys.post('/asset-kinds', { key: 'Bad Key', name: '', nameEn: 'x', category: 'medical', codePrefix: 'p', fields: [{ key: 'a', label: 'a', labelEn: 'a', type: 'enum' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual(expect.arrayContaining(['body.key', 'body.name', 'body.codePrefix', 'body.fields.0.options']));
  });

  it('gives a built-in kind extra fields but never loses a built-in one, even across restarts', async () => {
    const server = (await eng.get('/asset-kinds')).body.items.find((k: AssetKind) => k.key === 'server') as AssetKind;
    const plain = server.fields.map(({ isBuiltin: _b, ...f }) => f);
    const extra = { key: 'assetTag', label: '资产标签号', labelEn: 'Asset tag', type: 'text' };
    const added = await sys.patch(`/asset-kinds/${server.id}`, { fields: [...plain, extra] });
    expect(added.status).toBe(200);
    expect(added.body.fields.at(-1)).toEqual({ ...extra, isBuiltin: false });
    const dropped = await sys.patch(`/asset-kinds/${server.id}`, { fields: [extra] });
    expect(dropped.status).toBe(400);
    expect(dropped.body.error).toMatchObject({ code: 'asset_kind.builtin_field', details: { fields: expect.arrayContaining(['formFactor', 'memoryGb']) } });
    expect((await sys.patch(`/asset-kinds/${server.id}`, { name: '主机' })).body.error.code).toBe('asset_kind.builtin');
    expect((await sys.delete(`/asset-kinds/${server.id}`)).body.error.code).toBe('asset_kind.builtin');
    await ensureBuiltinAssetKinds(app.platform);
    const again = (await eng.get(`/asset-kinds/${server.id}`)).body as AssetKind;
    expect(again.fields.map((f) => f.key)).toEqual([...plain.map((f) => f.key), 'assetTag']);
  });

  it('keeps the catalogue to administrators of a whole tree', async () => {
    const res = await localSys.post('/asset-kinds', { key: 'local_kind', name: '本院类型', nameEn: 'Local', category: 'other', codePrefix: 'LOC' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('asset_kind.platform_forbidden');
    expect((await eng.post('/asset-kinds', { key: 'eng_kind', name: 'x', nameEn: 'x', category: 'other', codePrefix: 'EX' })).status).toBe(403);
    const zh = await localSys.request('POST', '/asset-kinds', { key: 'local_kind', name: '本院类型', nameEn: 'Local', category: 'other', codePrefix: 'LOC' }, { 'accept-language': 'zh-CN' });
    expect(zh.body.error.message).toBe('只有管理全部机构的系统管理员才能修改资产类型');
  });
});

describe('locations', () => {
  it('builds site → building → room → rack with full names, and keeps kinds in order', async () => {
    const site = Location.strict().parse((await eng.post('/locations', { orgId: h1, kind: 'site', name: '院本部', code: 'YBB' })).body);
    const bld = (await eng.post('/locations', { orgId: h1, parentId: site.id, kind: 'building', name: '门诊楼' })).body;
    const room = (await eng.post('/locations', { orgId: h1, parentId: bld.id, kind: 'room', name: '中心机房' })).body;
    const rack = Location.parse((await eng.post('/locations', { orgId: h1, parentId: room.id, kind: 'rack', name: 'A01' })).body);
    expect(rack).toMatchObject({ fullName: '院本部 / 门诊楼 / 中心机房 / A01', rackUnits: 42, path: [site.id, bld.id, room.id, rack.id] });
    expect((await eng.post('/locations', { orgId: h1, parentId: rack.id, kind: 'room', name: 'x' })).body.error.code).toBe('location.bad_parent');
    expect((await eng.post('/locations', { orgId: h1, kind: 'room', name: 'x', rackUnits: 10 })).body.error.code).toBe('location.rack_units');
    expect((await eng.post('/locations', { orgId: h1, kind: 'site', name: 'dup', code: 'YBB' })).body.error.code).toBe('location.code_taken');
    // Moving the building moves everything under it.
    const site2 = (await eng.post('/locations', { orgId: h1, kind: 'site', name: '分院' })).body;
    expect((await eng.patch(`/locations/${bld.id}`, { parentId: site2.id })).status).toBe(200);
    expect((await eng.get(`/locations/${rack.id}`)).body).toMatchObject({ fullName: '分院 / 门诊楼 / 中心机房 / A01', path: [site2.id, bld.id, room.id, rack.id] });
    expect((await eng.patch(`/locations/${bld.id}`, { parentId: room.id })).body.error.code).toBe('location.bad_parent');
    // A parent of another hospital is invisible.
    const foreign = (await other.post('/locations', { orgId: h2, kind: 'site', name: '他院' })).body;
    expect((await eng.post('/locations', { orgId: h1, parentId: foreign.id, kind: 'room', name: 'x' })).status).toBe(404);
    expect((await eng.get(`/locations?parentId=${room.id}`)).body.items.map((l: Location) => l.name)).toEqual(['A01']);
    expect((await eng.delete(`/locations/${room.id}`)).body.error.code).toBe('location.not_empty');
    expect((await eng.delete(`/locations/${rack.id}`)).status).toBe(204);
  });
});

describe('vendors and contracts', () => {
  it('keeps vendor phones sealed and shows them masked', async () => {
    const v = await eng.post('/vendors', { orgId: h1, name: '东软集团', contactName: '王工', contactPhone: '13912345678', email: 'wang@example.cn' });
    expect(v.status).toBe(201);
    expect(Vendor.strict().parse(v.body).contactPhone).toBe('139****5678');
    const row = await app.platform.db.selectFrom('vendors').select('contactPhoneSealed').where('id', '=', v.body.id).executeTakeFirstOrThrow();
    expect(row.contactPhoneSealed).not.toContain('13912345678');
    expect((await eng.post('/vendors', { orgId: h1, name: '东软集团' })).body.error.code).toBe('vendor.name_taken');
    expect((await other.get(`/vendors/${v.body.id}`)).status).toBe(404);
  });

  it('records contracts in 分 with a checked period, vendor of the same line, and counts covered assets', async () => {
    const vendor = (await eng.post('/vendors', { orgId: h1, name: '联想' })).body.id;
    const foreignVendor = (await other.post('/vendors', { orgId: h2, name: '联想' })).body.id;
    const backwards = await eng.post('/maintenance-contracts', { orgId: h1, code: 'WB-X', name: 'x', startsOn: '2026-12-31', endsOn: '2026-01-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].path).toEqual(['body', 'endsOn']);
    expect((await eng.post('/maintenance-contracts', { orgId: h1, vendorId: foreignVendor, code: 'WB-X', name: 'x', startsOn: '2026-01-01', endsOn: '2026-12-31' })).status).toBe(400);
    const c = await eng.post('/maintenance-contracts', { orgId: h1, vendorId: vendor, code: 'WB-2026', name: '2026 年服务器维保', startsOn: '2026-01-01', endsOn: '2026-12-31', costFen: 12_345_600 });
    expect(c.status).toBe(201);
    const contract = MaintenanceContract.strict().parse(c.body);
    expect(contract).toMatchObject({ vendorName: '联想', costFen: 12_345_600, daysLeft: 39, assetCount: 0, document: null });
    await eng.post('/assets', { orgId: h1, kindKey: 'server', name: '维保服务器', contractId: contract.id });
    expect((await eng.get(`/maintenance-contracts/${contract.id}`)).body.assetCount).toBe(1);
    expect((await eng.get('/maintenance-contracts?expiringWithinDays=30')).body.items).toEqual([]);
    expect((await eng.get('/maintenance-contracts?expiringWithinDays=60')).body.items.map((x: MaintenanceContract) => x.code)).toEqual(['WB-2026']);
    expect((await eng.delete(`/maintenance-contracts/${contract.id}`)).body.error.code).toBe('contract.in_use');
    expect((await eng.patch(`/maintenance-contracts/${contract.id}`, { startsOn: '2027-01-01' })).status).toBe(400);
  });

  it('stores the signed contract as a checked, size-limited document', async () => {
    const id = (await eng.post('/maintenance-contracts', { orgId: h1, code: 'WB-DOC', name: '带附件', startsOn: '2026-01-01', endsOn: '2027-12-31' })).body.id;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 1)]);
    const put = (body: BodyInit, name = '合同.pdf', c: Client = eng) =>
      app.http.request(`http://localhost/api/maintenance-contracts/${id}/document?fileName=${encodeURIComponent(name)}`, { method: 'PUT', body, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/pdf' } });
    const up = await put(pdf);
    expect(up.status).toBe(200);
    expect(MaintenanceContract.parse(await up.json()).document).toMatchObject({ fileName: '合同.pdf', contentType: 'application/pdf', sizeBytes: pdf.byteLength });
    const down = await app.http.request(`http://localhost/api/maintenance-contracts/${id}/document`, { headers: { cookie: eng.cookie } });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(down.headers.get('content-disposition')).toContain(encodeURIComponent('合同.pdf'));
    expect(Buffer.from(await down.arrayBuffer()).equals(pdf)).toBe(true);
    const exe = await put(Buffer.from('MZ\x90\x00 not a document'), 'x.pdf');
    expect(exe.status).toBe(400);
    expect((await exe.json()).error.code).toBe('contract.document_type');
    const huge = await put(new Uint8Array(10 * 1024 * 1024 + 1));
    expect(huge.status).toBe(400);
    expect((await huge.json()).error.code).toBe('contract.document_too_large');
    expect((await put(pdf, '合同.pdf', other)).status).toBe(404);
    expect((await other.get(`/maintenance-contracts/${id}/document`)).status).toBe(404);
    expect((await eng.delete(`/maintenance-contracts/${id}/document`)).status).toBe(204);
    expect((await eng.get(`/maintenance-contracts/${id}`)).body.document).toBeNull();
  });
});
