// A console password's length limits (./password-policy has the whole rule). Apart from the
// common-password list, so that a password form's help text does not ship the list.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
