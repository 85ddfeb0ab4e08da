import { z } from 'zod';
import { IdParam } from '../../../shared/schemas/common.ts';
import { SavedFilter, SavedFilterCreateInput, SavedFilterListQuery } from '../../../shared/schemas/saved-filters.ts';
import { defineRoutes } from '../../platform/api.ts';
import type { SavedFilterService } from './saved-filters.service.ts';

export function savedFilterRoutes(filters: SavedFilterService) {
  return defineRoutes('saved-filters')
    .get('/saved-filters', { summary: "The caller's saved filters of a list page", sessionOnly: true, query: SavedFilterListQuery, response: z.object({ items: z.array(SavedFilter) }), tenancy: { list: 'saved_filter' } }, async ({ actor, query }) => ({
      items: await filters.list(actor, query.page),
    }))
    .post('/saved-filters', { summary: 'Save the current filter of a list page under a name', sessionOnly: true, body: SavedFilterCreateInput, response: SavedFilter, status: 201, tenancy: { none: "a person's own filters, owned by the caller" }, example: { page: 'assets', name: '过保核心设备', query: { warranty: 'out', importance: 'core' } } }, ({ actor, body }) => filters.create(actor, body))
    .delete('/saved-filters/:id', { summary: 'Delete one of your saved filters', sessionOnly: true, params: IdParam, status: 204, tenancy: { object: 'saved_filter' } }, async ({ actor, params }) => {
      await filters.remove(actor, params.id);
      return null;
    });
}
