/** The calendar plan (Annex 4, section 7): activities × months 1…duration, a click toggles a month. */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { FieldProblems, NumberField, RowsField, TextField } from './fields.ts';
import { label } from './labels.ts';
import { type Json, type Path, pathKey } from './paths.ts';
import { edit, state, valueAt } from './store.ts';
import { say } from './texts.ts';

const CAL: Path = ['project', 'calendar'];
const MAX_MONTHS = 36;

function nextId(activities: Json[]): string {
  const ids = new Set(activities.map((a) => a?.id));
  let n = activities.length + 1;
  while (ids.has(`a${n}`)) n++;
  return `a${n}`;
}

export function CalendarField(): VNode {
  const lang = state.uiLang;
  const plan = valueAt(CAL) ?? {};
  const duration = Number.isInteger(plan.durationMonths) ? Math.min(Math.max(plan.durationMonths, 1), MAX_MONTHS) : 1;
  const activities: Json[] = Array.isArray(plan.activities) ? plan.activities : [];
  const months = Array.from({ length: duration }, (_, i) => i + 1);

  const toggle = (i: number, m: number) => {
    const path = [...CAL, 'activities', i, 'months'];
    const current: number[] = Array.isArray(valueAt(path)) ? valueAt(path) : [];
    const next = current.includes(m) ? current.filter((x) => x !== m) : [...current, m].sort((a, b) => a - b);
    edit(path, next);
  };

  return html`<div class="calendar">
    <${NumberField} path=${[...CAL, 'durationMonths']} label=${say(lang, 'duration')} integer />
    <div class="calendar-grid-wrap">
      <table class="calendar-grid">
        <thead><tr>
          <th class="activity-col">${label(lang, 'calendar.activity')}</th>
          ${months.map((m) => html`<th class="month" title=${label(lang, 'calendar.month', { n: m })}>${m}</th>`)}
        </tr></thead>
        <tbody>
          ${activities.map((a, i) => {
            const title =
              typeof a?.title === 'string'
                ? a.title
                : (a?.title?.[lang === 'kk' ? 'kk' : 'ru'] ?? a?.title?.ru ?? a?.title?.kk ?? '');
            const set = new Set(Array.isArray(a?.months) ? a.months : []);
            return html`<tr>
              <th class="activity-col">${i + 1}. ${title}</th>
              ${months.map(
                (m) => html`<td class=${set.has(m) ? 'month on' : 'month'}>
                  <button type="button" class="month-toggle" aria-pressed=${set.has(m) ? 'true' : 'false'}
                    data-activity=${i} data-month=${m}
                    aria-label=${`${i + 1}. ${title}: ${label(lang, 'calendar.month', { n: m })}`}
                    onClick=${() => toggle(i, m)}>${set.has(m) ? label(lang, 'calendar.mark') : ''}</button>
                </td>`,
              )}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    <${FieldProblems} path=${[...CAL, 'activities']} />
    <${RowsField} path=${[...CAL, 'activities']} addLabel=${say(lang, 'addActivity')}
      make=${() => ({ id: nextId(activities), title: '', months: [1] })}
      row=${(p: Path, i: number) => html`
        <div class="inline-fields">
          <div class="field plain" data-path=${pathKey([...p, 'id'])}>
            <div class="field-label">${say(lang, 'activityId')}</div>
            <input type="text" value=${activities[i]?.id ?? ''} onInput=${(e: Event) => edit([...p, 'id'], (e.currentTarget as HTMLInputElement).value)} />
            <${FieldProblems} path=${[...p, 'id']} />
          </div>
          <label class="na"><input type="checkbox" checked=${activities[i]?.budgeted !== false}
            onChange=${(e: Event) => edit([...p, 'budgeted'], (e.currentTarget as HTMLInputElement).checked ? undefined : false)} />
            ${say(lang, 'budgeted')}</label>
        </div>
        <${TextField} path=${[...p, 'title']} label=${label(lang, 'calendar.activity')} multiline />
        <${FieldProblems} path=${[...p, 'months']} below />`} />
  </div>`;
}
