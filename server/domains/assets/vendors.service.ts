import type { Selectable } from 'kysely';
import type { Vendor, VendorCreateInput, VendorListQuery, VendorUpdateInput } from '../../../shared/schemas/assets.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/mask.ts';
import type { VendorsTable } from './assets.tables.ts';

type Row = Selectable<VendorsTable>;
const PHONE_CONTEXT = 'vendors.contact_phone';

function rethrowNameTaken(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw conflict('vendor.name_taken', 'A vendor of this name exists in the organisation');
  throw e;
}

/** Vendors (厂商/服务商) and their contacts; the contact phone is sealed with SM4 and shown masked. */
export function createVendorService({ db, audit, secrets, clock }: PlatformDeps) {
  const present = (r: Row): Vendor => ({
    id: r.id,
    orgId: r.orgId,
    name: r.name,
    contactName: r.contactName,
    contactPhone: r.contactPhoneSealed ? maskPhone(secrets.open(r.contactPhoneSealed, PHONE_CONTEXT)) : null,
    email: r.email,
    address: r.address,
    notes: r.notes,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  });
  const snapshot = (r: Row) => ({ ...r, contactPhoneSealed: r.contactPhoneSealed ? '***' : null });

  async function getRow(d: Db, actor: Actor, id: string, permission: 'asset.read' | 'asset.manage'): Promise<Row> {
    const row = await d.selectFrom('vendors').selectAll().where('id', '=', id).where(inScope(scopeOf(actor, permission), 'vendors.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('vendor', id);
    return row;
  }

  return {
    async list(actor: Actor, query: VendorListQuery): Promise<Vendor[]> {
      let q = db.selectFrom('vendors').selectAll().where(inScope(scopeOf(actor, 'asset.read'), 'vendors.org_id', actor, query.orgId));
      if (query.q) q = q.where('name', 'ilike', `%${query.q}%`);
      return (await q.orderBy('name').limit(10_000).execute()).map(present);
    },

    async get(actor: Actor, id: string): Promise<Vendor> {
      return present(await getRow(db, actor, id, 'asset.read'));
    },

    async create(actor: Actor, input: VendorCreateInput): Promise<Vendor> {
      requirePermission(actor, 'asset.manage');
      await assertInScope(db, actor, 'asset.manage', input.orgId, 'organisation', input.orgId);
      return db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await trx
          .insertInto('vendors')
          .values({
            orgId: input.orgId,
            name: input.name,
            contactName: input.contactName ?? null,
            contactPhoneSealed: input.contactPhone ? secrets.seal(input.contactPhone, PHONE_CONTEXT) : null,
            email: input.email ?? null,
            address: input.address ?? null,
            notes: input.notes ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(rethrowNameTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'vendor.create', action: 'create', objectType: 'vendor', objectId: row.id, orgId: row.orgId, detail: { after: snapshot(row) } });
        return present(row);
      });
    },

    async update(actor: Actor, id: string, input: VendorUpdateInput): Promise<Vendor> {
      const before = await getRow(db, actor, id, 'asset.manage');
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('vendors')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.contactName !== undefined ? { contactName: input.contactName } : {}),
            ...(input.contactPhone !== undefined ? { contactPhoneSealed: input.contactPhone ? secrets.seal(input.contactPhone, PHONE_CONTEXT) : null } : {}),
            ...(input.email !== undefined ? { email: input.email } : {}),
            ...(input.address !== undefined ? { address: input.address } : {}),
            ...(input.notes !== undefined ? { notes: input.notes } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(rethrowNameTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'vendor.update', action: 'update', objectType: 'vendor', objectId: id, orgId: row.orgId, detail: { before: snapshot(before), after: snapshot(row) } });
        return present(row);
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, 'asset.manage');
      await db.transaction().execute(async (trx) => {
        const contract = await trx.selectFrom('maintenanceContracts').select('id').where('vendorId', '=', id).limit(1).executeTakeFirst();
        const asset = await trx.selectFrom('assets').select('id').where('vendorId', '=', id).limit(1).executeTakeFirst();
        if (contract || asset) throw conflict('vendor.in_use', 'Contracts or assets still name this vendor');
        await trx.deleteFrom('vendors').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'vendor.delete', action: 'delete', objectType: 'vendor', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },
  };
}

export type VendorService = ReturnType<typeof createVendorService>;
