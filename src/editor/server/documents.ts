/**
 * What the page shows besides the data: the problems `validate` reports, the texts missing per language, the
 * preview PDF and the downloads, all made by the tool's own pipeline from the text of the file as saved.
 */
import { zipSync } from 'fflate';
import type { JsonPath } from '../../diagnostics/diagnostic.ts';
import { LANGUAGES, type Lang } from '../../model/common.ts';
import { ApplicationDataError, renderApplication } from '../../pipeline/render-application.ts';
import { RenderCache } from '../../render/cache.ts';
import type { AnnexNumber } from '../../templates/engine.ts';
import type { UiLang } from '../../validation/messages.ts';
import { formatJsonPath, type LocatedDiagnostic, messageText } from '../../validation/report.ts';
import { type ValidationResult, validateText } from '../../validation/validate.ts';
import { missingTranslations } from '../../views/language.ts';

/** A problem as the page lists it. */
export interface PageProblem {
  severity: 'error' | 'warning';
  path: JsonPath;
  /** The path as the command line prints it: `applicant.bin`. */
  where: string;
  line?: number;
  column?: number;
  message: string;
}

export interface Analysis {
  /** The parsed value, undefined when the text is not JSON. */
  value: unknown;
  problems: PageProblem[];
  /** Texts that have no version in the language. */
  missing: Record<Lang, JsonPath[]>;
}

const toPage = (d: LocatedDiagnostic, lang: UiLang): PageProblem => {
  const p: PageProblem = {
    severity: d.severity,
    path: d.path,
    where: formatJsonPath(d.path),
    message: messageText(d, lang),
  };
  if (d.position) {
    p.line = d.position.line;
    p.column = d.position.column;
  }
  return p;
};

/** Validation of one version of the text, kept for the last few versions (every tab asks for the same one). */
export class Documents {
  private validations = new Map<string, ReturnType<typeof validateText>>();
  /** Documents of versions gone by are of no use: a small cache keeps those an edit did not change. */
  private readonly cache = new RenderCache(12 * 2 ** 20);
  /** Previews made or being made, by version, annex and language (the last few). */
  private previews = new Map<string, Promise<Buffer | undefined>>();
  /** The annex and language the page last previewed: made ahead after each save. */
  private lastPreview: { annex: AnnexNumber; lang: Lang } | undefined;

  private validate(version: string, text: string): ValidationResult & { source: { value?: unknown } } {
    let v = this.validations.get(version);
    if (!v) {
      v = validateText(text);
      this.validations.set(version, v);
      while (this.validations.size > 4) this.validations.delete(this.validations.keys().next().value as string);
    }
    return v;
  }

  analyse(version: string, text: string, lang: UiLang): Analysis {
    const v = this.validate(version, text);
    const value = v.source.value;
    const missing = Object.fromEntries(
      LANGUAGES.map((l) => [l, value === undefined ? [] : missingTranslations(value, l)]),
    );
    return { value, problems: v.diagnostics.map((d) => toPage(d, lang)), missing: missing as Record<Lang, JsonPath[]> };
  }

  /**
   * The PDF of one annex in one language, for the preview. A text missing in the language prints the other
   * language's (the page marks the document as a draft then); data that does not validate gives no document.
   */
  preview(version: string, text: string, annex: AnnexNumber, lang: Lang): Promise<Buffer | undefined> {
    this.lastPreview = { annex, lang };
    const key = `${version}/${annex}/${lang}`;
    let p = this.previews.get(key);
    if (!p) {
      p = this.renderPreview(version, text, annex, lang);
      this.previews.set(key, p);
      p.catch(() => this.previews.delete(key));
      while (this.previews.size > 4) this.previews.delete(this.previews.keys().next().value as string);
    }
    return p;
  }

  /** After a save: the preview the page is about to ask for, started now. */
  previewAhead(version: string, text: string): void {
    if (this.lastPreview)
      void this.preview(version, text, this.lastPreview.annex, this.lastPreview.lang).catch(() => {});
  }

  private async renderPreview(
    version: string,
    text: string,
    annex: AnnexNumber,
    lang: Lang,
  ): Promise<Buffer | undefined> {
    const v = this.validate(version, text);
    if (!v.ok || !v.application) return undefined;
    const { files } = await renderApplication(v.application, {
      langs: [lang],
      formats: ['pdf'],
      annexes: [annex],
      fallback: true,
      workers: 0,
      // Shown, not filed: the structure tree of a tagged PDF would cost time and memory for nothing.
      untaggedPdf: true,
      cache: this.cache,
    });
    return files[0]?.data;
  }

  /**
   * Files to download, as `build` would write them: `annex-5.ru.pdf`, `application.kk.docx`, or every one of
   * them zipped (`name` = undefined). Problems when the data cannot be built.
   */
  async download(
    version: string,
    text: string,
    uiLang: UiLang,
    name: string | undefined,
  ): Promise<{ data: Uint8Array } | { problems: PageProblem[] }> {
    const v = this.validate(version, text);
    if (!v.ok || !v.application)
      return { problems: v.diagnostics.filter((d) => d.severity === 'error').map((d) => toPage(d, uiLang)) };
    const wanted = name === undefined ? undefined : parseFileName(name);
    try {
      const { files } = await renderApplication(v.application, {
        // All files: the application's filing languages (absent: both), as `build` makes them.
        langs: wanted ? [wanted.lang] : (v.application.languages ?? [...LANGUAGES]),
        formats: wanted ? [wanted.format] : ['docx', 'pdf'],
        // One annex alone, or all four (the combined document needs all of them).
        annexes: wanted && wanted.annex !== 'all' ? [wanted.annex] : undefined,
        cache: this.cache,
      });
      if (name !== undefined) {
        const file = files.find((f) => f.name === name);
        return file ? { data: file.data } : { problems: [] };
      }
      return { data: zipSync(Object.fromEntries(files.map((f) => [f.name, f.data])), { level: 6 }) };
    } catch (e) {
      if (e instanceof ApplicationDataError)
        return { problems: e.diagnostics.map((d) => toPage(d as LocatedDiagnostic, uiLang)) };
      throw e;
    }
  }
}

/** `annex-5.ru.pdf` / `application.kk.docx` → what to render; undefined for any other name. */
export function parseFileName(
  name: string,
): { annex: AnnexNumber | 'all'; lang: Lang; format: 'docx' | 'pdf' } | undefined {
  const m = /^(?:annex-([2-5])|application)\.(ru|kk)\.(docx|pdf)$/.exec(name);
  if (!m) return undefined;
  return {
    annex: m[1] ? (Number(m[1]) as AnnexNumber) : 'all',
    lang: m[2] as Lang,
    format: m[3] as 'docx' | 'pdf',
  };
}
