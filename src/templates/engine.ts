/**
 * Handlebars templates of the forms: `templates/<edition>/annex-<n>.hbs`, with partials in
 * `templates/<edition>/partials/`. Templates arrange prepared view models into the document markup
 * (src/document/markup.ts); they never compute. Escaping stays on: user text is always data.
 *
 * The build compiles them ahead (precompileEdition, scripts/precompile-templates.mjs) into a file beside this
 * module, which saves a run compiling them; a template whose source differs from the one compiled (edited since
 * the build), or a Handlebars of another version, is compiled from its source as before.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
// strict: a misspelt field in a template fails loudly instead of printing nothing.
const COMPILE_OPTIONS = { strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true };

/** The templates of an edition as compiled by the build, by name ('annex-2', 'partials/row'), with their sources' hashes. */
export interface PrecompiledEdition {
  handlebars: string;
  templates: Record<string, { hash: string; spec: TemplateSpecification }>;
}
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

const hashOf = (source: string) => createHash('sha256').update(source).digest('hex');

/** The file the build writes an edition's compiled templates to: CommonJS, so that it loads synchronously. */
const precompiledFile = (edition: string) => new URL(`./${edition}.templates.cjs`, import.meta.url);

/** The template sources of an edition, by name. */
function templateSources(edition: string): Map<string, string> {
  const dir = join(TEMPLATES_DIR, edition);
  const sources = new Map<string, string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.hbs')))
    sources.set(basename(f, '.hbs'), readFileSync(join(dir, f), 'utf8'));
  for (const f of readdirSync(join(dir, 'partials')).filter((f) => f.endsWith('.hbs')))
    sources.set(`partials/${basename(f, '.hbs')}`, readFileSync(join(dir, 'partials', f), 'utf8'));
  return sources;
}

/** The module the build writes for an edition (scripts/precompile-templates.mjs): every template, compiled. */
export function precompileEdition(edition: string): { file: URL; text: string } {
  const entries = [...templateSources(edition)].map(
    ([name, source]) =>
      `  ${JSON.stringify(name)}: { hash: ${JSON.stringify(hashOf(source))}, spec: ${Handlebars.precompile(source, COMPILE_OPTIONS)} },`,
  );
  const text = [
    `// The templates of templates/${edition}/, compiled by the build (src/templates/engine.ts): do not edit.`,
    `module.exports = { handlebars: ${JSON.stringify(Handlebars.VERSION)}, templates: {`,
    ...entries,
    '} };',
    '',
  ].join('\n');
  return { file: precompiledFile(edition), text };
}

/** An edition's templates as the build compiled them, if it did (not when run from the TypeScript sources). */
function loadPrecompiled(edition: string): PrecompiledEdition | undefined {
  try {
    const loaded = createRequire(import.meta.url)(fileURLToPath(precompiledFile(edition))) as PrecompiledEdition;
    return loaded.handlebars === Handlebars.VERSION ? loaded : undefined;
  } catch {
    return undefined;
  }
}

/** The templates of an edition, ready to render. */
export interface EditionTemplates {
  /** Renders one annex's view model into document markup. */
  annex(annex: AnnexNumber, view: object, services: TemplateServices): string;
  /** Renders a document that is not an annex, `<name>.hbs` (the estimate's change report). */
  other(name: string, view: object, services: TemplateServices): string;
}
const editions = new Map<string, EditionTemplates>();

/**
 * An edition's templates. `precompiled`: templates compiled ahead (the build's, loadPrecompiled), each used only for
 * the very source it was compiled from; undefined: every template compiled from its source.
 */
export function loadEdition(edition: string, precompiled: PrecompiledEdition | undefined): EditionTemplates {
  const hb = Handlebars.create();
  const sources = templateSources(edition);
  const made = new Map<string, Handlebars.TemplateDelegate>();
  const template = (name: string): Handlebars.TemplateDelegate => {
    let t = made.get(name);
    if (t) return t;
    const source = sources.get(name);
    if (source === undefined) throw new Error(`no template ${name}.hbs in edition ${edition}`);
    const ahead = precompiled?.templates[name];
    t = ahead?.hash === hashOf(source) ? hb.template(ahead.spec) : hb.compile(source, COMPILE_OPTIONS);
    made.set(name, t);
    return t;
  };
  for (const name of sources.keys())
    if (name.startsWith('partials/')) hb.registerPartial(name.slice('partials/'.length), template(name));
  return {
    annex: (n, view, services) => template(`annex-${n}`)(view, { helpers: helpersOf(services) }),
    other: (name, view, services) => template(name)(view, { helpers: helpersOf(services) }),
  };
}

function edition(name: string): EditionTemplates {
  let loaded = editions.get(name);
  if (!loaded) {
    loaded = loadEdition(name, loadPrecompiled(name));
    editions.set(name, loaded);
  }
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
export function renderTemplateMarkup(
  editionName: string,
  name: string,
  view: object,
  services: TemplateServices,
): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`not a template name: ${name}`);
  return edition(editionName).other(name, view, services);
}

/** Renders one annex's view model into document markup. */
export function renderAnnexMarkup(
  editionName: string,
  annex: AnnexNumber,
  view: object,
  services: TemplateServices,
): string {
  return edition(editionName).annex(annex, view, services);
}
