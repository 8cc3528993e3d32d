/**
 * Commander's help and errors in the interface language: its headings («Usage:», «Options:»…), the «default»
 * word of option descriptions, and its error messages (unknown option, missing argument…), which commander
 * writes in English only.
 */
import type { Help, Option } from 'commander';
import type { UiLang } from '../validation/messages.ts';
import { type HelpKey, help } from './help-text.ts';

export function localizedHelp(lang: UiLang): Partial<Help> {
  return {
    styleTitle: (title: string) => {
      const key = `title.${title}` as HelpKey;
      return key in TITLES ? help(lang, key) : title;
    },
    optionDescription: (option: Option) => {
      const shown =
        option.defaultValue !== undefined && (option.required || option.optional)
          ? ` (${help(lang, 'default')}: ${option.defaultValueDescription ?? JSON.stringify(option.defaultValue)})`
          : '';
      return `${option.description}${shown}`;
    },
  };
}

const TITLES: Record<string, true> = {
  'title.Usage:': true,
  'title.Options:': true,
  'title.Commands:': true,
  'title.Arguments:': true,
  'title.Global Options:': true,
};

/** Commander's error messages, by their English wording (commander has no other way to give them). */
const ERRORS: [RegExp, (m: RegExpExecArray, lang: UiLang) => string][] = [
  [/^error: unknown option '([^']+)'/, (m, l) => help(l, 'error.unknownOption', { name: m[1]! })],
  [/^error: unknown command '([^']+)'/, (m, l) => help(l, 'error.unknownCommand', { name: m[1]! })],
  [/^error: missing required argument '([^']+)'/, (m, l) => help(l, 'error.missingArgument', { name: m[1]! })],
  [/^error: option '([^']+)' argument missing/, (m, l) => help(l, 'error.optionArgumentMissing', { name: m[1]! })],
  [
    /^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (m, l) => help(l, 'error.excessArguments', { for: m[1] ? ` (${m[1]})` : '', expected: m[2]!, got: m[3]! }),
  ],
];

export function localizeError(lang: UiLang, text: string): string {
  if (lang === 'en') return text;
  const lines = text.replace(/\n$/, '').split('\n');
  const out = lines.map((line) => {
    for (const [pattern, say] of ERRORS) {
      const m = pattern.exec(line);
      if (m) return say(m, lang);
    }
    const hint = /^\(Did you mean (.+)\?\)$/.exec(line);
    return hint ? help(lang, 'error.didYouMean', { name: hint[1]! }) : line;
  });
  return `${out.join('\n')}\n`;
}
