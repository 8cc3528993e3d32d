/**
 * The preview: the tool's own PDF of the chosen annex and language, fetched again after each save; and the
 * downloads of every document and of the whole set. A draft with problems is marked as such above the document.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, filingLangs, type Lang, patch, state } from './store.ts';
import { say } from './texts.ts';

const ANNEXES = [2, 3, 4, 5] as const;

/** What the preview shows: the version, its PDF (as a blob URL) or why there is none. */
interface Shown {
  key: string;
  /** The version of the file the PDF was made from (the server renders the file as saved). */
  version?: string;
  url?: string;
  failed?: number;
  ms?: number;
}

export function Preview(): VNode {
  const lang = state.uiLang;
  const [shown, setShown] = useState<Shown>({ key: '' });
  const last = useRef<string | undefined>(undefined);
  const key = `${state.version}/${state.previewAnnex}/${state.previewLang}`;

  useEffect(() => {
    // While changes are on their way to the file, the preview waits for the version that has them all.
    if (state.status !== 'ready' || state.dirty || key === shown.key) return;
    let cancelled = false;
    const t0 = performance.now();
    const timer = setTimeout(async () => {
      const res = await api(`/api/preview?annex=${state.previewAnnex}&lang=${state.previewLang}&v=${state.version}`);
      if (cancelled) return;
      if (res.ok) {
        const url = URL.createObjectURL(await res.blob());
        if (last.current) URL.revokeObjectURL(last.current);
        last.current = url;
        setShown({ key, url, ms: performance.now() - t0, version: res.headers.get('X-Annexes-Version') ?? undefined });
      } else {
        const body = (await res.json().catch(() => ({}))) as { problems?: { severity: string }[] };
        setShown({ key, failed: (body.problems ?? []).filter((p) => p.severity === 'error').length });
      }
    }, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, state.status, state.dirty]);

  const errors = state.problems.filter((p) => p.severity === 'error').length;
  const warnings = state.problems.length - errors;
  const missing = state.missing[state.previewLang].length;
  const draftReasons = [
    errors ? say(lang, 'errors', { n: errors }) : '',
    warnings ? say(lang, 'warnings', { n: warnings }) : '',
    missing ? say(lang, 'missingCount', { lang: state.previewLang, n: missing }) : '',
  ].filter(Boolean);

  return html`<section class="preview" aria-label=${say(lang, 'preview')}>
    <div class="preview-bar">
      <strong>${say(lang, 'preview')}</strong>
      ${ANNEXES.map(
        (n) => html`<button type="button" class=${state.previewAnnex === n ? 'tab on' : 'tab'}
          onClick=${() => patch({ previewAnnex: n })}>${n}</button>`,
      )}
      ${(['ru', 'kk'] as Lang[]).map(
        (l) => html`<button type="button" class=${state.previewLang === l ? 'tab on' : 'tab'}
          onClick=${() => patch({ previewLang: l })}>${l}</button>`,
      )}
    </div>
    ${
      draftReasons.length > 0 && !shown.failed
        ? html`<div class="draft-banner">${say(lang, 'draft', { n: draftReasons.join(', ') })}${
            missing ? html`<br />${say(lang, 'draftMissing')}` : null
          }</div>`
        : null
    }
    ${
      shown.failed !== undefined
        ? html`<div class="preview-failed">${say(lang, 'previewFailed', { n: shown.failed })}</div>`
        : shown.url
          ? html`<iframe class="preview-frame" title=${say(lang, 'preview')} src=${`${shown.url}#toolbar=0&navpanes=0&view=FitH`}
              data-version=${shown.version} data-annex=${shown.key.split('/')[1]} data-ms=${shown.ms?.toFixed(0)}></iframe>`
          : html`<div class="preview-failed">${say(lang, 'loading')}</div>`
    }
    <${Downloads} />
  </section>`;
}

function Downloads(): VNode {
  const lang = state.uiLang;
  const [problem, setProblem] = useState<string[] | undefined>(undefined);
  const download = async (name: string) => {
    const res = await api(`/api/download/${encodeURIComponent(name)}`);
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { problems?: { where: string; message: string }[] };
      setProblem((body.problems ?? []).map((p) => `${p.where}: ${p.message}`));
      return;
    }
    setProblem(undefined);
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const fileName = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await res.blob());
    a.download = fileName ? decodeURIComponent(fileName) : name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  const link = (name: string, text: string) =>
    html`<button type="button" class="download" data-file=${name} onClick=${() => download(name)}>${text}</button>`;
  return html`<div class="downloads">
    <strong>${say(lang, 'downloads')}</strong>
    <table>
      <tbody>
        ${filingLangs().map(
          (l) => html`<tr>
            <th>${l}</th>
            ${ANNEXES.map((n) => html`<td>${say(lang, 'annex', { n })}: ${link(`annex-${n}.${l}.docx`, 'DOCX')} ${link(`annex-${n}.${l}.pdf`, 'PDF')}</td>`)}
            <td>${say(lang, 'application')}: ${link(`application.${l}.docx`, 'DOCX')} ${link(`application.${l}.pdf`, 'PDF')}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${link('documents.zip', say(lang, 'downloadAll'))}
    ${
      problem
        ? html`<div class="download-problems"><p>${say(lang, 'downloadFailed')}</p><ul>${problem.map((p) => html`<li>${p}</li>`)}</ul></div>`
        : null
    }
  </div>`;
}
