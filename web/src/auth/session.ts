import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';

export type Me = Awaited<ReturnType<typeof fetchMe>>;

async function fetchMe() {
  const me = await unwrap(api.GET('/api/me'));
  setCsrfToken(me.csrfToken);
  return me;
}

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when nobody is (the sign-in page shows). */
export function useSession() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await fetchMe();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** The signed-in person; only for pages rendered inside the session gate. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe outside the session gate');
  return data;
}

export async function signIn(username: string, password: string): Promise<void> {
  const answer = await unwrap(api.POST('/api/auth/login', { body: { username, password, session: 'cookie' } }));
  setCsrfToken(answer.csrfToken);
}

export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await api.POST('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    // Drafts kept in the tab (a half-filled acceptance with ID numbers) do not outlive the person's session.
    sessionStorage.clear();
    // The session query stays (its observer shows the sign-in page); everything read as this person goes.
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
  };
}
