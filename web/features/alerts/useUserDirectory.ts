import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { listUsers } from '../users/users.api.ts';

/**
 * The active users this person may see (one page of up to 500), for the on-call and escalation pickers and to show
 * names where the API stores only user ids (schedule participants, overrides). Without user.read it stays empty and
 * the pages fall back to the names the shift views carry.
 */
export function useUserDirectory() {
  const me = useMe();
  const canRead = can(me, 'user.read');
  const users = useQuery({
    queryKey: ['users', 'directory'],
    queryFn: () => listUsers({ page: 1, pageSize: 500, status: 'active' }),
    enabled: canRead,
    staleTime: 5 * 60_000,
  });
  const byId = useMemo(() => new Map((users.data?.items ?? []).map((u) => [u.id, u])), [users.data]);
  return {
    users: users.data?.items ?? [],
    isLoading: canRead && users.isPending,
    /** the display name, or the id itself for someone not in the directory (removed, or out of scope) */
    nameOf: (id: string) => byId.get(id)?.displayName ?? id,
  };
}
