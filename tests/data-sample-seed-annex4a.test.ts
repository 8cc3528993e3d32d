/**
 * The sample's Annex 4, sections 1–3 (title, basics, justification, target groups), against the seed
 * application: the Russian text of every field, read back in the form's order, is exactly the seed's text of
 * that cell (whitespace ignored, as PDF extraction breaks lines anywhere), so nothing was dropped, added or
 * reordered; every Russian text has a Kazakh translation that keeps the figures.
 */
import { describe, expect, it } from 'vitest';
import { project as projectSchema } from '../src/model/annex4.ts';
import { loadSampleJson, seedText } from './helpers/sample.ts';

type Text = string | { ru?: string; kk?: string };
type Block = Text | { ul: Text[] } | { ol: Text[] };
type Rich = Text | Block[];

type Row = { group: Rich; number: Rich; age: Text; benefit: Rich };

const BASICS_RICH = ['goal', 'activities', 'coverage', 'targetGroups', 'expectedResults'] as const;
const JUSTIFICATION = ['situation', 'statistics', 'needsAssessment'] as const;

const project = loadSampleJson().project as {
  title: Text;
  basics: Record<(typeof BASICS_RICH)[number], Rich> & { tasks: Text[] };
  justification: Record<(typeof JUSTIFICATION)[number], Rich>;
  targetGroups: Row[];
};
const { basics, justification } = project;
const rows = project.targetGroups;
/** Rich text that the sample writes as a list of blocks. */
const blocks = (r: Rich): Block[] => {
  expect(Array.isArray(r)).toBe(true);
  return r as Block[];
};

/**
 * Whitespace removed; a Latin «c» inside a Russian word (one occurs in the seed: «cоздание») read as Cyrillic.
 */
const squash = (s: string) => s.replace(/\s+/g, '').replace(/c(?=[а-яё])/g, 'с');

const ru = (t: Text): string => (typeof t === 'string' ? t : (t.ru ?? ''));
const isText = (b: Block): b is Text => typeof b === 'string' || 'ru' in b || 'kk' in b;

/** Russian text of rich text as the seed prints it: bullets as «-», numbered items as «N.». */
function richRu(r: Rich): string {
  if (!Array.isArray(r)) return ru(r);
  return r
    .map((b) => {
      if (isText(b)) return ru(b);
      if ('ul' in b) return b.ul.map((i) => `-${ru(i)}`).join('');
      return b.ol.map((i, n) => `${n + 1}.${ru(i)}`).join('');
    })
    .join('');
}

/** Every text of rich text (paragraphs and list items). */
function texts(r: Rich): Text[] {
  if (!Array.isArray(r)) return [r];
  return r.flatMap((b) => (isText(b) ? [b] : 'ul' in b ? b.ul : b.ol));
}

/** The seed's Annex 4 up to its section 4, cut at the form's fixed labels (whitespace removed). */
function seedCells(): Record<string, string> {
  const seed = squash(seedText());
  const start = seed.indexOf(squash('Приложение 4'));
  const end = seed.indexOf(squash('4. Партнеры по социальному проекту'), start);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const annex = seed.slice(start, end);
  // [cell key or null for label-only text, label that opens it]
  const labels: [string | null, string][] = [
    ['goal', 'Цель социального проекта и (или) социальной программы'],
    ['tasks', 'Задачи социального проекта и (или) социальной программы'],
    ['activities', 'Предлагаемая деятельность'],
    ['coverage', 'Территориальный охват'],
    ['targetGroups', 'Целевые группы'],
    ['expectedResults', 'Ожидаемые результаты'],
    [null, '2. Обоснованность реализации социального проекта и (или) социальной программы.'],
    [
      'situation',
      'Описание текущей ситуации по проблемам, на решение которых направлен социальный проект и (или) социальная программа',
    ],
    ['statistics', 'Ссылки на статистические данные и (или) данные исследований, в том числе собственных'],
    [
      'needsAssessment',
      'Информация о проведении работы по выявлению потребностей целевой группы (оценка потребностей)',
    ],
    [null, '3. Целевые группы (кто получит пользу'],
    ['row', 'Целевая группа Количество Возраст Какую пользу получит целевая группа'],
  ];
  const cells: Record<string, string> = {};
  let cursor = 0;
  const found: [string | null, number, number][] = labels.map(([key, label]) => {
    const at = annex.indexOf(squash(label), cursor);
    expect(at, label).toBeGreaterThanOrEqual(0);
    cursor = at + squash(label).length;
    return [key, at, cursor];
  });
  found.forEach(([key, , from], i) => {
    const to = found[i + 1]?.[1] ?? annex.length;
    if (key) cells[key] = annex.slice(from, to);
  });
  return cells;
}

/** Every localized text of this part, with its JSON path. */
function allTexts(): [string, Text][] {
  const out: [string, Text][] = [['title', project.title]];
  const rich = (path: string, r: Rich) => {
    for (const [i, t] of texts(r).entries()) out.push([`${path}[${i}]`, t]);
  };
  for (const k of BASICS_RICH) rich(`basics.${k}`, basics[k]);
  for (const [i, t] of basics.tasks.entries()) out.push([`basics.tasks[${i}]`, t]);
  for (const k of JUSTIFICATION) rich(`justification.${k}`, justification[k]);
  for (const [i, r] of rows.entries()) {
    for (const k of ['group', 'number', 'benefit'] as const) rich(`targetGroups[${i}].${k}`, r[k]);
    out.push([`targetGroups[${i}].age`, r.age]);
  }
  return out;
}

describe('sample Annex 4, sections 1–3, against the seed', () => {
  const cells = seedCells();

  it('parses with the model', () => {
    const schema = projectSchema.pick({ title: true, basics: true, justification: true, targetGroups: true });
    const { title, basics, justification, targetGroups } = project;
    const r = schema.safeParse({ title, basics, justification, targetGroups });
    expect(r.error?.issues).toBeUndefined();
  });

  it('has the seed’s title, cited in the justification', () => {
    const title = ru(project.title);
    expect(title).toBe('Организация комплекса мероприятий, направленных на развитие местного самоуправления');
    expect(squash(seedText())).toContain(squash(`проект ЦПГИ «${title}»`));
  });

  it('has the seed’s counts of tasks, paragraphs, list items and table rows (counted by hand)', () => {
    expect(basics.tasks).toHaveLength(7);
    // 8 paragraphs and one bulleted list of 3 items (the fifth task's seminars).
    const listSizes = (r: Rich) => blocks(r).flatMap((b) => (isText(b) ? [] : 'ul' in b ? [b.ul.length] : []));
    expect(blocks(basics.activities)).toHaveLength(9);
    expect(listSizes(basics.activities)).toEqual([3]);
    expect(blocks(basics.expectedResults)).toHaveLength(4);
    expect(blocks(justification.situation)).toHaveLength(4);
    // 5 paragraphs and two bulleted lists of 3 (tax, non-tax, transfers).
    expect(blocks(justification.statistics)).toHaveLength(7);
    expect(listSizes(justification.statistics)).toEqual([3, 3]);
    expect(blocks(justification.needsAssessment)).toHaveLength(6);
    expect(rows).toHaveLength(1);
    expect(blocks(rows[0]?.benefit ?? [])).toHaveLength(4);
  });

  it.each(BASICS_RICH)('basics.%s is the seed’s cell word for word', (key) => {
    expect(squash(richRu(basics[key]))).toBe(cells[key]);
  });

  it('basics.tasks are the seed’s numbered tasks word for word', () => {
    const numbered = basics.tasks.map((t, i) => `${i + 1}.${ru(t)}`).join('');
    expect(squash(numbered)).toBe(cells.tasks);
    for (const t of basics.tasks) expect(ru(t)).not.toMatch(/^\d/);
  });

  it.each(JUSTIFICATION)('justification.%s is the seed’s cell word for word', (key) => {
    expect(squash(richRu(justification[key]))).toBe(cells[key]);
  });

  it('the target-group row is the seed’s row word for word', () => {
    const r = rows[0] as Row;
    const joined = [richRu(r.group), richRu(r.number), ru(r.age), richRu(r.benefit)].join('');
    expect(squash(joined)).toBe(cells.row);
    expect(ru(r.age)).toBe('18-65 лет');
    expect(richRu(r.number)).toContain('Общее количество участников 720 чел.');
  });

  it('keeps distinctive figures of the seed', () => {
    const seed = squash(seedText());
    for (const s of ['8 000 000 тенге', '2345 единиц', '106,7 млрд. тенге', '17,5%', '150 респондентов опроса']) {
      expect(seed).toContain(squash(s));
      expect(squash(JSON.stringify(project))).toContain(squash(s));
    }
  });

  it('gives every text in Russian and in Kazakh', () => {
    const list = allTexts();
    expect(list.length).toBeGreaterThan(50);
    // Kazakh phrases that need no Kazakh-specific letter.
    const plainKazakh = new Set(['18-65 жас']);
    for (const [path, t] of list) {
      expect(typeof t, path).toBe('object');
      const { ru: r, kk } = t as { ru?: string; kk?: string };
      expect(r?.trim(), path).toBeTruthy();
      expect(kk?.trim(), path).toBeTruthy();
      expect(kk, path).not.toBe(r);
      if (!plainKazakh.has(kk ?? '')) expect(kk, path).toMatch(/[әғқңөұүһі]/i);
      // Russian function words do not occur in Kazakh prose.
      expect(kk, path).not.toMatch(/(^|\s)(и|в|на|для|по|что|из|от|или|с)\s/i);
    }
  });

  it('keeps every figure in the Kazakh text', () => {
    const digits = (s: string) => (s.match(/\d+/g) ?? []).sort();
    for (const [path, t] of allTexts()) {
      const { ru: r = '', kk = '' } = t as { ru?: string; kk?: string };
      expect(digits(kk), path).toEqual(digits(r));
    }
  });

  it('names the eight regions of the seed in both languages', () => {
    const cov = basics.coverage as { ru: string; kk: string };
    const regions: [string, string][] = [
      ['Актюбинская', 'Ақтөбе'],
      ['Восточно-Казахстанская', 'Шығыс Қазақстан'],
      ['Павлодарская', 'Павлодар'],
      ['Карагандинская', 'Қарағанды'],
      ['Костанайская', 'Қостанай'],
      ['Атырауская', 'Атырау'],
      ['Акмолинская', 'Ақмола'],
      ['Жамбылская', 'Жамбыл'],
    ];
    for (const [r, k] of regions) {
      expect(cov.ru).toContain(r);
      expect(cov.kk).toContain(k);
    }
  });
});
