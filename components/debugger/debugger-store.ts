import { create } from 'zustand';

export const SPEEDS = [1, 2, 5, 10, 25, 50] as const;
export type Speed = (typeof SPEEDS)[number];

type DebuggerUiState = {
  /** The version shown; mirrors `?v=` in the URL. */
  version: number;
  playing: boolean;
  /** Events per second while playing. */
  speed: Speed;
  /** The breakpoint expression that was run (hits come from the server). */
  breakpoint: string;
  payloadForm: 'current' | 'stored';
  /** At the head and following: new events move the position along, like a terminal's tail. */
  following: boolean;
  setFollowing: (following: boolean) => void;
  setVersion: (version: number) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: Speed) => void;
  setBreakpoint: (expression: string) => void;
  setPayloadForm: (form: 'current' | 'stored') => void;
};

/** UI state only; streams, states and hits are server data in react-query. */
export const useDebuggerStore = create<DebuggerUiState>((set) => ({
  version: 0,
  playing: false,
  speed: 5,
  breakpoint: '',
  payloadForm: 'current',
  following: false,
  setFollowing: (following) => set({ following }),
  setVersion: (version) => set({ version }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  setBreakpoint: (breakpoint) => set({ breakpoint }),
  setPayloadForm: (payloadForm) => set({ payloadForm }),
}));
