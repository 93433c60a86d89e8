/**
 * Parses the JSON a documentation page shows, where `…` stands for what the page leaves out: as
 * an object member (`{"version":"0.0",…}`: more members may follow), as an array element
 * (`[…,{"name":"password"},…]`: any number of elements), or as a value (`"properties": …`:
 * anything). Inside a string, `…` stays a character; the matcher reads it as a wildcard.
 */

/** Stands for what the page leaves out. */
export const ELIDED: unique symbol = Symbol('…');

/** A JSON value as a page shows it. */
export type LooseJson = string | number | boolean | null | typeof ELIDED | LooseJson[] | LooseObject;

/** An object as a page shows it; `open` when a `…` member allows more members. */
export class LooseObject {
  readonly members = new Map<string, LooseJson>();
  open = false;
}

class Parser {
  private at = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  parse(): LooseJson {
    const value = this.value();
    this.space();
    if (this.at !== this.text.length) this.fail('end of input');
    return value;
  }

  private fail(expected: string): never {
    throw new SyntaxError(`expected ${expected} at position ${this.at}`);
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  private elided(): boolean {
    this.space();
    if (this.text[this.at] !== '…') return false;
    this.at++;
    return true;
  }

  private value(): LooseJson {
    if (this.elided()) return ELIDED;
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    const literal = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.at));
    if (literal === null) this.fail('a JSON value');
    const word = literal[0];
    this.at += word.length;
    return word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word);
  }

  private string(): string {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(this.text.slice(this.at));
    if (match === null) this.fail('a string');
    this.at += match[0].length;
    return String(JSON.parse(match[0]));
  }

  private object(): LooseObject {
    const result = new LooseObject();
    this.at++;
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return result;
    }
    for (;;) {
      if (this.elided()) result.open = true;
      else {
        this.space();
        const key = this.string();
        this.space();
        if (this.text[this.at] !== ':') this.fail('":"');
        this.at++;
        this.space();
        result.members.set(key, this.value());
      }
      this.space();
      const c = this.text[this.at++];
      if (c === '}') return result;
      if (c !== ',') this.fail('"," or "}"');
    }
  }

  private array(): LooseJson[] {
    const result: LooseJson[] = [];
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return result;
    }
    for (;;) {
      this.space();
      result.push(this.value());
      this.space();
      const c = this.text[this.at++];
      if (c === ']') return result;
      if (c !== ',') this.fail('"," or "]"');
    }
  }
}

/** The value `text` shows; throws a SyntaxError when it is not (loose) JSON. */
export function parseLooseJson(text: string): LooseJson {
  return new Parser(text).parse();
}
