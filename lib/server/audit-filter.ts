import type { TrailFilter } from '../audit/audit-trail';
import { auditQueries } from './audit-service';
import { webRuntime } from './web-runtime';

/*
 * The audit trail's filters as a person types them: event types in any case (`moneywithdrawn`)
 * are the registered types they name, and a bare name (`ann`) is the actor that user signs as
 * (`teller:ann`), or a system actor of that name (`system:transfers`). Anything else is matched as
 * given, so nothing typed is silently widened.
 */

const SYSTEM_PREFIXES = ['system', 'import'];

const knownTypes = (): Map<string, string> => {
  const types = new Map<string, string>();
  for (const aggregate of webRuntime().aggregates.all) for (const type of aggregate.debugger.eventTypes) types.set(type.toLowerCase(), type);
  return types;
};

/** The actor a bare name stands for: the user's (by their current role), else a system actor with events, else the name as typed. */
const actorOf = async (typed: string): Promise<string> => {
  if (typed.includes(':')) return typed;
  const user = await webRuntime().users.find(typed.toLowerCase());
  if (user) return `${user.role}:${user.username}`;
  for (const prefix of SYSTEM_PREFIXES) {
    const actor = `${prefix}:${typed}`;
    if ((await auditQueries().queryEvents({ actor, order: 'asc', limit: 1 })).length > 0) return actor;
  }
  return typed;
};

export const resolveTrailFilter = async (filter: TrailFilter): Promise<TrailFilter> => {
  const types = filter.types ? knownTypes() : null;
  return {
    ...filter,
    ...(filter.types ? { types: filter.types.map((type) => types!.get(type.toLowerCase()) ?? type) } : {}),
    ...(filter.actor !== undefined ? { actor: await actorOf(filter.actor) } : {}),
  };
};
