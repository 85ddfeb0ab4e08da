import { describe, expect, it } from 'vitest';
import { LEDGER_FIELD_KEYS, LEDGER_FIELDS, looksLikeHeader, mapColumns, matchHeader, normalizeHeader } from './columns.ts';
import { templateColumnsForKind } from './template.ts';

const fieldsOf = (headers: string[]) => mapColumns(headers).mapping.map((m) => m.field);

describe('mapColumns', () => {
  it('maps the seed 001 and 002 headers', () => {
    expect(fieldsOf(['序号', '设备名称', '总数'])).toEqual(['seq', 'name', 'quantity']);
    expect(fieldsOf(['序号', '系统名称（软件部分）', '数量', '单位'])).toEqual(['seq', 'name', 'quantity', 'unit']);
    expect(fieldsOf(['序号', '系统名称 (接口部分)', '数量', '单位'])).toEqual(['seq', 'name', 'quantity', 'unit']);
    expect(fieldsOf(['序号', '类别', '名称型号', '数量', '单位', '购置年月', '保修期限', '保修状态', '所属区域'])).toEqual([
      'seq',
      'kind',
      'nameModel',
      'quantity',
      'unit',
      'purchaseMonth',
      'warrantyYears',
      'warrantyStatus',
      'location',
    ]);
  });

  it('maps the synonyms people use', () => {
    const cases: Array<[string, string]> = [
      ['资产名称', 'name'],
      ['接口名称', 'name'],
      ['生产厂家', 'brand'],
      ['规格型号', 'model'],
      ['SN', 'serialNumber'],
      ['出厂编号', 'serialNumber'],
      ['资产编码', 'assetCode'],
      ['设备编号', 'assetCode'],
      ['购买时间', 'purchaseMonth'],
      ['采购日期', 'purchaseMonth'],
      ['质保期', 'warrantyYears'],
      ['维保到期', 'warrantyEndsOn'],
      ['安装位置', 'location'],
      ['存放地点', 'location'],
      ['机房', 'location'],
      ['所属科室', 'department'],
      ['使用人', 'ownerPerson'],
      ['管理IP', 'ip'],
      ['IP地址', 'ip'],
      ['主机名', 'hostName'],
      ['操作系统', 'os'],
      ['处理器', 'cpu'],
      ['数据库', 'database'],
      ['中间件', 'middleware'],
      ['重要性', 'importance'],
      ['使用状态', 'status'],
      ['设备类型', 'kind'],
      ['维保厂商', 'vendor'],
      ['备注', 'notes'],
      ['运行于', 'relatedTo'],
      ['关联系统', 'relatedTo'],
    ];
    for (const [header, field] of cases) expect([header, matchHeader(header).field]).toEqual([header, field]);
  });

  it('is fuzzy about spaces, punctuation, full-width, required markers and units in brackets', () => {
    expect(matchHeader('* 设备名称')).toMatchObject({ field: 'name', confidence: 0.9 });
    expect(matchHeader('＊设备名称：')).toMatchObject({ field: 'name', confidence: 0.9 });
    expect(matchHeader('数量(台)')).toEqual({ field: 'quantity', confidence: 0.9, unitHint: '台' });
    expect(matchHeader('数量（套）')).toEqual({ field: 'quantity', confidence: 0.9, unitHint: '套' });
    expect(matchHeader('保修期限（年）')).toEqual({ field: 'warrantyYears', confidence: 0.9 });
    expect(matchHeader('ＩＰ地址')).toMatchObject({ field: 'ip', confidence: 0.9 });
    expect(matchHeader('S/N')).toMatchObject({ field: 'serialNumber', confidence: 1 });
    expect(matchHeader('设备名称及规格型号')).toMatchObject({ field: 'nameModel' });
    expect(matchHeader('维保厂商名称')).toMatchObject({ field: 'vendor' });
    expect(matchHeader('保修截止日期')).toMatchObject({ field: 'warrantyEndsOn', confidence: 1 });
    expect(matchHeader('设备所在机房')).toMatchObject({ field: 'location' });
    expect(matchHeader('服务器IP')).toMatchObject({ field: 'ip' });
    expect(normalizeHeader(' *数量（台） ')).toBe('数量');
  });

  it('leaves unknown headers unmapped and keeps one column per field', () => {
    const { mapping, unmapped } = mapColumns(['设备名称', '名称', '合同号', '', 'IP', '业务IP', '备注', '说明']);
    expect(mapping.map((m) => m.field)).toEqual(['name', null, null, null, 'ip', 'ip', 'notes', 'notes']);
    expect(unmapped).toEqual(['名称', '合同号']);
    expect(mapping[0]).toMatchObject({ index: 0, header: '设备名称', confidence: 1 });
  });

  it('recognises header cells but not titles or data', () => {
    expect(looksLikeHeader('设备名称')).toBe(true);
    expect(looksLikeHeader('硬件运维设备统计表')).toBe(false);
    expect(looksLikeHeader('PACS数据库服务器HP DL580-G7')).toBe(false);
    expect(looksLikeHeader('2台')).toBe(false);
  });

  it('exports labels for every field, and the template headers map back', () => {
    expect(LEDGER_FIELDS.map((f) => f.key)).toEqual([...LEDGER_FIELD_KEYS]);
    for (const f of LEDGER_FIELDS) expect(f.zh && f.en).toBeTruthy();
    for (const kind of [undefined, 'server', 'software_system', 'interface', 'printer']) {
      const cols = templateColumnsForKind(kind);
      const headers = cols.map((c) => (c.required ? `*${c.header}` : c.header));
      expect(fieldsOf(headers)).toEqual(cols.map((c) => c.key));
    }
  });
});
