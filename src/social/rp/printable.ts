/** A provider-supplied text made safe and short for a log line: printable ASCII only, at most 200 characters. */
export function printable(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
