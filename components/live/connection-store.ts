import { create } from 'zustand';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

type LiveState = {
  connection: ConnectionState;
  /** Highest global position the browser has seen an event for. */
  lastPosition: number;
  /** Global position of this browser's latest accepted command: queries wait for the read models to reach it. */
  lastWritePosition: number;
  setConnection: (connection: ConnectionState) => void;
  sawPosition: (position: number) => void;
  wrote: (position: number) => void;
};

/** UI state of the live connection (server data itself lives in react-query). */
export const useLiveStore = create<LiveState>((set) => ({
  connection: 'connecting',
  lastPosition: 0,
  lastWritePosition: 0,
  wrote: (position) => set((state) => (position > state.lastWritePosition ? { lastWritePosition: position } : state)),
  setConnection: (connection) => set({ connection }),
  sawPosition: (position) => set((state) => (position > state.lastPosition ? { lastPosition: position } : state)),
}));
