import type { OrganisationKind, OrganisationLevel } from '../../../shared/schemas/organisations.ts';

/** Which kinds may sit under a parent of a kind (null = top level); the server has the final word. */
export const CHILD_KINDS: Record<OrganisationKind | 'root', OrganisationKind[]> = {
  root: ['region', 'institution'],
  region: ['region', 'institution'],
  institution: ['institution', 'department'],
  department: ['department'],
};

/** 州/县/乡/村 describe regions; 三级/二级/基层 describe hospitals; departments have no level. */
export const LEVELS_BY_KIND: Record<OrganisationKind, OrganisationLevel[]> = {
  region: ['prefecture', 'county', 'township', 'village'],
  institution: ['tertiary', 'secondary', 'primary'],
  department: [],
};
