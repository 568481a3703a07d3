/**
 * A passage the reader should scroll to, the words to mark in it, and the
 * annotation to outline (if one was chosen); `edit` opens its editor too.
 * `nonce` re-triggers the scroll.
 */
export type Focus = { passage: number; terms: string[]; nonce: number; annotation?: string; edit?: boolean };
