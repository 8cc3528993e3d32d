/**
 * Handlebars templates of the forms: `templates/<edition>/annex-<n>.hbs`, with partials in
 * `templates/<edition>/partials/`. Templates arrange prepared view models into the document markup
 * (src/document/markup.ts); they never compute. Escaping stays on: user text is always data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../package-files.ts';
import type { RichView } from '../views/rich.ts';

export { TEMPLATES_DIR };

export type AnnexNumber = 2 | 3 | 4 | 5;
export const ANNEXES: readonly AnnexNumber[] = [2, 3, 4, 5];

/** What a template may call besides the view model. */
export interface TemplateServices {
  /** A fixed label of the form in the document's language. */
  label(key: string, params?: Record<string, unknown>): string;
}

const esc = Handlebars.Utils.escapeExpression;

/**
 * Escaped text with its line breaks and tabs kept (whitespace in markup collapses otherwise). The Unicode line
 * and paragraph separators are line breaks too (the PDF font would draw them as a visible sign).
 */
export function inlineMarkup(text: unknown): string {
  return esc(String(text ?? ''))
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\n/g, '<br/>')
    .replace(/\t/g, '<tab/>');
}

export function richMarkup(view: RichView | undefined | null): string {
  if (!view) return '';
  return view
    .map((b) => {
      if ('p' in b) return `<p>${inlineMarkup(b.p)}</p>`;
      const tag = 'ul' in b ? 'ul' : 'ol';
      const items = 'ul' in b ? b.ul : b.ol;
      return `<${tag}>${items.map((i) => `<li>${inlineMarkup(i)}</li>`).join('')}</${tag}>`;
    })
    .join('');
}

const KNOWN_HELPERS = { t: true, rich: true, inline: true } as const;

interface Edition {
  templates: Map<AnnexNumber, Handlebars.TemplateDelegate>;
  /** Templates other than the annexes (the estimate's change report), compiled on first use. */
  others: Map<string, Handlebars.TemplateDelegate>;
  hb: typeof Handlebars;
}
const editions = new Map<string, Edition>();

function loadEdition(edition: string): Edition {
  const cached = editions.get(edition);
  if (cached) return cached;
  const dir = join(TEMPLATES_DIR, edition);
  const hb = Handlebars.create();
  const partialsDir = join(dir, 'partials');
  for (const f of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')))
    hb.registerPartial(basename(f, '.hbs'), readFileSync(join(partialsDir, f), 'utf8'));
  const templates = new Map<AnnexNumber, Handlebars.TemplateDelegate>();
  for (const n of ANNEXES) {
    const source = readFileSync(join(dir, `annex-${n}.hbs`), 'utf8');
    // strict: a misspelt field in a template fails loudly instead of printing nothing.
    templates.set(n, hb.compile(source, { strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true }));
  }
  const loaded = { templates, others: new Map(), hb };
  editions.set(edition, loaded);
  return loaded;
}

function helpersOf(services: TemplateServices) {
  return {
    t: (key: string, options: Handlebars.HelperOptions) => services.label(key, options.hash),
    rich: (v: RichView) => new Handlebars.SafeString(richMarkup(v)),
    inline: (v: unknown) => new Handlebars.SafeString(inlineMarkup(v)),
  };
}

/**
 * Renders a document of the edition that is not an annex, `templates/<edition>/<name>.hbs` (the estimate's change
 * report), with the same partials, helpers and strictness as the annexes.
 */
export function renderTemplateMarkup(edition: string, name: string, view: object, services: TemplateServices): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`not a template name: ${name}`);
  const loaded = loadEdition(edition);
  let template = loaded.others.get(name);
  if (!template) {
    const source = readFileSync(join(TEMPLATES_DIR, edition, `${name}.hbs`), 'utf8');
    template = loaded.hb.compile(source, { strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true });
    loaded.others.set(name, template);
  }
  return template(view, { helpers: helpersOf(services) });
}

/** Renders one annex's view model into document markup. */
export function renderAnnexMarkup(
  edition: string,
  annex: AnnexNumber,
  view: object,
  services: TemplateServices,
): string {
  const template = loadEdition(edition).templates.get(annex);
  if (!template) throw new Error(`no template for annex ${annex} of edition ${edition}`);
  return template(view, {
    helpers: {
      t: (key: string, options: Handlebars.HelperOptions) => services.label(key, options.hash),
      rich: (v: RichView) => new Handlebars.SafeString(richMarkup(v)),
      inline: (v: unknown) => new Handlebars.SafeString(inlineMarkup(v)),
    },
  });
}
