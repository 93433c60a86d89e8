/**
 * Standard input read whole by a CLI command (a secret piped in), with a bound: more than
 * `maxBytes` throws `tooLong()` as soon as it arrives, so a runaway pipe is not buffered.
 */

/** Everything on standard input, at most `maxBytes`. */
export async function readStdin(maxBytes: number, tooLong: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw tooLong();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
