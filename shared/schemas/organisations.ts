import { z } from 'zod';

export const OrganisationKind = z.enum(['region', 'institution', 'department']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;
/** 州/县/乡/村 for the administrative tier of a region or centre; 三级/二级/基层 for hospitals. */
export const OrganisationLevel = z.enum(['prefecture', 'county', 'township', 'village', 'tertiary', 'secondary', 'primary']);
export type OrganisationLevel = z.infer<typeof OrganisationLevel>;

const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - only');
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, 'not a phone number');

export const OrganisationCreateInput = z.object({
  parentId: z.uuid().nullable(),
  kind: OrganisationKind,
  code,
  name: z.string().trim().min(1).max(100),
  level: OrganisationLevel.nullable().optional(),
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: phone.nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
});
export type OrganisationCreateInput = z.infer<typeof OrganisationCreateInput>;

export const OrganisationUpdateInput = OrganisationCreateInput.omit({ kind: true }).partial().extend({
  isActive: z.boolean().optional(),
});
export type OrganisationUpdateInput = z.infer<typeof OrganisationUpdateInput>;

export const Organisation = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: OrganisationKind,
  code: z.string(),
  name: z.string(),
  level: OrganisationLevel.nullable(),
  contactName: z.string().nullable(),
  /** masked, e.g. 138****1234 */
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  isActive: z.boolean(),
  path: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: OrganisationKind.optional(),
  parentId: z.uuid().optional(),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;
