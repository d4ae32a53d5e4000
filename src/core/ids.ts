/** Identifiers as the database makes them. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is spelled as a UUID (any version, either case). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
