/**
 * The page's state and its one link to the server: the application as last read or edited, the version of the
 * file it was made from, and the problems of the saved version. Every change is saved shortly after (autosave);
 * a save made from a version the file no longer has is refused by the server, and the page then offers to reload.
 */
import { getAt, type Json, type Path, setAt } from './paths.ts';
import type { UiLang } from './texts.ts';

export interface PageProblem {
  severity: 'error' | 'warning';
  path: Path;
  where: string;
  line?: number;
  column?: number;
  message: string;
}

export type Lang = 'ru' | 'kk';

export interface State {
  status: 'loading' | 'missing' | 'ready' | 'broken';
  fileName: string;
  doc: Json;
  version: string;
  problems: PageProblem[];
  missing: Record<Lang, Path[]>;
  /** The page holds changes not yet in the file. */
  dirty: boolean;
  saving: boolean;
  saveError?: string;
  /** A save was refused: the file changed since the page read it. */
  conflict: boolean;
  /** The data was replaced by an outside edit (shown for a moment). */
  reloadedAt?: number;
  uiLang: UiLang;
  /** The section on screen: 'a2', 'a3.1' … 'a4.10', 'a5'. */
  section: string;
  /** The field to bring into view after the section renders. */
  focus?: Path;
  /** The language whose box of a text field gets the cursor (a jump to a text missing in it). */
  focusLang?: Lang;
  previewAnnex: 2 | 3 | 4 | 5;
  previewLang: Lang;
}

/** Quiet time after the last keystroke before the change is written. */
const SAVE_DELAY_MS = 80;
const RETRY_MS = 3000;

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';
const clientId = Math.random().toString(36).slice(2);

export const state: State = {
  status: 'loading',
  fileName: '',
  doc: undefined,
  version: '',
  problems: [],
  missing: { ru: [], kk: [] },
  dirty: false,
  saving: false,
  conflict: false,
  uiLang: (['ru', 'kk', 'en'] as const).find((l) => l === params.get('ui')) ?? 'ru',
  section: 'a2',
  previewAnnex: 2,
  previewLang: 'ru',
};

const listeners = new Set<() => void>();
export const subscribe = (f: () => void) => {
  listeners.add(f);
  return () => listeners.delete(f);
};
let renderQueued = false;
export function changed(): void {
  if (renderQueued) return;
  renderQueued = true;
  queueMicrotask(() => {
    renderQueued = false;
    for (const f of listeners) f();
  });
}

export function patch(p: Partial<State>): void {
  Object.assign(state, p);
  changed();
}

/** A request to the editor's server, with the token. */
export function api(path: string, init: RequestInit = {}): Promise<Response> {
  const url = `${path}${path.includes('?') ? '&' : '?'}ui=${state.uiLang}`;
  return fetch(url, { ...init, headers: { 'X-Annexes-Token': token, ...(init.headers ?? {}) } });
}

interface DocumentReply {
  exists: boolean;
  version: string;
  name: string;
  value?: Json;
  problems?: PageProblem[];
  missing?: Record<Lang, Path[]>;
}

function apply(r: DocumentReply, replaceDoc: boolean): void {
  state.fileName = r.name;
  state.version = r.version;
  if (!r.exists) {
    state.status = 'missing';
    state.doc = undefined;
  } else {
    if (replaceDoc) state.doc = r.value;
    state.status = r.value === undefined || typeof r.value !== 'object' ? 'broken' : 'ready';
    state.problems = r.problems ?? [];
    state.missing = r.missing ?? { ru: [], kk: [] };
  }
  changed();
}

export async function load(): Promise<void> {
  const res = await api('/api/document');
  const r = (await res.json()) as DocumentReply;
  state.dirty = false;
  state.conflict = false;
  apply(r, true);
}

export async function createBlank(lang: Lang): Promise<void> {
  const res = await api('/api/create', { method: 'POST', body: JSON.stringify({ lang }) });
  if (res.ok) apply((await res.json()) as DocumentReply, true);
  else await load();
}

let timer: ReturnType<typeof setTimeout> | undefined;
let again = false;

function scheduleSave(delay = SAVE_DELAY_MS): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    void save();
  }, delay);
}

async function save(): Promise<void> {
  if (state.conflict || state.status !== 'ready') return;
  if (state.saving) {
    again = true;
    return;
  }
  const sent = state.doc;
  state.saving = true;
  changed();
  try {
    const res = await api('/api/document', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ base: state.version, value: sent, client: clientId }),
    });
    if (res.status === 409) {
      state.conflict = true;
    } else if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      state.saveError = body.error ?? String(res.status);
      scheduleSave(RETRY_MS);
    } else {
      state.saveError = undefined;
      apply((await res.json()) as DocumentReply, false);
      if (state.doc === sent) state.dirty = false;
      else again = true;
    }
  } catch (e) {
    state.saveError = (e as Error).message;
    scheduleSave(RETRY_MS);
  } finally {
    state.saving = false;
    changed();
  }
  if (again) {
    again = false;
    if (state.dirty && !state.conflict) scheduleSave(0);
  }
}

/** Puts `value` at `path` and saves it soon. */
export function edit(path: Path, value: Json): void {
  state.doc = setAt(state.doc, path, value);
  state.dirty = true;
  changed();
  scheduleSave();
}

export const valueAt = (path: Path): Json => getAt(state.doc, path);

const LANGS: Lang[] = ['ru', 'kk'];

/** The filing languages: FILE's `languages`, or both where it has none (the model's default). */
export function filingLangs(): Lang[] {
  const v = valueAt(['languages']);
  const langs = Array.isArray(v) ? LANGS.filter((l) => v.includes(l)) : [];
  return langs.length > 0 ? langs : LANGS;
}

/** Files in `langs` (at least one), in the form's order, saved into FILE like any other edit. */
export function setFilingLangs(langs: Lang[]): void {
  edit(
    ['languages'],
    LANGS.filter((l) => langs.includes(l)),
  );
}

/** Outside edits (another tab, a text editor, git) reach the page through the server's event stream. */
export function listen(): void {
  const events = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  events.addEventListener('changed', (e) => {
    const data = JSON.parse((e as MessageEvent).data) as { version: string; by: string | null };
    if (data.by === clientId || data.version === state.version) return;
    if (state.dirty || state.saving) {
      // Our changes are not in the file: never overwrite the outside edit; say so and offer to reload.
      state.conflict = true;
      changed();
      return;
    }
    void load().then(() => patch({ reloadedAt: Date.now() }));
  });
}
