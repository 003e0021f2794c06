/**
 * Caches keyed by short texts cut from documents, which outlive the documents they came from.
 */

/**
 * A bounded cache of values computed from a text. V8 keeps a slice of 13 or more characters as a
 * view into the string it was cut from, and a concatenation as a pair of its parts; a cell's text
 * kept as given would keep its whole document alive for as long as the entry lasts, one document
 * version per new entry while a draft is edited. So an entry's key is a copy of its own, and the
 * value is computed from that copy (values may keep pieces of their text).
 */
export class TextCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly limit = 20000) {}

  /** The value for `text`, computed by `compute` (from a copy of `text`) on a miss. */
  get(text: string, compute: (text: string) => T): T {
    let value = this.entries.get(text);
    if (value === undefined) {
      const own = ownCopy(text);
      value = compute(own);
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(own, value);
    }
    return value;
  }
}

/** A string equal to `text` that shares no characters with the string it was cut from. */
export function ownCopy(text: string): string {
  // Shorter slices and concatenations are copies already; a slice of a fresh concatenation points
  // into that concatenation's own flat copy of the characters.
  return text.length < 13 ? text : (' ' + text).slice(1);
}
