import { z } from 'zod';

/** The list page a filter belongs to; later modules add theirs (tickets, alerts …). */
export const SavedFilterPage = z.enum(['assets']);
export type SavedFilterPage = z.infer<typeof SavedFilterPage>;

/** A list page's query string as key → value, e.g. { status: 'in_use', warranty: 'out' }. */
export const SavedFilterQuery = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/), z.string().max(200))
  .refine((q) => Object.keys(q).length <= 30, 'at most 30 parameters');

export const SavedFilter = z.object({
  id: z.uuid(),
  page: SavedFilterPage,
  name: z.string(),
  query: z.record(z.string(), z.string()),
  createdAt: z.iso.datetime(),
});
export type SavedFilter = z.infer<typeof SavedFilter>;

export const SavedFilterCreateInput = z.object({ page: SavedFilterPage, name: z.string().trim().min(1).max(40), query: SavedFilterQuery });
export type SavedFilterCreateInput = z.infer<typeof SavedFilterCreateInput>;
export const SavedFilterListQuery = z.object({ page: SavedFilterPage.default('assets') });
