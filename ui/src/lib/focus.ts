/** A passage the reader should scroll to, and the words to mark in it. `nonce` re-triggers the scroll. */
export type Focus = { passage: number; terms: string[]; nonce: number };
