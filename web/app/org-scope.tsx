import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react';
import { useOrganisations } from '../features/organisations/useOrganisations.ts';

const STORAGE_KEY = 'yiwei.orgScope';

type OrgScope = {
  /** The organisation chosen in the header, if it is still visible to this user. */
  orgId: string | undefined;
  setOrgId: (id: string | undefined) => void;
};

const OrgScopeContext = createContext<OrgScope>({ orgId: undefined, setOrgId: () => {} });

/** Holds the header's organisation scope: the default org filter and the default parent in create forms. */
export function OrgScopeProvider({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const orgs = useOrganisations(enabled);
  const [stored, setStored] = useState<string | undefined>(() => localStorage.getItem(STORAGE_KEY) ?? undefined);
  const setOrgId = useCallback((id: string | undefined) => {
    if (id) localStorage.setItem(STORAGE_KEY, id);
    else localStorage.removeItem(STORAGE_KEY);
    setStored(id);
  }, []);
  // An id remembered from another account or a deleted organisation is ignored rather than sent as a filter.
  const orgId = stored && orgs.data?.some((o) => o.id === stored) ? stored : undefined;
  const value = useMemo(() => ({ orgId, setOrgId }), [orgId, setOrgId]);
  return <OrgScopeContext value={value}>{children}</OrgScopeContext>;
}

export function useOrgScope(): OrgScope {
  return use(OrgScopeContext);
}
