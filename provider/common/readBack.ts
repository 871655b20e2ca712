import { isPlainObject } from "./values";

/**
 * The object as DSS holds it after a write. Some DSS versions answer a document PUT with the saved
 * document: then that answer is the read-back and saves a call. Any other answer (empty, `{"msg":…}`)
 * means a GET.
 */
export async function readBack<T>(
  reply: unknown,
  isDocument: (reply: Record<string, unknown>) => boolean,
  get: () => Promise<T>,
): Promise<T> {
  return isPlainObject(reply) && isDocument(reply) ? (reply as T) : get();
}
