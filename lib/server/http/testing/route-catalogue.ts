import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

export type CataloguedRoute = {
  /** `/api/accounts/[accountId]/deposit` */
  pattern: string;
  /** `accountId`, in path order. */
  paramNames: string[];
  method: string;
  handler: RouteHandler;
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Every route handler under app/api, found on disk, so a new route is covered
 * by the fuzzing the day it is added instead of when someone remembers it.
 */
export const catalogueRoutes = async (root: string): Promise<CataloguedRoute[]> => {
  const apiDir = join(root, 'app', 'api');
  const files = (readdirSync(apiDir, { recursive: true }) as string[])
    .filter((file) => file.endsWith(`${sep}route.ts`) || file === 'route.ts')
    .sort();
  const routes: CataloguedRoute[] = [];
  for (const file of files) {
    const directory = relative(apiDir, join(apiDir, file)).split(sep).slice(0, -1);
    const pattern = `/api/${directory.join('/')}`;
    const paramNames = directory.flatMap((segment) => /^\[(\w+)\]$/.exec(segment)?.slice(1) ?? []);
    const exported = (await import(join(apiDir, file))) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = exported[method];
      if (typeof handler === 'function') routes.push({ pattern, paramNames, method, handler: handler as RouteHandler });
    }
  }
  return routes;
};

export const fillPattern = (pattern: string, values: Record<string, string>): string =>
  pattern.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
