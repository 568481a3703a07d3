// Autosave for the note editor: a save runs `delay` ms after typing stops,
// and at once on `flush()` (blur, switching notes, closing the window).
// Saves never overlap: a change made while one is running is saved by the
// next one, so the last keystrokes are always written, in order.

export type Timers = {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
};

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type SaveState = "saved" | "pending" | "saving" | "failed";

export class Autosaver {
  private text: string | null = null;
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private lastError: unknown = null;

  constructor(
    private readonly save: (text: string) => Promise<void>,
    private readonly delay = 500,
    private readonly onstate: (s: SaveState, error?: unknown) => void = () => {},
    private readonly timers: Timers = realTimers,
  ) {}

  /** Text not yet handed to `save`. */
  get dirty(): boolean {
    return this.text !== null;
  }

  /** Whether a save is running or waiting to run. */
  get busy(): boolean {
    return this.dirty || this.running !== null;
  }

  /** The editor's text changed: save it after a pause. */
  change(text: string): void {
    this.text = text;
    this.onstate("pending");
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.flush().catch(() => {});
    }, this.delay);
  }

  /** Forgets unsaved text (the note was replaced by its file's new text). */
  discard(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.text = null;
  }

  /**
   * Saves what is unsaved now, after any save already running; resolves when
   * everything typed so far is written, rejects if that save failed (the
   * text is kept for the next attempt).
   */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
    while (this.running || this.text !== null) {
      if (this.running) {
        await this.running.catch(() => {});
        continue;
      }
      const text = this.text as string;
      this.text = null;
      this.onstate("saving");
      this.running = this.save(text).then(
        () => {
          this.lastError = null;
        },
        (e) => {
          // Keep the text unless something newer replaced it meanwhile.
          if (this.text === null) this.text = text;
          this.lastError = e;
          throw e;
        },
      );
      try {
        await this.running;
      } catch (e) {
        this.running = null;
        this.onstate("failed", e);
        throw e;
      }
      this.running = null;
    }
    if (this.lastError === null) this.onstate("saved");
  }
}

/**
 * Wraps an async function so that only the answer to the latest call is
 * delivered: an older call that finishes late is dropped (the preview never
 * shows text older than what is on screen).
 */
export function latestOnly<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  deliver: (r: R) => void,
  fail: (e: unknown) => void = () => {},
): (...args: A) => void {
  let ticket = 0;
  return (...args: A) => {
    const mine = ++ticket;
    fn(...args).then(
      (r) => {
        if (mine === ticket) deliver(r);
      },
      (e) => {
        if (mine === ticket) fail(e);
      },
    );
  };
}
