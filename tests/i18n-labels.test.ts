import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkLabelOverrides,
  describeOverrideProblem,
  formatLabelList,
  LABEL_KEYS,
  type LabelKey,
  LabelOverrideError,
  listLabels,
  loadLabels,
  readLabelOverrides,
} from '../src/i18n/labels.ts';

const dir = mkdtempSync(join(tmpdir(), 'labels-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('t()', () => {
  const ru = loadLabels('2015-413', 'ru');
  const kk = loadLabels('2015-413', 'kk');

  it('fills placeholders', () => {
    expect(ru.t('common.annex', { n: 2 })).toBe('Приложение 2');
    expect(kk.t('common.annex', { n: 2 })).toBe('2-қосымша');
    expect(ru.t('common.page', { page: 3, pages: 12 })).toBe('Страница 3 из 12');
    expect(kk.t('common.page', { page: 3, pages: 12 })).toBe('12 беттің 3-беті');
    expect(ru.t('annex5.travelTo', { destination: 'в г. Актобе, Атырау, Жамбыл' })).toBe(
      'расходы на служебные командировки (в г. Актобе, Атырау, Жамбыл), в том числе:',
    );
    expect(kk.t('common.documentSubject', { n: 5, title: kk.t('annex5.title') })).toBe(
      '5-қосымша. Әлеуметтік жобаны және (немесе) әлеуметтік бағдарламаны іске асыру бойынша шығыстар сметасы',
    );
    expect(ru.t('common.annexToRules', { n: 4 })).toBe(
      'Приложение 4 к Правилам предоставления грантов для неправительственных организаций и осуществления мониторинга за их реализацией',
    );
  });

  it('the Annex 4 title has the seed typo corrected', () => {
    expect(ru.t('annex4.title')).toBe('Содержание предлагаемого социального проекта и (или) социальной программы');
  });

  it('throws on a missing parameter and on an unknown key, with a suggestion', () => {
    expect(() => ru.t('common.annex')).toThrow(/missing parameter \{n\}/);
    expect(() => ru.t('common.page', { page: 1 })).toThrow(/\{pages\}/);
    expect(() => ru.t('annex2.titel' as LabelKey)).toThrow(/Unknown label key: annex2\.titel.*annex2\.title/);
    expect(() => loadLabels('2022-406', 'ru')).toThrow(/Unknown edition/);
  });

  it('plural() picks the Russian variant and falls back to the base key', () => {
    expect(ru.plural('annex3.yearsOfService', 3)).toBe('3 года');
    expect(ru.plural('annex2.labour.staff', 25)).toBe('25 сотрудников');
    expect(ru.plural('currency.USD', '1.5')).toBe('доллара США');
    expect(ru.plural('currency.KZT', 5)).toBe('тенге');
    expect(kk.plural('annex3.yearsOfService', 3)).toBe('3 жыл');
  });

  it('entries() lists every key with its status', () => {
    const entries = kk.entries();
    expect(entries.map((e) => e.key)).toEqual([...LABEL_KEYS]);
    expect(entries.find((e) => e.key === 'common.form')).toEqual({
      key: 'common.form',
      text: 'Нысан',
      status: 'assembled',
    });
    expect(entries.find((e) => e.key === 'annex2.title')?.status).toBe('draft');
    expect(kk.overridden.size).toBe(0);
  });
});

describe('overrides', () => {
  it('reads a file with comments and applies it with the status "override"', () => {
    const p = file(
      'ok.jsonc',
      `{
        // checked against the official Kazakh text
        "kk": { "annex2.title": "Өтініш берушінің анкетасы", "common.annex": "{n}-қосымша" },
        "ru": { "common.notApplicable": "Не применяется", },
      }`,
    );
    const o = readLabelOverrides(p);
    expect(o).toEqual({
      ru: { 'common.notApplicable': 'Не применяется' },
      kk: { 'annex2.title': 'Өтініш берушінің анкетасы', 'common.annex': '{n}-қосымша' },
    });
    const kk = loadLabels('2015-413', 'kk', o.kk);
    expect(kk.t('annex2.title')).toBe('Өтініш берушінің анкетасы');
    expect(kk.status('annex2.title')).toBe('override');
    expect(kk.status('annex3.title')).toBe('draft');
    expect([...kk.overridden].sort()).toEqual(['annex2.title', 'common.annex']);
    // The cached catalogue is not changed by an override.
    expect(loadLabels('2015-413', 'kk').t('annex2.title')).toBe('Өтініш берушінің сауалнамасы');
  });

  it('lists every unknown key with a suggestion', () => {
    const p = file(
      'unknown.json',
      JSON.stringify({
        kk: { 'annex2.titel': 'x', 'annex5.totl': 'y', 'something.else.entirely': 'z' },
        ru: { 'annex5.col.grnt': 'w' },
        kz: {},
      }),
    );
    let error: unknown;
    try {
      readLabelOverrides(p);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabelOverrideError);
    const { problems, message } = error as LabelOverrideError;
    expect(problems).toEqual([
      { kind: 'unknownKey', lang: 'kk', key: 'annex2.titel', suggestion: 'annex2.title' },
      { kind: 'unknownKey', lang: 'kk', key: 'annex5.totl', suggestion: 'annex5.total' },
      { kind: 'unknownKey', lang: 'kk', key: 'something.else.entirely', suggestion: undefined },
      { kind: 'unknownKey', lang: 'ru', key: 'annex5.col.grnt', suggestion: 'annex5.col.grant' },
      { kind: 'unknownLanguage', lang: 'kz', suggestion: 'kk' },
    ]);
    expect(message).toContain(p);
    expect(message).toContain('unknown label key "annex2.titel" — did you mean "annex2.title"?');
    expect(message).toContain('unknown label key "annex5.totl" — did you mean "annex5.total"?');
    expect(message).toMatch(/"something\.else\.entirely"\n/);
    expect(describeOverrideProblem(problems[0]!, 'ru')).toBe(
      'kk: неизвестный ключ надписи «annex2.titel» — возможно, «annex2.title»?',
    );
    expect(describeOverrideProblem(problems[1]!, 'kk')).toBe(
      'kk: белгісіз жазба кілті «annex5.totl» — мүмкін, «annex5.total»?',
    );
  });

  it('rejects values that are not text and placeholders the documents never fill', () => {
    const problems = checkLabelOverrides({
      ru: { 'annex2.title': 5, 'common.annex': 'Прил. {num}', 'common.page': '{page}' },
      kk: [],
    });
    expect(problems).toEqual([
      { kind: 'notText', lang: 'ru', key: 'annex2.title' },
      { kind: 'unknownPlaceholder', lang: 'ru', key: 'common.annex', placeholder: 'num', allowed: ['n'] },
      { kind: 'notObject', path: 'kk' },
    ]);
    expect(describeOverrideProblem(problems[1]!, 'ru')).toBe(
      'ru.common.annex: неизвестный параметр {num} (допустимы: {n})',
    );
    expect(checkLabelOverrides(['x'])).toEqual([{ kind: 'notObject', path: '$' }]);
    expect(() => loadLabels('2015-413', 'ru', { 'annex5.totl': 'x' })).toThrow(/did you mean "annex5\.total"/);
  });

  it('reports JSON syntax errors with line and column', () => {
    const p = file('broken.json', '{\n  "ru": {\n    "annex2.title": "x"\n    "annex3.title": "y"\n  }\n}\n');
    try {
      readLabelOverrides(p);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LabelOverrideError);
      const [first] = (e as LabelOverrideError).problems;
      expect(first).toMatchObject({ kind: 'syntax', line: 4, column: 5 });
    }
  });
});

describe('label listing', () => {
  it('filters by status and prints key, status and text one per line', () => {
    const drafts = listLabels({ lang: 'kk', status: 'draft' });
    expect(drafts.length).toBeGreaterThan(100);
    expect(drafts.every((r) => r.status === 'draft')).toBe(true);
    expect(listLabels({ lang: 'ru', status: 'draft' })).toEqual([]);

    const rows = listLabels({ lang: 'kk', status: 'verbatim' });
    const text = formatLabelList(rows);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(rows.length);
    const line = lines.find((l) => l.startsWith('currency.KZT.thousands'));
    expect(line).toMatch(/^currency\.KZT\.thousands\s+verbatim\s+мың теңге$/);
    // Columns are aligned: the status starts at the same position on every line.
    const starts = new Set(lines.map((l) => l.search(/ {2}verbatim/)));
    expect(starts.size).toBe(1);
  });

  it('shows overrides', () => {
    const rows = listLabels({ lang: 'ru', status: 'override', overrides: { 'annex5.total': 'Всего:' } });
    expect(rows).toEqual([{ key: 'annex5.total', text: 'Всего:', status: 'override' }]);
  });
});
