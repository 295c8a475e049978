import { create } from 'zustand';
import type { EventFilter } from '@/lib/debugger/types';

/** A window of versions the density strip, list, slider and chart are zoomed to. */
export type Zoom = { from: number; to: number };

export const SPEEDS = [1, 2, 5, 10, 25, 50] as const;
export type Speed = (typeof SPEEDS)[number];

type DebuggerUiState = {
  /** The version shown, set at once on a move (the URL's `?v=` follows); null until the page has read the URL. */
  version: number | null;
  playing: boolean;
  /** Events per second while playing. */
  speed: Speed;
  /** The breakpoint expression that was run (hits come from the server). */
  breakpoint: string;
  payloadForm: 'current' | 'stored';
  /** At the head and following: new events move the position along, like a terminal's tail. */
  following: boolean;
  filter: EventFilter;
  zoom: Zoom | null;
  helpOpen: boolean;
  /** The stream whose URL (breakpoint, zoom, filters) has been read into this store; null before. */
  urlReadFor: string | null;
  setUrlReadFor: (streamId: string | null) => void;
  setFilter: (filter: EventFilter) => void;
  setZoom: (zoom: Zoom | null) => void;
  setHelpOpen: (open: boolean) => void;
  setFollowing: (following: boolean) => void;
  setVersion: (version: number | null) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: Speed) => void;
  setBreakpoint: (expression: string) => void;
  setPayloadForm: (form: 'current' | 'stored') => void;
};

/** UI state only; streams, states and hits are server data in react-query. */
export const useDebuggerStore = create<DebuggerUiState>((set) => ({
  version: null,
  playing: false,
  speed: 5,
  breakpoint: '',
  payloadForm: 'current',
  following: false,
  filter: {},
  zoom: null,
  helpOpen: false,
  urlReadFor: null,
  setUrlReadFor: (urlReadFor) => set({ urlReadFor }),
  setFilter: (filter) => set({ filter }),
  setZoom: (zoom) => set({ zoom }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setFollowing: (following) => set({ following }),
  setVersion: (version) => set({ version }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  setBreakpoint: (breakpoint) => set({ breakpoint }),
  setPayloadForm: (payloadForm) => set({ payloadForm }),
}));
