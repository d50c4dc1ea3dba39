// How the command palette ranks an entry for what was typed (cmdk's `filter`): a verb asks for
// an action ("new" → New API key, New credential), an entry that starts with the text comes
// before one whose words merely start with it, and letters are never picked across words, so
// "okta" does not match "S3 Action Flows buckets". 0 hides the entry.

/** Typed verbs and the word the actions they ask for start with. */
const VERBS: Record<string, string> = { new: "new", create: "new", add: "new" };

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}:]+/u)
    .filter(Boolean);

export function paletteScore(value: string, search: string, keywords: readonly string[] = []): number {
  const query = search.trim().toLowerCase();
  if (!query) return 1;
  const tokens = words(query);
  if (tokens.length === 0) return 0;
  const valueWords = words(value);
  const allWords = [...valueWords, ...keywords.flatMap(words)];
  const startsWord = (list: string[]) => (token: string) => list.some((word) => word.startsWith(token));

  const verb = VERBS[tokens[0]];
  if (verb && valueWords[0] === verb && tokens.slice(1).every(startsWord(valueWords.slice(1)))) return 1;
  if (value.toLowerCase().startsWith(query)) return 0.9;
  if (tokens.every(startsWord(valueWords))) return 0.7;
  if (tokens.every(startsWord(allWords))) return 0.5;
  // Inside one word ("keys" in "apikeys"), for three letters or more.
  if (tokens.every((token) => token.length >= 3 && allWords.some((word) => word.includes(token)))) return 0.2;
  return 0;
}
