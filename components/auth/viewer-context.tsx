'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { authorize, type Action } from '@/lib/auth/policy';
import type { Principal } from '@/lib/auth/principal';

/* Who is signed in, for the browser: which controls to show. The server decides what is allowed. */

const ViewerContext = createContext<Principal | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Principal | null; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export const useViewer = (): Principal | null => useContext(ViewerContext);

/** Whether the viewer may do `action`, on an account held by `owner` when given: the same policy the server applies. */
export const useCan = (action: Action, owner?: string): boolean => authorize(useViewer(), action, owner === undefined ? undefined : { owner }).allowed;
