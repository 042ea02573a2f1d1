// A feed's text in pieces, its articles' contents shared among the feeds that print them.

/**
 * A feed's text in pieces: its own text, and numbers that stand for articles' contents, each
 * written once for every feed that prints it (FeedContents). Joined, the feed's bytes.
 */
export type FeedText = (string | number)[];

/** A feed's text as one string, its contents written out (given by contentTexts). */
export function joinedText(text: FeedText): string {
  if (text.some((piece) => typeof piece === 'number'))
    throw new Error('A feed text with shared contents is joined by the writer that holds them.');
  return text.join('');
}

/**
 * `parts`, each a text or a FeedText, joined by `separator` into one FeedText, adjacent strings
 * made one.
 */
export function joinPieces(parts: readonly (string | FeedText)[], separator: string): FeedText {
  const out: FeedText = [];
  let text = '';
  parts.forEach((part, i) => {
    if (i > 0) text += separator;
    for (const piece of typeof part === 'string' ? [part] : part) {
      if (typeof piece === 'string') text += piece;
      else {
        if (text !== '') out.push(text);
        out.push(piece);
        text = '';
      }
    }
  });
  if (text !== '') out.push(text);
  return out;
}
