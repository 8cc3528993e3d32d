/**
 * The label catalogues against the forms reference (labels-ru-kk.md §2): every row of the four form tables
 * must map to catalogue keys with the same Russian and Kazakh text and the Kazakh status of the reference.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_STATUSES,
  LABEL_KEYS,
  type LabelKey,
  type LabelParams,
  loadLabels,
  placeholdersOf,
} from '../src/i18n/labels.ts';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const readCatalogue = (lang: string): Record<string, { text: string; status: string }> =>
  JSON.parse(readFileSync(root(`templates/2015-413/labels.${lang}.json`), 'utf8'));
const ruFile = readCatalogue('ru');
const kkFile = readCatalogue('kk');
const ru = loadLabels('2015-413', 'ru');
const kk = loadLabels('2015-413', 'kk');

// The forms' label reference, kept in the repository so that these checks always run.
const REFERENCE = root('docs/reference/labels-ru-kk.md');

describe('catalogue files', () => {
  it('have the same keys in the same order, equal to LABEL_KEYS', () => {
    expect(Object.keys(kkFile)).toEqual(Object.keys(ruFile));
    expect([...LABEL_KEYS]).toEqual(Object.keys(ruFile));
    expect(LABEL_KEYS.length).toBeGreaterThan(150);
  });

  it('use known statuses; Russian labels are never drafts', () => {
    for (const [key, e] of Object.entries(ruFile)) {
      expect(['verbatim', 'assembled'], key).toContain(e.status);
    }
    for (const [key, e] of Object.entries(kkFile)) expect(CATALOGUE_STATUSES, key).toContain(e.status);
  });

  it('have the same placeholders in both languages', () => {
    for (const key of LABEL_KEYS) {
      expect(placeholdersOf(kkFile[key]!.text).sort(), key).toEqual(placeholdersOf(ruFile[key]!.text).sort());
    }
  });

  it('follow the key scheme', () => {
    for (const key of LABEL_KEYS) {
      expect(key).toMatch(/^(common|annex[2-5]|unit|currency|calendar|schema)\.[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/);
    }
  });

  it('have complete plural variants', () => {
    const bases = new Set(LABEL_KEYS.filter((k) => k.endsWith('.one')).map((k) => k.slice(0, -4)));
    expect(bases.size).toBeGreaterThanOrEqual(6);
    for (const b of bases) for (const v of ['one', 'few', 'many']) expect(LABEL_KEYS, b).toContain(`${b}.${v}`);
  });
});

describe('Kazakh labels are translated', () => {
  // Words that are the same in both languages.
  const SAME_IN_BOTH = new Set(['+', '№', 'Тел.:', 'Сайт:', 'кофе-брейк', 'билет', 'рубль']);
  const RUSSIAN_WORD =
    /(^|[\s(«])(и|в|во|на|для|или|по|от|до|с|со|из|к|о|об|при|за|не|что|как|год|года|лет|тыс\.|месяц|Месяц)(?=[\s,.:)»]|$)/u;
  const KAZAKH_LETTER = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;

  it('differ from the Russian text except for words shared by both languages', () => {
    const same = LABEL_KEYS.filter((k) => kkFile[k]!.text === ruFile[k]!.text);
    for (const k of same) expect(SAME_IN_BOTH, k).toContain(kkFile[k]!.text);
  });

  // «э» is left out: Kazakh writes it in loanwords («электрондық»).
  it('contain no Russian function words or Russian-only letters', () => {
    for (const k of LABEL_KEYS) {
      const text = kkFile[k]!.text;
      expect(text, k).not.toMatch(RUSSIAN_WORD);
      expect(text, k).not.toMatch(/[щъёЩЪЁ]/u);
    }
  });

  it('contain Kazakh letters in every label of three words or more', () => {
    for (const k of LABEL_KEYS) {
      const words = kkFile[k]!.text.replace(/\{\w+\}/g, '')
        .split(/\s+/)
        .filter(Boolean);
      if (words.length >= 3) expect(kkFile[k]!.text, k).toMatch(KAZAKH_LETTER);
    }
  });

  it('Russian labels contain no Kazakh letters', () => {
    for (const k of LABEL_KEYS) expect(ruFile[k]!.text, k).not.toMatch(KAZAKH_LETTER);
  });
});

describe('estimate keys of the budget engine', () => {
  // From the list fixed for the estimate (Russian text where the list gives it).
  const REQUIRED: Record<string, string | null> = {
    'annex5.title': null,
    'annex5.col.no': null,
    'annex5.col.article': 'Статьи расходов*',
    'annex5.col.unit': null,
    'annex5.col.quantity': null,
    'annex5.col.price': null,
    'annex5.col.total': null,
    'annex5.col.sources': null,
    'annex5.col.own': null,
    'annex5.col.cofinancing': null,
    'annex5.col.grant': null,
    'annex5.section.administrative': 'Административные затраты:',
    'annex5.section.material': 'Материально-техническое обеспечение',
    'annex5.section.direct': 'Прямые расходы:',
    'annex5.article.salaries': 'заработная плата, в том числе:',
    'annex5.article.socialTax': null,
    'annex5.article.medicalInsurance': null,
    'annex5.article.bankServices': null,
    'annex5.article.communication': null,
    'annex5.article.utilities': null,
    'annex5.article.rent': null,
    'annex5.article.consumables': null,
    'annex5.article.other': null,
    'annex5.activity': 'мероприятие {n}. {title}',
    'annex5.travel': 'расходы на служебные командировки, в том числе:',
    'annex5.travelTo': 'расходы на служебные командировки ({destination}), в том числе:',
    'annex5.travel.perDiem': 'суточные (указать количество командировок и человек, человеко-дней)',
    'annex5.travel.perDiem.short': 'суточные',
    'annex5.travel.accommodation': null,
    'annex5.travel.accommodation.short': 'проживание',
    'annex5.travel.transport': null,
    'annex5.travel.transport.short': 'проезд',
    'annex5.handouts': 'приобретение раздаточных материалов, в том числе:',
    'annex5.services': 'расходы по оплате работ и услуг, оказываемых юридическими и физическими лицами, в том числе:',
    'annex5.services.individuals': null,
    'annex5.services.legalEntities': null,
    'annex5.hospitality': 'представительские расходы:',
    'annex5.hospitality.coffeeBreak': 'кофе-брейк',
    'annex5.hospitality.coffeeBreak.short': 'кофе-брейк',
    'annex5.hospitality.lunch': 'обед',
    'annex5.hospitality.hallRent': 'аренда зала',
    'annex5.total': 'Итого:',
    'annex5.footnote': null,
  };

  it('are all present with the fixed Russian wording', () => {
    for (const [key, text] of Object.entries(REQUIRED)) {
      expect(LABEL_KEYS, key).toContain(key);
      if (text !== null) expect(ruFile[key]!.text, key).toBe(text);
    }
    expect(kk.t('annex5.activity', { n: 2, title: 'Семинар' })).toBe('2-іс-шара. Семинар');
    expect(ruFile['annex5.footnote']!.text.startsWith('* Расходы расшифровываются')).toBe(true);
  });

  it('carry no numbering', () => {
    for (const key of LABEL_KEYS.filter((k) => k.startsWith('annex5.')))
      expect(ruFile[key]!.text, key).not.toMatch(/^\d+[.)]\s/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// labels-ru-kk.md §2

interface RefRow {
  section: string;
  id: string;
  ru: string;
  kk: string;
  status: string;
}

/** Rows of the four-column tables of §2.1–2.4 and the two-column unit table. */
function parseReference(md: string): { rows: RefRow[]; units: [string, string][] } {
  const rows: RefRow[] = [];
  const units: [string, string][] = [];
  let section = '';
  let inUnits = false;
  for (const line of md.split('\n')) {
    const h = /^### (2\.\d)/.exec(line);
    if (h) section = h[1]!;
    if (/^## 3\./.test(line)) section = '';
    if (line.startsWith('**Units used')) inUnits = true;
    if (!line.startsWith('|') || /^\|\s*-/.test(line) || !section) continue;
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    if (inUnits) {
      if (cells.length === 2 && cells[0] !== 'Russian') units.push([cells[0]!, cells[1]!]);
      continue;
    }
    if (cells.length !== 4 || cells[0] === '#') continue;
    rows.push({ section, id: cells[0]!, ru: cells[1]!, kk: cells[2]!, status: cells[3]! });
  }
  return { rows, units };
}

const STATUS: Record<string, string> = { V: 'verbatim', T: 'assembled', D: 'draft' };
type Spec = LabelKey | { key: LabelKey; params?: LabelParams };
type Mapping = Spec | Spec[] | 'skip';
interface Opts {
  /** Section headings carry their form number: «1. …». */
  numbered?: boolean;
}

// Row id (with «#k» for the k-th row of a repeated id) → catalogue keys, in the order of the cell's « / » parts.
const MAP: Record<string, Record<string, [Mapping, Opts?]>> = {
  '2.1': {
    'hdr#1': [{ key: 'common.annexToRules', params: { n: 2 } }],
    'hdr#2': ['common.form'],
    title: ['annex2.title'],
    'col#1': ['annex2.col.no'],
    'col#2': ['annex2.col.name'],
    'col#3': ['annex2.col.info'],
    '1': ['annex2.row.name'],
    '2': ['annex2.row.registration'],
    '3': ['annex2.row.bin'],
    '4': ['annex2.row.address'],
    '5': ['annex2.row.targetGroup'],
    '6': ['annex2.row.head'],
    '7': ['annex2.row.chiefAccountant'],
    '8': ['annex2.row.labour'],
    '8a': ['annex2.row.labour.staff'],
    '8b': ['annex2.row.labour.specialists'],
    '8c': ['annex2.row.labour.volunteers'],
  },
  '2.2': {
    hdr: [[{ key: 'common.annexToRules', params: { n: 3 } }, 'common.form']],
    title: ['annex3.title'],
    '1': ['annex3.section1', { numbered: true }],
    '2': ['annex3.section2', { numbered: true }],
    '2-instr': ['annex3.section2.instruction'],
    '2-col1': ['annex3.experience.col.period'],
    '2-col2': ['annex3.experience.col.title'],
    '2-col3': ['annex3.experience.col.customer'],
    '2-col4': ['annex3.experience.col.cost'],
    '2-col5': ['annex3.experience.col.results'],
    '3': ['annex3.section3', { numbered: true }],
    '3-instr': ['annex3.section3.instruction'],
    '4': ['annex3.section4', { numbered: true }],
    '4-col1': ['annex3.team.col.fullName'],
    '4-col2': ['annex3.team.col.position'],
    '4-col3': ['annex3.team.col.experience'],
    '4-col4': ['annex3.team.col.yearsOfService'],
    '4-col5': ['annex3.team.col.duties'],
    '5': ['annex3.section5', { numbered: true }],
    '5-instr': ['annex3.section5.instruction'],
    '5-cols': ['skip'], // the columns of item 2 again
  },
  '2.3': {
    hdr: [[{ key: 'common.annexToRules', params: { n: 4 } }, 'common.form']],
    title: ['annex4.title'],
    '1': ['annex4.section1', { numbered: true }],
    '1a': ['annex4.basics.goal'],
    '1b': ['annex4.basics.tasks'],
    '1c': ['annex4.basics.activities'],
    '1d': ['annex4.basics.coverage'],
    '1e': ['annex4.basics.targetGroups'],
    '1f': ['annex4.basics.expectedResults'],
    '2': ['annex4.section2', { numbered: true }],
    '2a': ['annex4.justification.situation'],
    '2b': ['annex4.justification.statistics'],
    '2c': ['annex4.justification.needsAssessment'],
    '3': ['annex4.section3', { numbered: true }],
    '3-instr': ['annex4.section3.instruction'],
    '3-cols': [
      [
        'annex4.targetGroups.col.group',
        'annex4.targetGroups.col.number',
        'annex4.targetGroups.col.age',
        'annex4.targetGroups.col.benefit',
      ],
    ],
    '4': ['annex4.section4', { numbered: true }],
    '4-instr': ['annex4.section4.instruction'],
    '4-cols': [['annex4.partners.col.name', 'annex4.partners.col.participation']],
    '5': ['annex4.section5', { numbered: true }],
    '5-cols': [['annex4.feedback.col.group', 'annex4.feedback.col.measurement']],
    '6': ['annex4.section6', { numbered: true }],
    '6-line': ['annex4.monitoring.goal'],
    '6-cols': [
      [
        'annex4.monitoring.col.task',
        'annex4.monitoring.col.activities',
        'annex4.monitoring.col.results',
        'annex4.monitoring.col.indicators',
        'annex4.monitoring.col.periodicity',
      ],
    ],
    '7': ['annex4.section7', { numbered: true }],
    '7-cols': [['calendar.activity', { key: 'calendar.month', params: { n: 1 } }]],
    '8': ['annex4.section8', { numbered: true }],
    '8-cols': [['annex4.risks.col.risk', 'annex4.risks.col.mitigation']],
    '9': ['annex4.section9', { numbered: true }],
    '9-col1': ['annex4.media.col.product'],
    '9-col2': ['annex4.media.col.quantity'],
    '9-col3': ['annex4.media.col.channels'],
    '9-col4': ['annex4.media.col.frequency'],
    '10': ['annex4.section10', { numbered: true }],
    '10a': ['annex4.sustainability.continuation'],
    '10b': ['annex4.sustainability.organizationRole'],
  },
  '2.4': {
    hdr: [[{ key: 'common.annexToRules', params: { n: 5 } }, 'common.form']],
    title: ['annex5.title'],
    'col#1': ['annex5.col.no'],
    'col#2': ['annex5.col.article'],
    'col#3': ['annex5.col.unit'],
    'col#4': ['annex5.col.quantity'],
    'col#5': ['annex5.col.price'],
    'col#6': ['annex5.col.total'],
    'col-grp': ['annex5.col.sources'],
    'col#7': ['annex5.col.own'],
    'col#8': ['annex5.col.cofinancing'],
    'col#9': ['annex5.col.grant'],
    '1': ['annex5.section.administrative'],
    '1.1': ['annex5.article.salaries'],
    '1.2': ['annex5.article.socialTax'],
    '1.3': ['annex5.article.medicalInsurance'],
    '1.4': ['annex5.article.bankServices'],
    '1.5': ['annex5.article.communication'],
    '1.6': ['annex5.article.utilities'],
    '1.7': ['annex5.article.rent'],
    '1.8': ['annex5.article.consumables'],
    '1.9': ['annex5.article.other'],
    '2': ['annex5.section.material'],
    '3': ['annex5.section.direct'],
    '3.n': [{ key: 'annex5.activity', params: { n: 1, title: 'X' } }],
    '3.n.a': ['annex5.travel'],
    '3.n.a1': ['annex5.travel.perDiem'],
    '3.n.a2': ['annex5.travel.accommodation'],
    '3.n.a3': ['annex5.travel.transport'],
    '3.n.b': ['annex5.handouts'],
    '3.n.c': ['annex5.services'],
    '3.n.c1': ['annex5.services.individuals'],
    '3.n.c2': ['annex5.services.legalEntities'],
    '3.n.d': ['annex5.hospitality'],
    '3.n.d1': ['annex5.hospitality.coffeeBreak'],
    '3.n.d2': ['annex5.hospitality.lunch'],
    '3.n.d3': ['annex5.hospitality.hallRent'],
    total: ['annex5.total'],
    fn: ['annex5.footnote'],
  },
};

/** Typos of the seed corrected in the Russian catalogue: [as in the reference, as in the catalogue]. */
const RU_CORRECTIONS: Partial<Record<LabelKey, [string, string]>> = {
  'annex4.media.col.product': ['бюллетень, др)', 'бюллетень, др.)'],
  'annex4.media.col.quantity': ['и(или)', 'и (или)'],
};

/**
 * Compares one « / »-part of a reference cell with a label: «… tail» and «head …» are elided cells,
 * «a … b» a range of which the first item is compared.
 */
function expectPart(part: string, label: string, where: string) {
  if (part.startsWith('…'))
    expect.soft(label.endsWith(part.slice(1).trim()), `${where}: «${label}» ends with «${part}»`).toBe(true);
  else if (part.endsWith('…'))
    expect.soft(label.startsWith(part.slice(0, -1).trim()), `${where}: «${label}» starts with «${part}»`).toBe(true);
  else if (part.includes(' … ')) expect.soft(label, where).toBe(part.split(' … ')[0]);
  else expect.soft(label, where).toBe(part);
}

describe('catalogue against labels-ru-kk.md §2', () => {
  const { rows, units } = parseReference(readFileSync(REFERENCE, 'utf8'));

  it('finds the four form tables and the unit table', () => {
    const per = (s: string) => rows.filter((r) => r.section === s).length;
    expect(per('2.1')).toBe(17);
    expect(per('2.2')).toBe(21);
    expect(per('2.3')).toBe(36);
    expect(per('2.4')).toBe(39);
    expect(units).toHaveLength(9);
  });

  it('maps every reference row and every mapping is used', () => {
    const seen = new Map<string, number>();
    const used = new Set<string>();
    for (const r of rows) {
      const n = (seen.get(`${r.section}:${r.id}`) ?? 0) + 1;
      seen.set(`${r.section}:${r.id}`, n);
      const id = MAP[r.section]?.[`${r.id}#${n}`] ? `${r.id}#${n}` : r.id;
      expect(MAP[r.section]?.[id], `row ${r.section} ${r.id} (#${n}) «${r.ru}» has no mapping`).toBeDefined();
      used.add(`${r.section}:${id}`);
    }
    for (const [section, m] of Object.entries(MAP))
      for (const id of Object.keys(m)) expect(used, `${section} ${id}`).toContain(`${section}:${id}`);
  });

  it('has the Russian and Kazakh text and the Kazakh status of every row', () => {
    let compared = 0;
    const seen = new Map<string, number>();
    for (const r of rows) {
      const n = (seen.get(`${r.section}:${r.id}`) ?? 0) + 1;
      seen.set(`${r.section}:${r.id}`, n);
      const [mapping, opts] = MAP[r.section]?.[`${r.id}#${n}`] ?? MAP[r.section]?.[r.id] ?? ['skip'];
      if (mapping === 'skip') continue;
      const specs = (Array.isArray(mapping) ? mapping : [mapping]).map((s) => (typeof s === 'string' ? { key: s } : s));
      const where = `${r.section} ${r.id}`;
      // Labels carry no article numbering «1) »; section headings carry «N. ».
      const clean = (s: string) => (opts?.numbered ? `${r.id}. ${s}` : s.replace(/^\d+\)\s/, ''));
      const ruParts = r.ru.split(' / ');
      const kkParts = r.kk.split(' / ');
      expect(ruParts, where).toHaveLength(specs.length);
      expect(kkParts, where).toHaveLength(specs.length);
      specs.forEach((spec, i) => {
        let ruRef = clean(ruParts[i]!);
        const fix = RU_CORRECTIONS[spec.key];
        if (fix) {
          expect(ruRef, `${where}: correction still needed`).toContain(fix[0]);
          ruRef = ruRef.replace(fix[0], fix[1]);
        }
        expectPart(ruRef, ru.t(spec.key, spec.params), `${where} ru ${spec.key}`);
        expectPart(clean(kkParts[i]!), kk.t(spec.key, spec.params), `${where} kk ${spec.key}`);
        const m = /\[([VTD])\]/.exec(r.status);
        const expected = r.status.trim() === '–' ? 'verbatim' : STATUS[m![1]!];
        if (!/\[[VTD]\]\/\[/.test(r.status))
          expect.soft(kkFile[spec.key]!.status, `${where} status ${spec.key}`).toBe(expected);
        compared++;
      });
    }
    expect(compared).toBeGreaterThanOrEqual(120);
  });

  it('has the units of the estimate', () => {
    const codes: Record<string, LabelKey> = {
      месяц: 'unit.month',
      'шт.': 'unit.piece',
      услуга: 'unit.service',
      'чел.': 'unit.person',
      'чел.-дни': 'unit.personDay',
      билет: 'unit.ticket',
      тираж: 'unit.printRun',
      регион: 'unit.region',
      'бут.': 'unit.bottle',
    };
    for (const [ruText, kkText] of units) {
      const key = codes[ruText];
      expect(key, ruText).toBeDefined();
      expect(ru.t(key!)).toBe(ruText);
      expect(kk.t(key!)).toBe(kkText);
      expect(kkFile[key!]!.status).toBe('draft');
    }
  });
});

describe('glyphs', () => {
  const fonts = ['Regular', 'Bold', 'Italic', 'BoldItalic'].map(
    (s) => fontkit.openSync(root(`fonts/Tinos-${s}.ttf`)) as fontkit.Font,
  );

  it('every character of both catalogues and of formatted values exists in the vendored fonts', () => {
    const chars = new Set<string>();
    for (const cat of [ruFile, kkFile]) for (const e of Object.values(cat)) for (const c of e.text) chars.add(c);
    for (const c of '\u00A0–0123456789,.-') chars.add(c);
    for (const font of fonts)
      for (const c of chars)
        expect(font.hasGlyphForCodePoint(c.codePointAt(0)!), `U+${c.codePointAt(0)!.toString(16)} «${c}»`).toBe(true);
    expect(chars.size).toBeGreaterThan(80);
  });
});
