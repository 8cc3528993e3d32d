/**
 * Form fields bound to a JSON path of the application: bilingual texts side by side, rich text as paragraphs and
 * lists, plain values, amounts, «not applicable» rows and tables of rows. Every user text goes into the page as
 * text (preact sets `value` and text nodes, never HTML).
 */
import { html } from 'htm/preact';
import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatTyped, parseAmount } from './amounts.ts';
import { hint as hintOf } from './labels.ts';
import { type Json, type Path, pathKey } from './paths.ts';
import { edit, type Lang, type PageProblem, state, valueAt } from './store.ts';
import { say } from './texts.ts';

const targetValue = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;

/** The problems of a field: those at its path, and below it for a field that is one value (a text's ru/kk). */
export function FieldProblems({ path, below = false }: { path: Path; below?: boolean }): VNode | null {
  const key = pathKey(path);
  const prefix = key.slice(0, -1);
  const mine = state.problems.filter((p: PageProblem) => {
    const k = pathKey(p.path);
    return k === key || (below && k.startsWith(`${prefix},`));
  });
  if (mine.length === 0) return null;
  return html`<ul class="field-problems">
    ${mine.map((p) => html`<li class=${p.severity}>${p.message}</li>`)}
  </ul>`;
}

interface FieldProps {
  path: Path;
  label?: string;
  /** The hint of the blank application is used when none is given. */
  hint?: string;
  optional?: boolean;
}

function Frame(props: FieldProps & { children: ComponentChildren; kind: string; problemsBelow?: boolean }): VNode {
  const h = props.hint ?? hintOf(state.uiLang, props.path);
  return html`<div class=${`field ${props.kind}`} data-path=${pathKey(props.path)}>
    ${props.label ? html`<div class="field-label">${props.label}</div>` : null}
    ${h ? html`<div class="field-hint">${h}</div>` : null}
    ${props.children}
    <${FieldProblems} path=${props.path} below=${props.problemsBelow ?? true} />
  </div>`;
}

/** The text after one language's version changed; key order ru, kk. */
export function nextText(old: Json, lang: Lang, text: string, optional: boolean): Json {
  const both =
    typeof old === 'string'
      ? old === ''
        ? {}
        : { ru: old, kk: old }
      : typeof old === 'object' && old !== null
        ? { ...old }
        : {};
  if (text === '') delete both[lang];
  else both[lang] = text;
  const out: Record<string, string> = {};
  if (both.ru !== undefined) out.ru = both.ru;
  if (both.kk !== undefined) out.kk = both.kk;
  if (out.ru === undefined && out.kk === undefined) return optional ? undefined : '';
  return out;
}

/** A text of the form: ru and kk side by side; a missing language is marked. */
export function TextField(props: FieldProps & { multiline?: boolean }): VNode {
  const v = valueAt(props.path);
  const same = typeof v === 'string' && v !== '';
  const input = (lang: Lang) => {
    const text = typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v[lang] ?? '') : '';
    const missing = typeof v === 'object' && v !== null && (v[lang] === undefined || v[lang] === '');
    const attrs = {
      class: missing ? 'missing' : '',
      lang,
      value: text,
      'data-lang': lang,
      'aria-label': `${props.label ?? ''} (${lang})`,
      placeholder: missing ? `${lang}: —` : '',
      onInput: (e: Event) =>
        edit(props.path, nextText(valueAt(props.path), lang, targetValue(e), props.optional === true)),
    };
    return html`<label class="lang-cell"><span class="lang-tag">${lang}</span>
      ${props.multiline ? html`<textarea rows="3" ...${attrs} />` : html`<input type="text" ...${attrs} />`}
    </label>`;
  };
  return html`<${Frame} ...${props} kind="text">
    <div class="bilingual">${input('ru')}${input('kk')}</div>
    ${same ? html`<div class="same-note">${say(state.uiLang, 'sameInBoth')}</div>` : null}
  <//>`;
}

const isTextValue = (b: Json) =>
  typeof b === 'string' || (typeof b === 'object' && b !== null && !('ul' in b) && !('ol' in b));

/** Rich text: paragraphs, bulleted and numbered lists, each item a text in both languages. */
export function RichField(props: FieldProps): VNode {
  const v = valueAt(props.path);
  const single = !Array.isArray(v);
  const blocks: Json[] = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const lang = state.uiLang;
  const write = (next: Json[]) => {
    if (next.length === 0) edit(props.path, props.optional ? undefined : '');
    else if (next.length === 1 && isTextValue(next[0]) && single) edit(props.path, next[0]);
    else edit(props.path, next);
  };
  const blockPath = (i: number): Path => (single ? props.path : [...props.path, i]);
  const move = (i: number, d: number) => {
    const next = [...blocks];
    const [b] = next.splice(i, 1);
    next.splice(i + d, 0, b);
    write(next);
  };
  const tools = (i: number) => html`<span class="row-tools">
    <button type="button" title=${say(lang, 'up')} disabled=${i === 0} onClick=${() => move(i, -1)}>↑</button>
    <button type="button" title=${say(lang, 'down')} disabled=${i === blocks.length - 1} onClick=${() => move(i, 1)}>↓</button>
    <button type="button" class="delete" title=${say(lang, 'delete')} onClick=${() => write(blocks.filter((_, j) => j !== i))}>✕</button>
  </span>`;
  return html`<${Frame} ...${props} kind="rich" problemsBelow=${false}>
    <div class="blocks">
      ${blocks.map((b, i) => {
        if (isTextValue(b))
          return html`<div class="block paragraph">${tools(i)}<${TextField} path=${blockPath(i)} hint="" multiline /></div>`;
        const kind = 'ul' in b ? 'ul' : 'ol';
        const items: Json[] = b[kind];
        const itemsPath = [...props.path, i, kind];
        return html`<div class=${`block list ${kind}`}>${tools(i)}
          <div class="list-kind">${kind === 'ul' ? '•' : '1.'}</div>
          ${items.map(
            (_, j) => html`<div class="list-item">
              <span class="bullet">${kind === 'ul' ? '•' : `${j + 1}.`}</span>
              <${TextField} path=${[...itemsPath, j]} hint="" multiline />
              <button type="button" class="delete" title=${say(lang, 'delete')}
                onClick=${() =>
                  edit(
                    itemsPath,
                    items.filter((__, k) => k !== j),
                  )}>✕</button>
            </div>`,
          )}
          <button type="button" class="add" onClick=${() => edit(itemsPath, [...items, ''])}>${say(lang, 'listItem')}</button>
        </div>`;
      })}
    </div>
    <div class="add-row">
      <button type="button" class="add" onClick=${() => write([...blocks, ''])}>${say(lang, 'paragraph')}</button>
      <button type="button" class="add" onClick=${() => write([...blocks, { ul: [''] }])}>${say(lang, 'bulleted')}</button>
      <button type="button" class="add" onClick=${() => write([...blocks, { ol: [''] }])}>${say(lang, 'numbered')}</button>
    </div>
  <//>`;
}

/** One string (a BIN, an e-mail, a date…); an optional one left empty is removed from the file. */
export function PlainField(props: FieldProps & { type?: string; placeholder?: string }): VNode {
  const v = valueAt(props.path);
  return html`<${Frame} ...${props} kind="plain">
    <input type=${props.type ?? 'text'} value=${typeof v === 'string' ? v : v === undefined ? '' : String(v)}
      placeholder=${props.placeholder ?? ''} aria-label=${props.label ?? ''}
      onInput=${(e: Event) => {
        const t = targetValue(e);
        edit(props.path, t === '' && props.optional ? undefined : t);
      }} />
  <//>`;
}

/**
 * A number typed as people type it. The input keeps what is typed; the file gets the exact number, or the typed
 * text when it is not one (saved as it is: the problem is shown at the field until it is corrected).
 */
export function NumberField(props: FieldProps & { decimals?: number; integer?: boolean; compact?: boolean }): VNode {
  const v = valueAt(props.path);
  const [typed, setTyped] = useState<string | undefined>(undefined);
  useEffect(() => {
    // An outside change of the value replaces what this input shows.
    if (typed !== undefined && !sameNumber(typed, v, props)) setTyped(undefined);
  }, [v]);
  const onInput = (e: Event) => {
    const t = targetValue(e);
    setTyped(t);
    if (t.trim() === '') {
      edit(props.path, props.optional ? undefined : t);
      return;
    }
    const parsed = parseAmount(t, props.integer ? 0 : (props.decimals ?? 2));
    edit(props.path, parsed.ok ? parsed.value : t);
  };
  const input = html`<input type="text" inputmode="decimal" class="number" value=${typed ?? formatTyped(v)}
    aria-label=${props.label ?? ''} data-path=${props.compact ? pathKey(props.path) : undefined}
    onInput=${onInput} onBlur=${() => setTyped(undefined)} />`;
  if (props.compact) return input;
  return html`<${Frame} ...${props} kind="number">${input}<//>`;
}

function sameNumber(typed: string, v: Json, props: { decimals?: number; integer?: boolean }): boolean {
  const p = parseAmount(typed, props.integer ? 0 : (props.decimals ?? 2));
  return p.ok ? p.value === v : typed === v || (typed.trim() === '' && v === undefined);
}

export function SelectField(props: FieldProps & { options: [string, string][] }): VNode {
  const v = valueAt(props.path);
  return html`<${Frame} ...${props} kind="select">
    <select aria-label=${props.label ?? ''} onChange=${(e: Event) => edit(props.path, targetValue(e))}>
      ${props.options.map(([value, text]) => html`<option value=${value} selected=${v === value}>${text}</option>`)}
    </select>
  <//>`;
}

/** A row the form allows to be «Не применимо»: a checkbox, and the row's fields when it applies. */
export function NotApplicableField(
  props: FieldProps & { make: () => Json; children: (path: Path) => ComponentChildren },
): VNode {
  const v = valueAt(props.path);
  const na = typeof v === 'object' && v !== null && v.notApplicable === true;
  return html`<${Frame} ...${props} kind="na" problemsBelow=${false}>
    <label class="na"><input type="checkbox" checked=${na}
      onChange=${(e: Event) => edit(props.path, (e.currentTarget as HTMLInputElement).checked ? { notApplicable: true } : props.make())} />
      ${say(state.uiLang, 'notApplicable')}</label>
    ${na ? null : props.children(props.path)}
  <//>`;
}

/** A table of the form: rows with their fields, added, deleted and moved up or down. */
export function RowsField(
  props: FieldProps & { make: () => Json; row: (path: Path, i: number) => ComponentChildren; addLabel?: string },
): VNode {
  const rows: Json[] = Array.isArray(valueAt(props.path)) ? valueAt(props.path) : [];
  const lang = state.uiLang;
  const move = (i: number, d: number) => {
    const next = [...rows];
    const [r] = next.splice(i, 1);
    next.splice(i + d, 0, r);
    edit(props.path, next);
  };
  return html`<${Frame} ...${props} kind="rows" problemsBelow=${false}>
    <div class="rows">
      ${rows.map(
        (_, i) => html`<div class="row-card" data-path=${pathKey([...props.path, i])}>
          <div class="row-head">
            <span class="row-title">${say(lang, 'row', { n: i + 1 })}</span>
            <span class="row-tools">
              <button type="button" title=${say(lang, 'up')} disabled=${i === 0} onClick=${() => move(i, -1)}>↑</button>
              <button type="button" title=${say(lang, 'down')} disabled=${i === rows.length - 1} onClick=${() => move(i, 1)}>↓</button>
              <button type="button" class="delete" title=${say(lang, 'delete')}
                onClick=${() =>
                  edit(
                    props.path,
                    rows.filter((__, j) => j !== i),
                  )}>✕</button>
            </span>
          </div>
          <${FieldProblems} path=${[...props.path, i]} />
          ${props.row([...props.path, i], i)}
        </div>`,
      )}
    </div>
    <button type="button" class="add" onClick=${() => edit(props.path, [...rows, props.make()])}>
      ${props.addLabel ?? say(lang, 'addRow')}</button>
  <//>`;
}

/** A list of plain strings (phones). */
export function StringListField(props: FieldProps): VNode {
  const items: Json[] = Array.isArray(valueAt(props.path)) ? valueAt(props.path) : [];
  return html`<${Frame} ...${props} kind="strings" problemsBelow=${false}>
    ${items.map(
      (_, i) => html`<div class="string-item">
        <${PlainField} path=${[...props.path, i]} hint="" />
        <button type="button" class="delete" title=${say(state.uiLang, 'delete')}
          onClick=${() =>
            edit(
              props.path,
              items.filter((__, j) => j !== i),
            )}>✕</button>
      </div>`,
    )}
    <button type="button" class="add" onClick=${() => edit(props.path, [...items, ''])}>${say(state.uiLang, 'addItem')}</button>
  <//>`;
}

/** A list of texts (the tasks of the project). */
export function TextListField(props: FieldProps): VNode {
  const items: Json[] = Array.isArray(valueAt(props.path)) ? valueAt(props.path) : [];
  return html`<${Frame} ...${props} kind="texts" problemsBelow=${false}>
    ${items.map(
      (_, i) => html`<div class="list-item">
        <span class="bullet">${i + 1}.</span>
        <${TextField} path=${[...props.path, i]} hint="" />
        <button type="button" class="delete" title=${say(state.uiLang, 'delete')}
          onClick=${() =>
            edit(
              props.path,
              items.filter((__, j) => j !== i),
            )}>✕</button>
      </div>`,
    )}
    <button type="button" class="add" onClick=${() => edit(props.path, [...items, ''])}>${say(state.uiLang, 'addItem')}</button>
  <//>`;
}
