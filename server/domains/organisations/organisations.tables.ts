import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationsTable {
  id: Generated<string>;
  parentId: string | null;
  ancestorIds: string[];
  kind: 'region' | 'institution' | 'department';
  code: string;
  name: string;
  level: string | null;
  contactName: string | null;
  contactPhoneSealed: string | null;
  address: string | null;
  isActive: Generated<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface OrganisationTables {
  organisations: OrganisationsTable;
}
