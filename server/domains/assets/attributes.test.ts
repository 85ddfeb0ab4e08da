import { describe, expect, it } from 'vitest';
import type { AssetFieldDef } from '../../../shared/schemas/assets.ts';
import { applyAttributes } from './attributes.ts';
import { diffSnapshots } from './history-diff.ts';

const fields: AssetFieldDef[] = [
  { key: 'isCore', label: '核心系统', labelEn: 'Core system', type: 'boolean' },
  { key: 'dengbaoLevel', label: '等保级别', labelEn: 'MLPS level', type: 'enum', options: [{ value: '3', label: '三级', labelEn: 'Level 3' }], required: true },
  { key: 'memoryGb', label: '内存', labelEn: 'Memory', type: 'integer', unit: 'GB' },
  { key: 'goLive', label: '上线日期', labelEn: 'Go-live', type: 'date' },
  { key: 'vip', label: '虚拟IP', labelEn: 'Virtual IP', type: 'ip' },
];

describe('applyAttributes', () => {
  it('coerces ledger text to the field types and maps option labels to values', () => {
    const r = applyAttributes(fields, {}, { isCore: '是', dengbaoLevel: '三级', memoryGb: '256', goLive: '2024-02-29', vip: '10.1.2.3' }, { requireAll: true });
    expect(r.issues).toEqual([]);
    expect(r.attributes).toEqual({ isCore: true, dengbaoLevel: '3', memoryGb: 256, goLive: '2024-02-29', vip: '10.1.2.3' });
  });

  it('reports unknown fields, bad values and missing required fields by path', () => {
    const r = applyAttributes(fields, {}, { colour: 'red', memoryGb: 1.5, goLive: '2023-02-29', vip: '10.1.2' }, { requireAll: true });
    expect(r.issues.map((i) => `${i.path.join('.')}:${i.code}`).sort()).toEqual(['attributes.colour:unknown_field', 'attributes.dengbaoLevel:required', 'attributes.goLive:invalid_value', 'attributes.memoryGb:invalid_value', 'attributes.vip:invalid_value']);
  });

  it('merges into stored values and removes a value set to null', () => {
    const r = applyAttributes(fields, { dengbaoLevel: '3', memoryGb: 64 }, { memoryGb: null, isCore: false }, { requireAll: false });
    expect(r.attributes).toEqual({ dengbaoLevel: '3', isCore: false });
  });
});

describe('diffSnapshots', () => {
  it('lists changed fields only, comparing arrays by content', () => {
    expect(diffSnapshots({ name: 'a', ips: ['1.1.1.1'], x: null }, { name: 'b', ips: ['1.1.1.1'], x: undefined })).toEqual({ name: ['a', 'b'] });
    expect(diffSnapshots(null, { name: 'a', brand: null })).toEqual({ name: [null, 'a'] });
  });
});
