import { useMemo } from 'react';
import { mergeLevels } from './desk-format.ts';
import { useDeskFormat } from './useDeskFormat.ts';
import { useSlaPolicies, useSlaTemplates } from './useSlaPolicies.ts';
import { PICKER_PAGE } from './useTickets.ts';

/**
 * Every level a ticket in scope can carry: the levels of the organisations' policies and of the platform default
 * template, merged by key, for the list's level filter.
 */
export function useLevelOptions(orgId: string | undefined) {
  const { name } = useDeskFormat();
  const policies = useSlaPolicies({ orgId, ...PICKER_PAGE });
  const templates = useSlaTemplates();
  return useMemo(() => {
    const platform = templates.data?.items.find((tpl) => tpl.key === templates.data?.platformDefault)?.policy;
    const all = [...(policies.data?.items.map((p) => p.policy) ?? []), ...(platform ? [platform] : [])];
    return mergeLevels(all).map((l) => ({ value: l.key, label: name(l) }));
  }, [policies.data, templates.data, name]);
}
