export { createOrganisationService, type OrganisationService } from './organisations.service.ts';
export { organisationRoutes } from './organisations.routes.ts';
export type { OrganisationTables } from './organisations.tables.ts';
