// The note editor: CodeMirror 6 with Markdown, styled through the
// Content-Security-Policy nonce the shell puts in index.html (CodeMirror adds
// its styles as <style> elements; the CSP allows only 'self' and that nonce).
import { Annotation, EditorState } from "@codemirror/state";
import { EditorView, drawSelection, dropCursor, keymap, placeholder } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

/** Marks a change that came from the file, not from typing (no autosave for it). */
export const fromFile = Annotation.define<boolean>();

/** The style nonce Tauri puts in index.html at each load; `undefined` in a dev server. */
export function styleNonce(doc: Document = document): string | undefined {
  const v = doc.querySelector('meta[name="dossier-style-nonce"]')?.getAttribute("content") ?? "";
  return /^[\w+/=-]+$/.test(v) && !v.includes("TAURI") ? v : undefined;
}

const highlight = HighlightStyle.define([
  { tag: tags.heading1, fontWeight: "700", fontSize: "1.25em" },
  { tag: tags.heading2, fontWeight: "700", fontSize: "1.12em" },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], fontWeight: "700" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.strong, fontWeight: "700" },
  { tag: tags.strikethrough, textDecoration: "line-through" },
  { tag: [tags.link, tags.url], color: "var(--accent)" },
  { tag: tags.quote, color: "var(--ink-soft)", fontStyle: "italic" },
  { tag: tags.monospace, fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace", fontSize: "0.92em" },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: "var(--muted)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14.5px", color: "var(--ink)", backgroundColor: "var(--paper)" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--sans)", lineHeight: "1.6", overflow: "auto" },
  ".cm-content": { padding: "14px 16px 48px", caretColor: "var(--ink)" },
  ".cm-line": { padding: "0" },
  ".cm-cursor": { borderLeftColor: "var(--ink)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--select)" },
  ".cm-placeholder": { color: "var(--muted)" },
  ".cm-dropCursor": { borderLeftColor: "var(--accent)", borderLeftWidth: "2px" },
});

export function createEditor(opts: {
  parent: HTMLElement;
  text: string;
  onchange: (text: string) => void;
  onblur: () => void;
}): EditorView {
  const nonce = styleNonce();
  return new EditorView({
    parent: opts.parent,
    state: EditorState.create({
      doc: opts.text,
      extensions: [
        ...(nonce ? [EditorView.cspNonce.of(nonce)] : []),
        history(),
        drawSelection(),
        dropCursor(),
        EditorView.lineWrapping,
        markdown(),
        syntaxHighlighting(highlight),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        placeholder("Write here. [[Links]] to notes, sources and entities; drag a highlight in to quote it."),
        theme,
        EditorView.contentAttributes.of({ "aria-label": "Note text", "data-testid": "note-editor-text" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !u.transactions.some((t) => t.annotation(fromFile))) {
            opts.onchange(u.state.doc.toString());
          }
        }),
        EditorView.domEventHandlers({
          blur: () => {
            opts.onblur();
            return false;
          },
        }),
      ],
    }),
  });
}

/** Replaces the editor's text with the file's, keeping the cursor near where it was. */
export function replaceText(view: EditorView, text: string): void {
  const head = Math.min(view.state.selection.main.head, text.length);
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    selection: { anchor: head },
    annotations: fromFile.of(true),
  });
}
