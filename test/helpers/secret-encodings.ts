/**
 * The forms a secret may take once written somewhere, for tests that look for it in stored data:
 * as is, lower-cased (normalized security answers) or decomposed, JSON-escaped (once or twice),
 * percent-encoded (`encodeURIComponent` and form encoding); and each of those in hex and in
 * base64 / base64url at any byte alignment (a secret inside a longer encoded value only shows as
 * the characters that depend on it alone).
 */

/** The base64 (or base64url) characters that encode `bytes` whatever comes before or after them, for each of the 3 alignments. */
function base64Cores(bytes: Buffer, encoding: 'base64' | 'base64url'): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(encoding).replace(/=+$/, '');
    // Characters of groups that hold a filler byte, or the open end, depend on what surrounds the secret.
    const start = offset === 0 ? 0 : 4;
    const end = (offset + bytes.length) % 3 === 0 ? encoded.length : Math.floor((offset + bytes.length) / 3) * 4;
    const core = encoded.slice(start, end);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}

/** Every form of `secret` the scan looks for (deduplicated). */
export function secretEncodings(secret: string): string[] {
  const texts = new Set<string>();
  for (const text of [secret, secret.toLowerCase(), secret.normalize('NFD')]) {
    texts.add(text);
    texts.add(JSON.stringify(text).slice(1, -1));
    texts.add(JSON.stringify(JSON.stringify(text)).slice(1, -1));
    texts.add(encodeURIComponent(text));
    texts.add(new URLSearchParams({ v: text }).toString().slice(2));
  }
  const forms = new Set(texts);
  for (const text of texts) {
    const bytes = Buffer.from(text, 'utf8');
    forms.add(bytes.toString('hex'));
    for (const core of [...base64Cores(bytes, 'base64'), ...base64Cores(bytes, 'base64url')]) forms.add(core);
  }
  return [...forms];
}

/** The name of the first form of one of `secrets` found in `text`, or undefined. */
export function findSecret(text: string, secrets: ReadonlyMap<string, readonly string[]>): string | undefined {
  for (const [name, forms] of secrets) {
    const form = forms.find((candidate) => text.includes(candidate));
    if (form !== undefined) return `${name} (as ${JSON.stringify(form)})`;
  }
  return undefined;
}
