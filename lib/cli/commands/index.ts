import type { Command } from '../command';
import { appendCommand } from './append';
import { customersCommand } from './customers';
import { exportCommand } from './export';
import { importCommand } from './import';
import { listCommand } from './list';
import { migrateCommand } from './migrate';
import { outboxCommand } from './outbox';
import { projectionsCommand } from './projections';
import { replayCommand } from './replay';
import { replayDecisionsCommand } from './replay-decisions';
import { snapshotCommand } from './snapshot';
import { usersCommand } from './users';
import { verifyCommand } from './verify';
import { verifyPackCommand } from './verify-pack';

/** Every `chronicle` command, in the order the program's help lists them. */
export const COMMANDS: readonly Command[] = [
  appendCommand,
  listCommand,
  replayCommand,
  replayDecisionsCommand,
  verifyCommand,
  verifyPackCommand,
  projectionsCommand,
  outboxCommand,
  snapshotCommand,
  migrateCommand,
  exportCommand,
  importCommand,
  usersCommand,
  customersCommand,
];
