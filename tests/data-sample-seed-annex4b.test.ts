/**
 * The second half of Annex 4 in the sample (partners … sustainability) transcribes the seed completely:
 * row counts are the ones counted by hand in the seed, every Russian text comes from the seed and every
 * Kazakh text is a real translation.
 */
import { describe, expect, it } from 'vitest';
import { project } from '../src/model/annex4.ts';
import { loadSampleJson, seedText } from './helpers/sample.ts';

type Pair = { path: string; ru: string; kk: string };

const sample = loadSampleJson().project ?? {};
const seed = seedText();

/** The seed breaks lines (and words) anywhere: compare without whitespace, hyphens and case. */
const squash = (s: string) => s.replace(/[\s\u00AD-]+/g, '').toLowerCase();
const squashedSeed = squash(seed);

/** Every localized text inside a rich text, with its JSON path. */
function texts(value: unknown, path: string): Pair[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('ul' in o) return texts(o.ul, `${path}.ul`);
    if ('ol' in o) return texts(o.ol, `${path}.ol`);
    return [{ path, ru: String(o.ru ?? ''), kk: String(o.kk ?? '') }];
  }
  return [{ path, ru: String(value ?? ''), kk: String(value ?? '') }];
}

function rowTexts(rows: Record<string, unknown>[], section: string): Pair[] {
  return rows.flatMap((row, i) =>
    Object.entries(row).flatMap(([key, v]) => {
      if (key === 'results' || key === 'indicators') {
        const sl = v as { shortTerm: unknown; longTerm: unknown };
        return [
          ...texts(sl.shortTerm, `${section}[${i}].${key}.shortTerm`),
          ...texts(sl.longTerm, `${section}[${i}].${key}.longTerm`),
        ];
      }
      return texts(v, `${section}[${i}].${key}`);
    }),
  );
}

/**
 * A text is in the seed if it is there whole, or in two pieces split at a word boundary with the second
 * piece later: the PDF extraction puts other columns (or a page break) inside a cell.
 */
function inSeed(text: string): boolean {
  const whole = squash(text);
  if (squashedSeed.includes(whole)) return true;
  const words = text.split(/\s+/);
  for (let k = 1; k < words.length; k++) {
    const head = squash(words.slice(0, k).join(' '));
    const tail = squash(words.slice(k).join(' ')).replace(/^[.,;:]/, '');
    const at = squashedSeed.indexOf(head);
    if (head.length >= 8 && tail.length >= 8 && at >= 0 && squashedSeed.indexOf(tail, at + head.length) >= 0)
      return true;
  }
  return false;
}

const allTexts: Pair[] = [
  ...rowTexts(sample.partners ?? [], 'partners'),
  ...rowTexts(sample.feedback ?? [], 'feedback'),
  ...texts(sample.monitoring?.goal, 'monitoring.goal'),
  ...rowTexts(sample.monitoring?.rows ?? [], 'monitoring.rows'),
  ...(sample.calendar?.activities ?? []).flatMap((a: { title: unknown }, i: number) =>
    texts(a.title, `calendar.activities[${i}].title`),
  ),
  ...rowTexts(sample.risks ?? [], 'risks'),
  ...rowTexts(sample.media ?? [], 'media'),
  ...texts(sample.sustainability?.continuation, 'sustainability.continuation'),
  ...texts(sample.sustainability?.organizationRole, 'sustainability.organizationRole'),
];

describe('sample Annex 4, partners to sustainability', () => {
  it('parses with the model', () => {
    const part = project.pick({
      partners: true,
      feedback: true,
      monitoring: true,
      calendar: true,
      risks: true,
      media: true,
      sustainability: true,
    });
    const r = part.safeParse(Object.fromEntries(Object.keys(part.shape).map((k) => [k, sample[k]])));
    expect(r.error?.issues).toBeUndefined();
  });

  it('has every row of the seed (counted by hand)', () => {
    expect(sample.partners).toHaveLength(10);
    expect(sample.feedback).toHaveLength(1);
    expect(sample.monitoring.rows).toHaveLength(7);
    expect(sample.calendar.activities).toHaveLength(9);
    expect(sample.risks).toHaveLength(1);
    expect(sample.media).toHaveLength(3);
    expect(sample.sustainability.continuation).toHaveLength(2);
    expect(sample.sustainability.organizationRole).toHaveLength(4);
  });

  it('keeps the partners, monitoring tasks and calendar activities in the seed order', () => {
    // Each text is searched after the previous one, so a swapped or invented row fails.
    const ordered = (list: string[]) => {
      let from = 0;
      for (const s of list) {
        const at = squashedSeed.indexOf(squash(s).slice(0, 60), from);
        expect(at, s).toBeGreaterThanOrEqual(from);
        from = at + 1;
      }
    };
    ordered(sample.partners.map((p: { name: { ru: string } }) => p.name.ru));
    ordered(sample.monitoring.rows.map((r: { task: { ru: string } }) => r.task.ru));
    // The calendar section starts after the monitoring table, which repeats some titles.
    const calendarAt = seed.indexOf('7. Календарный план');
    const calendarSeed = squash(seed.slice(calendarAt, seed.indexOf('8. Риски', calendarAt)));
    const at = sample.calendar.activities.map((a: { title: { ru: string } }) =>
      calendarSeed.indexOf(squash(a.title.ru)),
    );
    expect(at.every((p: number) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('marks the months of the calendar grid as read from the seed', () => {
    const months = Object.fromEntries(
      sample.calendar.activities.map((a: { id: string; months: number[] }) => [a.id, a.months]),
    );
    expect(sample.calendar.durationMonths).toBe(9);
    expect(months).toEqual({
      a1: [1, 2],
      a2: [1, 2],
      a3: [3, 4, 5, 6, 7],
      a4: [8, 9],
      a5: [3, 4, 5],
      a6: [6, 7, 8],
      a7: [1, 2, 3],
      a8: [2, 3, 4, 5],
      a9: [8, 9],
    });
    const unbudgeted = sample.calendar.activities
      .filter((a: { budgeted?: boolean }) => a.budgeted === false)
      .map((a: { id: string }) => a.id);
    expect(unbudgeted).toEqual(['a4', 'a5', 'a9']);
  });

  it('takes every Russian text from the seed', () => {
    expect(allTexts.length).toBeGreaterThan(100);
    const missing = allTexts.filter((t) => !inSeed(t.ru)).map((t) => `${t.path}: ${t.ru}`);
    expect(missing).toEqual([]);
  });

  it('has distinctive values of the seed', () => {
    const json = JSON.stringify(sample);
    for (const s of [
      'Сергей Худяков',
      'Гражданский центр Управления внутренней политики Атырауской области',
      'не менее 240 (по 15 чел на каждом тренинге)',
      'Не менее 40% решенных местных проблем',
      'через ZOOM площадку',
      'Не менее 16 постов',
    ]) {
      expect(json).toContain(s);
      expect(seed).toContain(s);
    }
  });

  it('translates every text into Kazakh', () => {
    // \b knows only ASCII letters: delimit Cyrillic words by hand.
    const word = (list: string) => new RegExp(`(?<!\\p{L})(?:${list})(?!\\p{L})`, 'iu');
    const kazakh = /[әғқңөұүһі]/i;
    const kazakhWord = word('туралы|және|бойынша|кемінде|үшін|\\p{L}+(?:лар|лер|тар|тер|дар|дер)');
    const russianWord = word('будет|будут|проведение|мероприятий|который|также|не менее|для|по');
    const bad: string[] = [];
    for (const t of allTexts) {
      const ok =
        t.kk.trim() !== '' && t.kk !== t.ru && (kazakh.test(t.kk) || kazakhWord.test(t.kk)) && !russianWord.test(t.kk);
      if (!ok) bad.push(`${t.path}: ${t.kk}`);
    }
    expect(bad).toEqual([]);
  });
});
