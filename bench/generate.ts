/**
 * Larger applications made from the sample, for the benchmark and the scale tests: an estimate of N lines
 * spread over the activities' groups, a team of M members, a project of D months, K applicant variants for batches.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_FILE = fileURLToPath(new URL('../data/gamo-2021.json', import.meta.url));

// The application JSON, as loose data: the generators reshape it freely and validation checks the result.
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Json = Record<string, any>;

export function sampleJson(): Json {
  return JSON.parse(readFileSync(SAMPLE_FILE, 'utf8'));
}

const UNITS = ['month', 'piece', 'service', 'person', 'personDay', 'ticket', 'printRun', 'region', 'bottle'];

/** The sample with an estimate of exactly `lines` lines (no paper totals: they would not match). */
export function withEstimateLines(lines: number, base = sampleJson()): Json {
  const app = structuredClone(base);
  const activities = app.estimate.direct.activities as Json[];
  for (const a of activities) {
    delete a.declaredTotal;
    for (const g of [a.handouts, a.services?.individuals, a.services?.legalEntities]) if (g) g.lines = [];
    for (const k of ['perDiem', 'accommodation', 'transport']) if (a.travel?.[k]) a.travel[k].lines = [];
    for (const k of ['coffeeBreak', 'lunch', 'hallRent', 'other']) if (a.hospitality?.[k]) a.hospitality[k].lines = [];
  }
  delete app.estimate.direct.declaredTotal;
  delete app.estimate.declaredTotal;
  const admin = app.estimate.administrative;
  for (const k of Object.keys(admin)) if (admin[k]?.lines) admin[k].lines = [];
  app.estimate.material.lines = [];
  // Every group of lines the activities have (not all have the same ones), filled in turn.
  const groups = activities.flatMap((a) =>
    [a.handouts, a.services?.individuals, a.services?.legalEntities, a.hospitality?.other].filter(
      (g): g is Json => g !== undefined && Array.isArray(g.lines),
    ),
  );
  if (groups.length === 0) throw new Error('the sample has no activity line groups to fill');
  for (let i = 0; i < lines; i++) {
    (groups[i % groups.length] as Json).lines.push({
      name: {
        ru: `Позиция сметы № ${i + 1}: услуги и материалы`,
        kk: `Сметаның № ${i + 1} позициясы: қызметтер мен материалдар`,
      },
      unit: UNITS[i % UNITS.length],
      quantity: (i % 17) + 1,
      price: 1000 + ((i * 7919) % 90000) + (i % 3) * 0.25,
    });
  }
  return app;
}

/** The sample with a team of `members` people, each with a few experience entries. */
export function withTeam(members: number, base = sampleJson()): Json {
  const app = structuredClone(base);
  const model = app.capacity.team[0];
  app.capacity.team = Array.from({ length: members }, (_, i) => ({
    ...structuredClone(model),
    fullName: `Сотрудник Номер${i + 1} Тестовый`,
    yearsOfService: (i % 30) + 1,
  }));
  return app;
}

/**
 * The sample as a project of `months` months: the calendar plan stretched over them, each month of an activity
 * becoming the months it covers on the longer scale (a 9-month plan on 18 months: month 2 → months 3 and 4).
 */
export function withDuration(months: number, base = sampleJson()): Json {
  const app = structuredClone(base);
  const plan = app.project.calendar;
  const from: number = plan.durationMonths;
  for (const activity of plan.activities as Json[]) {
    const stretched = new Set<number>();
    for (const m of activity.months as number[]) {
      const first = Math.floor(((m - 1) * months) / from) + 1;
      const last = Math.max(first, Math.floor((m * months) / from));
      for (let n = first; n <= last; n++) stretched.add(n);
    }
    activity.months = [...stretched].sort((a, b) => a - b);
  }
  plan.durationMonths = months;
  return app;
}

/**
 * `count` different applications for a batch: the sample with the applicant's name, the project's title and the
 * first material price of its own in each, so no two render the same documents.
 */
export function applicantVariants(count: number, base = sampleJson()): Json[] {
  return Array.from({ length: count }, (_, i) => {
    const app = structuredClone(base);
    const n = i + 1;
    app.applicant.name = {
      ru: `${app.applicant.name.ru} (филиал № ${n})`,
      kk: `${app.applicant.name.kk} (№ ${n} филиал)`,
    };
    app.project.title = { ru: `${app.project.title.ru}, этап ${n}`, kk: `${app.project.title.kk}, ${n}-кезең` };
    const line = app.estimate.material.lines[0];
    if (line) line.price = Number(line.price) + n * 100;
    return app;
  });
}

/** The lists of texts that randomVariant cuts or repeats (paths in the application file). */
const VARIED_LISTS = [
  'capacity.charterFit',
  'capacity.experience',
  'capacity.materialBase',
  'project.justification.situation',
  'project.justification.statistics',
  'project.justification.needsAssessment',
  'project.partners',
  'project.media',
  'project.sustainability.continuation',
  'project.sustainability.organizationRole',
];

/**
 * A pseudo-random application made from the sample; the same seed gives the same application. Each list of texts
 * above has from one to three times its entries (drawn from its own), and the team (1–30 people), the estimate
 * (20–200 lines) and the duration (9, 12, 18 or 24 months) have random sizes, so page breaks fall elsewhere in
 * every annex.
 */
export function randomVariant(seed: number, base = sampleJson()): Json {
  // mulberry32: a small seeded generator, enough to spread the sizes.
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const app = withDuration([9, 12, 18, 24][int(0, 3)]!, withEstimateLines(int(20, 200), withTeam(int(1, 30), base)));
  for (const path of VARIED_LISTS) {
    const keys = path.split('.');
    const owner = keys.slice(0, -1).reduce((o: Json, k) => o[k], app);
    const list = owner[keys.at(-1)!] as unknown[];
    if (list.length === 0) continue;
    owner[keys.at(-1)!] = Array.from({ length: int(1, list.length * 3) }, () =>
      structuredClone(list[int(0, list.length - 1)]),
    );
  }
  return app;
}
