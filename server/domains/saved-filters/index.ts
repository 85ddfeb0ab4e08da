export { savedFilterRoutes } from './saved-filters.routes.ts';
export { createSavedFilterService, type SavedFilterService } from './saved-filters.service.ts';
export type { SavedFilterTables } from './saved-filters.tables.ts';
