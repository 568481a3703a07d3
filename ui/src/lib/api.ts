// The one way the UI talks to the shell: typed `call`s to its commands, with
// every failure turned into a `CommandError` ({code, message}).
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { CommandError, Commands, DragHover, ExportProgress, FilesDropped, ImportProgress, NotebookChanged } from "./bindings";
import { EVENTS } from "./bindings";

export type { CommandError };

/** Whatever was thrown, as a `CommandError`. */
export function toCommandError(e: unknown): CommandError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return { code: String(code), message: String(message) };
  }
  if (e instanceof Error) return { code: "internal", message: e.message };
  return { code: "internal", message: String(e) };
}

export function isCommandError(e: unknown): e is CommandError {
  return !!e && typeof e === "object" && "code" in e && "message" in e;
}

type ArgsOf<K extends keyof Commands> = Commands[K]["args"];

export async function call<K extends keyof Commands>(
  command: K,
  ...args: keyof ArgsOf<K> extends never ? [] : [ArgsOf<K>]
): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(command, (args[0] ?? {}) as Record<string, unknown>);
  } catch (e) {
    throw toCommandError(e);
  }
}

export function progressChannel(onProgress: (p: ImportProgress) => void): Channel<ImportProgress> {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  return channel;
}

export function exportChannel(onProgress: (p: ExportProgress) => void): Channel<ExportProgress> {
  const channel = new Channel<ExportProgress>();
  channel.onmessage = onProgress;
  return channel;
}

/** The shell asks before the window closes, so unsaved text can be written first. */
export function onCloseRequested(handler: () => void): Promise<UnlistenFn> {
  return listen(EVENTS.closeRequested, () => handler());
}

export function onFilesDropped(handler: (d: FilesDropped) => void): Promise<UnlistenFn> {
  return listen<FilesDropped>(EVENTS.filesDropped, (e) => handler(e.payload));
}

export function onDragHover(handler: (d: DragHover) => void): Promise<UnlistenFn> {
  return listen<DragHover>(EVENTS.dragHover, (e) => handler(e.payload));
}

/** The notebook's files were changed by another program and taken in. */
export function onNotebookChanged(handler: (c: NotebookChanged) => void): Promise<UnlistenFn> {
  return listen<NotebookChanged>(EVENTS.notebookChanged, (e) => handler(e.payload));
}
