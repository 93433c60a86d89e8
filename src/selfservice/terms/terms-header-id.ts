/**
 * The `id` ForgeRock's UI gives a terms heading, so that links into terms keep working: the
 * heading's text, lower-cased, without spaces and special characters (underscores stay):
 * `Example -/=()%^&*@£_ Example` → `example_example`. A repeated id gets `-1`, `-2`… as the
 * UI's Markdown converter (showdown) numbers them.
 */

/** The id of a heading whose text is `text` (empty when nothing is left). */
export function termsHeaderId(text: string): string {
  return text.replace(/[^\w]/g, '').toLowerCase();
}

/** Ids for the headings of one document, in order, repeated ones numbered. */
export function termsHeaderIds(): { next(text: string): string } {
  const counts = new Map<string, number>();
  return {
    next(text) {
      const id = termsHeaderId(text);
      if (id === '') return id;
      const seen = counts.get(id);
      counts.set(id, (seen ?? 0) + 1);
      return seen === undefined ? id : `${id}-${seen}`;
    },
  };
}
