/**
 * The sample's Annex 2 and Annex 3 transcribe the seed application completely: every experience row, every
 * team member and every entry of their experience, with values found in the seed, and a Kazakh text beside
 * every Russian one.
 */
import { describe, expect, it } from 'vitest';
import { applicant, capacity, type ExperienceRow, type TeamMember } from '../src/model/index.ts';
import { loadSampleJson, seedText } from './helpers/sample.ts';

// Counted by hand in the seed (Приложение 3).
const SEED_EXPERIENCE_ROWS = 17;
const SEED_TEAM = [
  'Ахметова Жибек Аманбаевна',
  'Кошжанова Акмарал Абишевна',
  'Амангелдиева Молдир Алмасовна',
  'Елдесбаева Жумайхан Бердихожакызы',
];
// Numbered (or dated) entries in each member's experience cell.
const SEED_TEAM_ENTRIES = [5, 5, 5, 4];

/** Where the transcription had to recast the seed's words into a separate field (genitive → nominative). */
const RECAST: [string, string][] = [
  ['Проекты по мониторингу', 'проектов по мониторингу'],
  ['Управление по делам религии', 'управления по делам религии'],
  ['Европейский Союз', 'Европейского Союза'],
];

/** Texts that are the same in Russian and Kazakh (names, codes, loanwords). */
const SAME_IN_BOTH = new Set(['FUTURE JASTAR – MANGYSTAU', 'USAID', 'Президент', 'Бухгалтер']);

/** Whitespace and quote marks removed, lower case: PDF extraction breaks lines anywhere, even inside words. */
const squash = (s: string) => s.replace(/[\s«»"“”\u00AD]/g, '').toLowerCase();

const sample = loadSampleJson();
const seed = squash(seedText());

type Loc = { ru?: string; kk?: string } | string;
const ru = (t: Loc): string => (typeof t === 'string' ? t : (t.ru ?? ''));
/** Russian paragraphs of a rich text (blocks and list items flattened). */
const ruTexts = (rich: unknown): string[] => {
  if (rich === undefined) return [];
  if (!Array.isArray(rich)) return [ru(rich as Loc)];
  return rich.flatMap((b) =>
    typeof b === 'object' && b !== null && ('ul' in b || 'ol' in b)
      ? ((b as { ul?: Loc[]; ol?: Loc[] }).ul ?? (b as { ol: Loc[] }).ol).map(ru)
      : [ru(b as Loc)],
  );
};

function at(marker: string, from = 0): number {
  const i = seed.indexOf(squash(marker), from);
  if (i < 0) throw new Error(`seed marker not found: ${marker}`);
  return i;
}

/**
 * Finds `text` in seed[from, to) as at most `maxPieces` runs in order: table cells are interleaved with the
 * neighbouring columns and page breaks, so a cell's text can be split. Every run but the last is at least
 * 15 characters long, so a changed number or word cannot be stitched together from scattered fragments.
 * Returns the start of the first run, or -1.
 */
function findSplit(text: string, from: number, to: number, maxPieces = 4): number {
  let rest = squash(text);
  for (const [ours, theirs] of RECAST) rest = rest.replace(squash(ours), squash(theirs));
  let pos = from;
  let first = -1;
  for (let piece = 0; piece < maxPieces && rest.length > 0; piece++) {
    // Longest prefix of `rest` present in the window after `pos` (binary search on the prefix length).
    let lo = 0;
    let hi = rest.length;
    let found = -1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const i = seed.indexOf(rest.slice(0, mid), pos);
      if (i >= 0 && i + mid <= to) {
        lo = mid;
        found = i;
      } else hi = mid - 1;
    }
    if (lo < rest.length && lo < 15) return -1;
    if (found < 0) return -1;
    if (first < 0) first = found;
    pos = found + lo;
    rest = rest.slice(lo);
  }
  return rest.length === 0 ? first : -1;
}

const expectInSeed = (text: string, from: number, to: number, what: string) =>
  expect(findSplit(text, from, to), `${what}: «${text}»`).toBeGreaterThanOrEqual(0);

describe('sample Annex 2 (applicant) against the seed', () => {
  const a = sample.applicant;

  it('parses with the model', () => {
    expect(applicant.safeParse(a).error?.issues).toBeUndefined();
  });

  it('has the name, dates, BIN, address and contacts of the seed', () => {
    const end = at('Приложение 3');
    expectInSeed(ru(a.name), 0, end, 'name');
    const dmy = (iso: string) => iso.split('-').reverse().join('.');
    expect(seed).toContain(`датапервичнойрегистрации:${dmy(a.registration.first)}`);
    expect(seed).toContain(`дополнении:${dmy(a.registration.amendments)}`);
    expect(a.registration.reregistration).toBeUndefined();
    expect(seed).toContain(`бизнес-идентификационныйномер${a.bin}`);
    expectInSeed(ru(a.address), 0, end, 'address');
    expect(seed).toContain(`электроннаяпочта:${a.email}`);
    expect(seed).toContain(squash(a.website));
    for (const p of a.phones) expect(seed).toContain(squash(p));
  });

  it('keeps «Не применимо» where the seed has it', () => {
    expect(a.targetGroupInfo).toEqual({ notApplicable: true });
    expect(seed).toContain(squash('Информация о целевой группе заявителя Не применимо'));
    expect(a.chiefAccountant).toEqual({ notApplicable: true });
    expect(seed).toContain(squash('и адрес электронной почты Не применимо'));
    expect(a.labour.specialists).toEqual({ notApplicable: true });
    expect(seed).toContain(squash('Привлекаемые специалисты Не применимо'));
    expect(a.labour.volunteers).toEqual({ notApplicable: true });
    expect(seed).toContain(squash('Волонтеры Не применимо'));
    expect(seed).toContain(squash(`Трудовые ресурсы всего. Из них: ${a.labour.staff}`));
    expect(seed).toContain(squash(`Штатные сотрудники ${a.labour.staff} сотрудников`));
  });

  it('names the head as in the seed, with the position of the team table', () => {
    expect(seed).toContain(squash(`${a.head.fullName} Тел.:`));
    const inTeam = sample.capacity.team.find((m: { fullName: string }) => m.fullName === a.head.fullName);
    expect(ru(a.head.position)).toBe(ru(inTeam.position));
  });

  it('replaces the personal mobile and e-mail with fictional ones, in the sample and in the seed fixture alike', () => {
    expect(a.head.phones.length).toBe(2);
    expect(a.head.email).toMatch(/@example\.(kz|com|org)$/);
    // The fixture of the paper carries the same fictional values where the paper had the personal ones.
    expect(seed).toContain(squash(`Тел.: ${a.head.phones.join(' ')} электронная почта: ${a.head.email}`));
    // No other e-mail address than the organisation's and the fictional one, and no mobile number (8 7xx…).
    const emails = new Set(seedText().match(/[\w.-]+@[\w.-]+\.\w+/g));
    expect([...emails].sort()).toEqual([a.email, a.head.email].sort());
    expect(seedText()).not.toMatch(/(?<!\d)87\d{9}(?!\d)/);
  });
});

describe('sample Annex 3 (capacity) against the seed', () => {
  const c = sample.capacity;
  const start = at('Сведения о потенциале заявителя');
  const expStart = at('2. Опыт работы заявителя по теме гранта', start);
  const baseStart = at('3. Наличие у заявителя материально-технической базы', expStart);
  const teamStart = at('4. Состав проектной команды заявителя', baseStart);
  const regionStart = at('5. Опыт работы неправительственной организации', teamStart);
  const end = at('Приложение 4', regionStart);

  it('parses with the model', () => {
    expect(capacity.safeParse(c).error?.issues).toBeUndefined();
  });

  it('has the charter fit with its bulleted list', () => {
    const texts = ruTexts(c.charterFit);
    const list = (c.charterFit as unknown[]).find((b) => typeof b === 'object' && b !== null && 'ul' in b) as {
      ul: Loc[];
    };
    expect(list.ul.length).toBe(5); // five «- …» lines in the seed
    let pos = start;
    for (const t of texts) {
      const i = findSplit(t, pos, expStart);
      expect(i, t).toBeGreaterThanOrEqual(0);
      pos = i;
    }
  });

  it(`has all ${SEED_EXPERIENCE_ROWS} experience rows, in the seed's order, with their cells`, () => {
    expect(c.experience.length).toBe(SEED_EXPERIENCE_ROWS);
    // Each row's title, in order, splits the table into per-row stretches.
    const starts: number[] = [];
    let pos = expStart;
    for (const row of c.experience) {
      const i = findSplit(ru(row.title), pos, baseStart);
      expect(i, ru(row.title)).toBeGreaterThanOrEqual(0);
      starts.push(i);
      pos = i + 1;
    }
    c.experience.forEach((row: ExperienceRow, n: number) => {
      const from = starts[n] as number;
      const to = starts[n + 1] ?? baseStart;
      const what = `row ${n + 1}`;
      // The period sits just before the title.
      expect(seed.slice(from - 20, from), `${what} period`).toContain(squash(ru(row.period)));
      expectInSeed(ru(row.customer), from, to, `${what} customer`);
      if (row.geography) expectInSeed(ru(row.geography), from, to, `${what} geography`);
      for (const t of ruTexts(row.results)) expectInSeed(t, from, to, `${what} results`);
      for (const t of ruTexts(row.description)) expectInSeed(t, from, to, `${what} description`);
      // The cost exactly as written: «2 800 000 тг», «458 000 евро», «1 994,0 тыс.тг».
      const { amount, currency, scale } = row.cost;
      const written =
        scale === 'thousands' ? `${amount},0тыс.тг` : currency === 'EUR' ? `${amount}евро` : `${amount}тг`;
      expect(scale === 'units' || scale === 'thousands', what).toBe(true);
      expect(seed.slice(from, to), `${what} cost`).toContain(written);
    });
  });

  it('has every paragraph of the material base', () => {
    const texts = ruTexts(c.materialBase);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    let pos = baseStart;
    for (const t of texts) {
      const i = findSplit(t, pos, teamStart);
      expect(i, t).toBeGreaterThanOrEqual(0);
      pos = i;
    }
  });

  it('has every team member with every entry of their experience', () => {
    expect(c.team.map((m: { fullName: string }) => m.fullName)).toEqual(SEED_TEAM);
    expect(c.team.map((m: { experience: unknown[] }) => m.experience.length)).toEqual(SEED_TEAM_ENTRIES);
    const starts = c.team.map((m: { fullName: string }) => at(m.fullName, teamStart));
    c.team.forEach((m: TeamMember, n: number) => {
      const from = starts[n] as number;
      const to = starts[n + 1] ?? regionStart;
      const who = ru(m.fullName);
      expect(from).toBeLessThan(to);
      expectInSeed(ru(m.position), from, to, `${who} position`);
      expect(seed.slice(from, to), `${who} years`).toContain(`${m.yearsOfService}лет`);
      for (const t of ruTexts(m.duties)) expectInSeed(t, from, to, `${who} duties`);
      // Projects in the seed's order; the other fields somewhere in the member's cell.
      let pos = from;
      m.experience.forEach((e, k) => {
        const what = `${who} entry ${k + 1}`;
        const i = findSplit(ru(e.project), pos, to);
        expect(i, `${what} project «${ru(e.project)}»`).toBeGreaterThanOrEqual(0);
        pos = i + 1;
        for (const key of ['customer', 'period', 'role'] as const) {
          if (e[key] !== undefined) expectInSeed(ru(e[key]), from, to, `${what} ${key}`);
        }
        for (const t of ruTexts(e.description)) expectInSeed(t, from, to, `${what} description`);
      });
    });
  });

  it('leaves the regional experience empty, as the seed does', () => {
    expect(c.regionalExperience).toEqual([]);
    // The seed's table has only its header: no year appears in the section.
    expect(seed.slice(regionStart, end)).not.toMatch(/20\d\d/);
  });
});

describe('Kazakh beside every Russian text', () => {
  // Russian function words that never appear in Kazakh prose.
  const RUSSIAN_WORDS = /(^|[\s(«])(и|в|во|по|для|на|с|от|что|также|был|была|были|или|из|к)(?=[\s,.;:)»]|$)/i;
  // A Kazakh-specific letter, or a year written the Kazakh way («2018 ж.», «2017-2020 жж.», «2017 жыл»).
  const KAZAKH = /[әғқңөұүһі]|^\d{4}(-\d{4})? (жыл|ж\.|жж\.)$/i;
  // Plain strings are allowed only for names, codes and contacts.
  const PLAIN_KEYS = new Set([
    'fullName',
    'email',
    'phones',
    'website',
    'bin',
    'first',
    'amendments',
    'currency',
    'scale',
  ]);

  const texts: { path: string; ru?: string; kk?: string }[] = [];
  const plain: { path: string; key: string }[] = [];
  const walk = (v: unknown, path: string, key: string) => {
    if (typeof v === 'string') plain.push({ path, key });
    else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`, key);
    } else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if ('ru' in o || 'kk' in o) texts.push({ path, ru: o.ru as string, kk: o.kk as string });
      else for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`, k);
    }
  };
  walk(sample.applicant, 'applicant', 'applicant');
  walk(sample.capacity, 'capacity', 'capacity');

  it('finds texts to check', () => {
    expect(texts.length).toBeGreaterThan(150);
  });

  it('gives every text in both languages, plain strings only for names and codes', () => {
    for (const p of plain) expect(PLAIN_KEYS.has(p.key), p.path).toBe(true);
    for (const t of texts) {
      expect(t.ru?.trim(), `${t.path}.ru`).toBeTruthy();
      expect(t.kk?.trim(), `${t.path}.kk`).toBeTruthy();
    }
  });

  it('writes the Kazakh in Kazakh', () => {
    for (const t of texts) {
      const kk = t.kk as string;
      if (SAME_IN_BOTH.has(kk)) continue;
      expect(kk, `${t.path}.kk is the Russian text`).not.toBe(t.ru);
      expect(kk, `${t.path}.kk has no Kazakh letter`).toMatch(KAZAKH);
      expect(RUSSIAN_WORDS.exec(kk)?.[0], `${t.path}.kk has a Russian word`).toBeUndefined();
    }
  });
});
