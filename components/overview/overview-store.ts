import { create } from 'zustand';

type OverviewState = {
  /** The account this browser opened last: its row is marked so the reader finds their change at once. */
  justOpened: string | null;
  opened: (accountId: string) => void;
};

export const useOverviewStore = create<OverviewState>((set) => ({
  justOpened: null,
  opened: (accountId) => set({ justOpened: accountId }),
}));
