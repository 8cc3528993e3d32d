/**
 * The editor's page: navigation by annex and section in the form's order, the section's fields, the problems
 * of the saved version (each leads to its field), the missing translations per language, and the preview.
 */
import { html } from 'htm/preact';
import { render, type VNode } from 'preact';
import { useEffect, useReducer, useRef } from 'preact/hooks';
import { label } from './labels.ts';
import type { Path } from './paths.ts';
import { pathKey } from './paths.ts';
import { Preview } from './preview.ts';
import { SECTIONS, sectionOf } from './sections.ts';
import { createBlank, filingLangs, type Lang, listen, load, patch, setFilingLangs, state, subscribe } from './store.ts';
import { say, UI_LANGS, type UiLang } from './texts.ts';

/** Shows the section of `path` and brings its field (or the nearest enclosing one on screen) into view. */
export function goTo(path: Path, lang?: Lang): void {
  const section = sectionOf(path);
  patch({ section, focus: path, focusLang: lang, previewAnnex: annexOf(section) });
}

const annexOf = (section: string) => SECTIONS.find((s) => s.id === section)?.annex ?? 2;

function focusField(path: Path, lang?: Lang): void {
  for (let n = path.length; n >= 1; n--) {
    const el = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(pathKey(path.slice(0, n)))}"]`);
    if (!el) continue;
    el.scrollIntoView({ block: 'center' });
    // A text missing in one language: the cursor goes into that language's box, not the first one.
    const input = el.matches('input, textarea, select')
      ? el
      : ((lang ? el.querySelector<HTMLElement>(`[data-lang="${lang}"]`) : null) ??
        el.querySelector<HTMLElement>('input, textarea, select'));
    input?.focus();
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 1500);
    return;
  }
}

function Nav(): VNode {
  const lang = state.uiLang;
  const groups = [2, 3, 4, 5].map((n) => ({ n, sections: SECTIONS.filter((s) => s.annex === n) }));
  const titleKey = (n: number) => `annex${n}.title`;
  return html`<nav class="sections">
    ${groups.map(
      (g) => html`<div class="nav-annex">
        <div class="nav-annex-title">${label(lang, 'common.annex', { n: g.n })}. ${label(lang, titleKey(g.n))}</div>
        ${
          g.sections.length > 1 || g.n === 3 || g.n === 4
            ? g.sections.map(
                (s) => html`<button type="button" class=${state.section === s.id ? 'nav-item on' : 'nav-item'}
                  data-section=${s.id} onClick=${() => patch({ section: s.id, focus: undefined, previewAnnex: s.annex })}>${s.title()}</button>`,
              )
            : html`<button type="button" class=${state.section === g.sections[0]?.id ? 'nav-item on' : 'nav-item'}
                data-section=${g.sections[0]?.id} onClick=${() => patch({ section: g.sections[0]?.id ?? 'a2', focus: undefined, previewAnnex: g.n as 2 | 3 | 4 | 5 })}>
                ${label(lang, titleKey(g.n))}</button>`
        }
      </div>`,
    )}
  </nav>`;
}

function ProblemList(): VNode {
  const lang = state.uiLang;
  if (state.problems.length === 0) return html`<div class="problem-list empty">${say(lang, 'noProblems')}</div>`;
  return html`<div class="problem-list">
    <strong>${say(lang, 'problems')}</strong>
    <ol>
      ${state.problems.map(
        (p) => html`<li class=${p.severity}>
          <button type="button" class="problem-link" data-problem=${pathKey(p.path)} onClick=${() => goTo(p.path)}>
            <span class="where">${p.where}${p.line ? ` (${p.line}:${p.column})` : ''}</span> ${p.message}
          </button>
        </li>`,
      )}
    </ol>
  </div>`;
}

const nextMissing: Record<Lang, number> = { ru: 0, kk: 0 };

function Header(): VNode {
  const lang = state.uiLang;
  const errors = state.problems.filter((p) => p.severity === 'error').length;
  const warnings = state.problems.length - errors;
  const status = state.saving
    ? say(lang, 'saving')
    : state.saveError
      ? say(lang, 'saveFailed', { reason: state.saveError })
      : state.dirty
        ? say(lang, 'unsaved')
        : say(lang, 'saved');
  const filing = filingLangs();
  const jump = (l: Lang) => {
    const list = state.missing[l];
    if (list.length === 0) return;
    const path = list[nextMissing[l] % list.length] as Path;
    nextMissing[l]++;
    goTo(path, l);
  };
  return html`<header class="top">
    <span class="file-name">${state.fileName}</span>
    <span class=${`save-status${state.dirty || state.saving ? ' pending' : ''}`} data-status=${state.dirty || state.saving ? 'pending' : 'saved'}>${status}</span>
    <span class="counts">${say(lang, 'errors', { n: errors })}, ${say(lang, 'warnings', { n: warnings })}</span>
    <span class="filing">${say(lang, 'filingLangs')}
      ${(['ru', 'kk'] as Lang[]).map(
        (l) => html`<label><input type="checkbox" data-filing=${l} checked=${filing.includes(l)}
          onClick=${(e: Event) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            const next = on ? [...filing, l] : filing.filter((x) => x !== l);
            // An application is filed in one language at least: the last tick stays.
            if (next.length === 0) e.preventDefault();
            else setFilingLangs(next);
          }} /> ${l}</label>`,
      )}
    </span>
    ${filing.map(
      (l) => html`<button type="button" class="missing-count" data-missing=${l} onClick=${() => jump(l)}
        title=${say(lang, 'nextMissing')}>${say(lang, 'missingCount', { lang: l, n: state.missing[l].length })}${state.missing[l].length ? ' →' : ''}</button>`,
    )}
    <span class="ui-lang" title=${say(lang, 'uiLang')}>
      ${UI_LANGS.map(
        (l: UiLang) => html`<button type="button" class=${l === lang ? 'tab on' : 'tab'} data-ui=${l}
          onClick=${() => {
            patch({ uiLang: l });
            // The problems come in the interface language; unsaved changes are never dropped for that.
            if (!state.dirty && !state.saving) void load();
          }}>${l}</button>`,
      )}
    </span>
  </header>`;
}

function App(): VNode {
  const [, rerender] = useReducer((n: number, _: undefined) => n + 1, 0);
  useEffect(() => subscribe(() => rerender(undefined)), []);
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    if (state.focus) {
      const path = state.focus;
      const lang = state.focusLang;
      state.focus = undefined;
      state.focusLang = undefined;
      requestAnimationFrame(() => focusField(path, lang));
    }
  });
  const lang = state.uiLang;
  document.documentElement.lang = lang;

  if (state.status === 'loading') return html`<p class="loading">${say(lang, 'loading')}</p>`;
  if (state.status === 'missing')
    return html`<div class="missing-file">
      <p>${say(lang, 'missingFile', { file: state.fileName })}</p>
      <button type="button" class="create" data-create="ru" onClick=${() => createBlank('ru')}>${say(lang, 'createRu')}</button>
      <button type="button" class="create" data-create="kk" onClick=${() => createBlank('kk')}>${say(lang, 'createKk')}</button>
    </div>`;
  if (state.status === 'broken')
    return html`<div class="broken-file"><p>${say(lang, 'brokenFile')}</p><${ProblemList} /></div>`;

  const section = SECTIONS.find((s) => s.id === state.section) ?? SECTIONS[0];
  const recent = state.reloadedAt !== undefined && Date.now() - state.reloadedAt < 5000;
  return html`<div class="editor">
    <${Header} />
    ${
      state.conflict
        ? html`<div class="conflict-banner" role="alert">${say(lang, 'conflict')}
            <button type="button" class="reload" onClick=${() => load()}>${say(lang, 'reload')}</button></div>`
        : null
    }
    ${recent ? html`<div class="reloaded-banner" role="status">${say(lang, 'reloaded')}</div>` : null}
    <div class="columns">
      <${Nav} />
      <main ref=${main} class="section" data-section=${section?.id}>
        <h2>${label(lang, 'common.annex', { n: section?.annex ?? 2 })}. ${section?.title()}</h2>
        ${section?.render()}
      </main>
      <aside class="side">
        <${ProblemList} />
        <${Preview} />
      </aside>
    </div>
  </div>`;
}

const root = document.getElementById('app');
if (root) {
  render(html`<${App} />`, root);
  void load().then(listen);
}
