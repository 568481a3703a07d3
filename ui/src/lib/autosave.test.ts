import { describe, expect, it } from "vitest";
import { Autosaver, latestOnly, type SaveState, type Timers } from "./autosave";

// A clock under the test's control.
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (h) => void pending.delete(h as number),
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
    // let promise callbacks run
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { timers, advance, pending };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("Autosaver", () => {
  it("saves once, 500 ms after typing stops, with the last text", async () => {
    const saved: string[] = [];
    const { timers, advance } = fakeTimers();
    const a = new Autosaver(async (t) => void saved.push(t), 500, () => {}, timers);
    a.change("a");
    await advance(300);
    a.change("ab");
    await advance(300);
    a.change("abc");
    await advance(499);
    expect(saved).toEqual([]);
    expect(a.dirty).toBe(true);
    await advance(1);
    expect(saved).toEqual(["abc"]);
    expect(a.dirty).toBe(false);
  });

  it("flush saves at once and cancels the pending timer", async () => {
    const saved: string[] = [];
    const { timers, advance, pending } = fakeTimers();
    const a = new Autosaver(async (t) => void saved.push(t), 500, () => {}, timers);
    a.change("closing now");
    await a.flush();
    expect(saved).toEqual(["closing now"]);
    expect(pending.size).toBe(0);
    await advance(1000);
    expect(saved).toEqual(["closing now"]);
    await a.flush();
    expect(saved).toEqual(["closing now"]); // nothing new: no second save
  });

  it("never runs two saves at once, and the keystrokes typed during a save are saved next", async () => {
    const calls: string[] = [];
    const gates: Array<ReturnType<typeof deferred>> = [];
    const { timers, advance } = fakeTimers();
    const a = new Autosaver(
      (t) => {
        calls.push(t);
        const d = deferred();
        gates.push(d);
        return d.promise;
      },
      500,
      () => {},
      timers,
    );
    a.change("one");
    await advance(500);
    expect(calls).toEqual(["one"]);
    a.change("one two");
    const flushed = a.flush();
    await advance(0);
    expect(calls).toEqual(["one"]); // waits for the running save
    gates[0]!.resolve();
    await advance(0);
    expect(calls).toEqual(["one", "one two"]);
    gates[1]!.resolve();
    await flushed;
    expect(a.busy).toBe(false);
  });

  it("keeps the text after a failed save and reports it; the next flush retries", async () => {
    const states: SaveState[] = [];
    let fail = true;
    const saved: string[] = [];
    const { timers } = fakeTimers();
    const a = new Autosaver(
      async (t) => {
        if (fail) throw { code: "io", message: "disk full" };
        saved.push(t);
      },
      500,
      (s) => states.push(s),
      timers,
    );
    a.change("precious");
    await expect(a.flush()).rejects.toEqual({ code: "io", message: "disk full" });
    expect(a.dirty).toBe(true);
    expect(states.at(-1)).toBe("failed");
    fail = false;
    await a.flush();
    expect(saved).toEqual(["precious"]);
    expect(states.at(-1)).toBe("saved");
  });

  it("discard drops unsaved text (the file's newer text replaced it)", async () => {
    const saved: string[] = [];
    const { timers, advance } = fakeTimers();
    const a = new Autosaver(async (t) => void saved.push(t), 500, () => {}, timers);
    a.change("stale");
    a.discard();
    await advance(1000);
    await a.flush();
    expect(saved).toEqual([]);
  });
});

describe("latestOnly", () => {
  it("drops answers to older calls that arrive late", async () => {
    const gates = new Map<string, (v: string) => void>();
    const got: string[] = [];
    const run = latestOnly(
      (q: string) => new Promise<string>((res) => gates.set(q, res)),
      (r) => got.push(r),
    );
    run("old");
    run("new");
    gates.get("new")!("NEW");
    gates.get("old")!("OLD");
    await Promise.resolve();
    await Promise.resolve();
    expect(got).toEqual(["NEW"]);
  });
});
