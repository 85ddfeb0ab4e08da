import type { ReactNode } from 'react';
import { Navigate, useParams } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';

/**
 * Where an asset's QR label leads (/assets/:id): the asset page for people who may read the ledger, the fault report
 * for that device for clinical reporters, who may not — a nurse scanning the label should land on 报修, not on a 403.
 */
export function AssetLabelLanding({ children }: { children: ReactNode }) {
  const me = useMe();
  const { id } = useParams();
  if (!can(me, 'asset.read') && can(me, 'ticket.report') && id) return <Navigate to={`/servicedesk/report?assetId=${encodeURIComponent(id)}`} replace />;
  return <RequirePermission permission="asset.read">{children}</RequirePermission>;
}
