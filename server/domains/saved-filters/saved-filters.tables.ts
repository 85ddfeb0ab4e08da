import type { ColumnType, Generated } from 'kysely';

export interface SavedFiltersTable {
  id: Generated<string>;
  userId: string;
  orgId: string;
  page: string;
  name: string;
  query: ColumnType<Record<string, string>, string, string>;
  createdAt: Generated<Date>;
}

export interface SavedFilterTables {
  savedFilters: SavedFiltersTable;
}
