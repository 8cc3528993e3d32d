/**
 * Hints for the mistakes a new user makes: a field in the wrong object, a shortened or glued name, `null` for
 * «not given», a computed field written by hand, a unit code with a typo.
 */
import { describe, expect, it } from 'vitest';
import { messageText } from '../src/validation/report.ts';
import { validateValue } from '../src/validation/validate.ts';
import { loadSampleJson } from './helpers/sample.ts';

type App = ReturnType<typeof loadSampleJson>;

/** The problems of the sample after an edit, as `path  message` lines (ru unless asked). */
function problems(edit: (app: App) => void, lang: 'ru' | 'kk' | 'en' = 'ru'): string[] {
  const app = structuredClone(loadSampleJson());
  edit(app);
  return validateValue(app)
    .diagnostics.filter((d) => !d.key.startsWith('budget.declaredTotal') && d.key !== 'budget.possibleDoubleCount')
    .map((d) => `${d.path.join('.')}  ${d.severity}  ${messageText(d, lang)}`);
}

describe('«did you mean» searches the whole model', () => {
  it('points a field put in the wrong object to its place', () => {
    const p = problems((a) => {
      a.project.tasks = a.project.basics.tasks;
      delete a.project.basics.tasks;
    });
    expect(p).toContain('project.tasks  error  поле «tasks» здесь не предусмотрено: его место — project.basics.tasks');
    expect(p.join('\n')).not.toMatch(/risks/);
  });

  it('says the same in Kazakh and English', () => {
    const edit = (a: App) => {
      a.project.tasks = a.project.basics.tasks;
      delete a.project.basics.tasks;
    };
    expect(problems(edit, 'kk').join('\n')).toContain('оның орны — project.basics.tasks');
    expect(problems(edit, 'en').join('\n')).toContain('its place is project.basics.tasks');
  });

  it('a name glued from two levels: indicatorsLong → indicators.longTerm', () => {
    const p = problems((a) => {
      a.project.monitoring.rows[0].indicatorsLong = 'x';
    });
    expect(p).toContain(
      'project.monitoring.rows.0.indicatorsLong  error  неизвестное поле «indicatorsLong»; может быть, «indicators.longTerm»?',
    );
  });

  it('a shortened name: months in the calendar → durationMonths (not the months of an activity)', () => {
    const p = problems((a) => {
      a.project.calendar.months = a.project.calendar.durationMonths;
      delete a.project.calendar.durationMonths;
    });
    expect(p).toContain('project.calendar.months  error  неизвестное поле «months»; может быть, «durationMonths»?');
  });

  it('a shortened name beside its field wins over the same name elsewhere: name in the team → fullName', () => {
    const p = problems((a) => {
      const member = a.capacity.team[0];
      member.name = member.fullName;
      delete member.fullName;
    });
    expect(p.join('\n')).toMatch(
      /capacity\.team\.0\.name {2}error {2}неизвестное поле «name»; может быть, «fullName»\?/,
    );
  });

  it('a list where the activity months go is pointed there', () => {
    const p = problems((a) => {
      a.project.calendar.activities[0].month = [1, 2];
    });
    expect(p.join('\n')).toMatch(/«month»; может быть, «months»\?/);
  });

  it('keeps the plain typo hint', () => {
    const p = problems((a) => {
      const line = a.estimate.administrative.salaries.lines[0];
      line.quanity = line.quantity;
      delete line.quantity;
    });
    expect(p.join('\n')).toMatch(/«quanity»; может быть, «quantity»\?/);
  });
});

describe('computed fields and null', () => {
  it('labour.total is named as computed', () => {
    const p = problems((a) => {
      a.applicant.labour.total = 12;
    });
    expect(p).toContain(
      'applicant.labour.total  error  поле «total» вычисляется само (штатные сотрудники + специалисты + волонтеры): уберите его',
    );
  });

  it('a total written in an estimate line is named as computed, with declaredTotal for paper figures', () => {
    const p = problems((a) => {
      a.estimate.administrative.salaries.lines[0].total = 100;
    });
    expect(p.join('\n')).toMatch(/lines\.0\.total {2}error {2}поле «total» вычисляется .*declaredTotal/);
  });

  it('null for an optional field asks to remove the field', () => {
    const p = problems((a) => {
      a.applicant.email = null;
      a.applicant.registration.reregistration = null;
    });
    expect(p).toContain(
      'applicant.email  error  null здесь не означает «нет значения»: если значения нет, уберите поле',
    );
    expect(p).toContain(
      'applicant.registration.reregistration  error  null здесь не означает «нет значения»: если значения нет, уберите поле',
    );
  });

  it('null for a required field asks for a value', () => {
    const p = problems((a) => {
      a.applicant.bin = null;
    });
    expect(p).toEqual(['applicant.bin  error  обязательное поле: вместо null укажите значение']);
  });
});

describe('unit codes', () => {
  it('a unit close to a code is a warning with the code and its printed name', () => {
    const p = problems((a) => {
      a.estimate.administrative.salaries.lines[0].unit = 'months';
    });
    expect(p).toEqual([
      'estimate.administrative.salaries.lines.0.unit  warning  единица «months» будет напечатана как написано; может быть, код «month» (месяц)?',
    ]);
    const kk = problems((a) => {
      a.estimate.administrative.salaries.lines[0].unit = 'Piece';
    }, 'kk');
    expect(kk.join('\n')).toContain('«piece» коды (дана)');
  });

  it('units written in words are not questioned', () => {
    const p = problems((a) => {
      a.estimate.administrative.salaries.lines[0].unit = { ru: 'чел./мес.', kk: 'адам/ай' };
      a.estimate.administrative.salaries.lines[1].unit = 'kit';
    });
    expect(p).toEqual([]);
  });
});
