import { HttpError } from './responses';

/** Commands are a few hundred bytes; anything near this is a mistake or an attack. */
export const MAX_BODY_BYTES = 16 * 1024;

export type JsonObject = Record<string, unknown>;

const tooLarge = (limit: number) => new HttpError(413, 'payload_too_large', `The request body may be at most ${limit} bytes`);
const invalidJson = (message: string) => new HttpError(400, 'invalid_json', message);

const isJsonMediaType = (contentType: string): boolean => {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
};

/**
 * Reads the body as a JSON object without ever holding more than `limit` bytes:
 * a declared Content-Length over the limit is refused before reading, and the
 * bytes are counted while streaming because the header may be absent or lie.
 * An empty body reads as `{}` so that commands without fields need none.
 */
export const readJsonObject = async (request: Request, limit = MAX_BODY_BYTES): Promise<JsonObject> => {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);

  const bytes = await readLimited(request.body, limit);
  if (bytes.byteLength === 0) return {};

  const contentType = request.headers.get('content-type');
  if (contentType !== null && !isJsonMediaType(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'The request body must be application/json');
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalidJson('The request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidJson('The request body must be a JSON object');
  }
  return parsed as JsonObject;
};

const readLimited = async (body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> => {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
};
