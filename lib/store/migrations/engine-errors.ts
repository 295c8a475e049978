import type { ErrorRegistry } from '@prisma/driver-adapter-utils';

const EXTERNAL_ERROR = /External error id#(\d+)/g;
const SPAN_TRACE = /\n\s*0: /;

const describe = (error: unknown): string => {
  if (error && typeof error === 'object' && 'cause' in error && error.cause && typeof error.cause === 'object') {
    const cause = error.cause as { message?: unknown; kind?: unknown };
    if (typeof cause.message === 'string') return cause.message;
    if (typeof cause.kind === 'string') return cause.kind;
  }
  return error instanceof Error ? error.message : String(error);
};

/**
 * Engine errors name driver errors only by a registry id and end in a Rust
 * span trace: put the driver's message back in and drop the trace.
 */
export const explainEngineError = (error: unknown, registry: ErrorRegistry): Error => {
  if (!(error instanceof Error)) return new Error(String(error));
  const code = (error as { code?: unknown }).code;
  const message = (error.message.split(SPAN_TRACE)[0] ?? error.message)
    .trim()
    .replace(EXTERNAL_ERROR, (whole, id: string) => {
      const inner = registry.consumeError(Number(id));
      return inner ? describe(inner.error) : whole;
    });
  return Object.assign(new Error(typeof code === 'string' ? `${code}: ${message}` : message, { cause: error }), {
    code,
  });
};
