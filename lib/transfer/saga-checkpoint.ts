/**
 * Where the transfer process manager resumes reading the global log, and the
 * lease that makes one process at a time drive transfers (two drivers could
 * both see a debit refused and accepted).
 */
export interface SagaCheckpoint {
  /** Takes or renews the lease; false while another live holder has it. */
  acquire(): Promise<boolean>;
  /** Every transfer requested at or before this position had ended when it was saved. */
  position(): Promise<number>;
  /** Fails if the lease was lost. */
  save(position: number): Promise<void>;
  release(): Promise<void>;
}

/** A checkpoint in memory that several holders share, as processes share the database row (tests). */
export const inMemorySagaCheckpoint = (shared: { holder: string | null; position: number } = { holder: null, position: 0 }) => ({
  shared,
  forHolder: (name: string): SagaCheckpoint => ({
    acquire: async () => {
      if (shared.holder !== null && shared.holder !== name) return false;
      shared.holder = name;
      return true;
    },
    position: async () => shared.position,
    save: async (position) => {
      if (shared.holder !== name) throw new Error('lease lost');
      shared.position = position;
    },
    release: async () => {
      if (shared.holder === name) shared.holder = null;
    },
  }),
});
