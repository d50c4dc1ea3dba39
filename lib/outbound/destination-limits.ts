// Apart from the destination parser, so a form can show the limit without fetching the parser.
export const MAX_DESTINATIONS = 20;
