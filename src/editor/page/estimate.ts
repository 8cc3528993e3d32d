/**
 * The estimate (Annex 5) as an editable grid in the form's layout: sections, the fixed articles, the activities of
 * the calendar plan with their fixed groups, lines and added articles. Every total is recomputed on each keystroke
 * by the same engine as the documents (src/budget: exact decimals), from the data as it is typed: an amount that
 * is not (yet) a number counts as zero here and is reported at its field.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { computeEstimate, TRAVEL_SLOTS, walkLines, walkNodes } from '../../budget/compute.ts';
import type { ComputedLine, ComputedNode, RowLabel } from '../../budget/types.ts';
import type { CalendarPlan } from '../../model/annex4.ts';
import type { Estimate } from '../../model/annex5.ts';
import { ADMIN_ARTICLES, UNIT_CODES } from '../../model/estimate-form.ts';
import { formatMoney } from './amounts.ts';
import { FieldProblems, NumberField, TextField } from './fields.ts';
import { label } from './labels.ts';
import { type Json, type Path, pathKey } from './paths.ts';
import { edit, state, valueAt } from './store.ts';
import { say } from './texts.ts';

const ADMIN: readonly string[] = ADMIN_ARTICLES;
const TRAVEL: readonly string[] = TRAVEL_SLOTS;
const SERVICES = ['individuals', 'legalEntities'];
const HOSPITALITY = ['coffeeBreak', 'lunch', 'hallRent', 'other'];

const num = (v: Json): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const arr = (v: Json): Json[] => (Array.isArray(v) ? v : []);
const declared = (v: Json) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const line = (l: Json) => ({
  name: l?.name,
  unit: l?.unit ?? 'piece',
  quantity: num(l?.quantity),
  price: num(l?.price),
  own: num(l?.own),
  cofinancing: num(l?.cofinancing),
});
const group = (g: Json) => ({ lines: arr(g?.lines).map(line), declaredTotal: declared(g?.declaredTotal) });
const extra = (g: Json) => ({ title: g?.title ?? '', ...group(g) });

/** The estimate as the engine takes it, with the model's defaults, from a draft that may be incomplete. */
export function computableEstimate(e: Json): Estimate {
  const admin = e?.administrative ?? {};
  const activity = (a: Json) => ({
    activity: String(a?.activity ?? ''),
    title: a?.title,
    declaredTotal: declared(a?.declaredTotal),
    travel: {
      destination: a?.travel?.destination,
      ...Object.fromEntries(TRAVEL.map((s) => [s, group(a?.travel?.[s])])),
      declaredTotal: declared(a?.travel?.declaredTotal),
    },
    handouts: group(a?.handouts),
    services: {
      ...Object.fromEntries(SERVICES.map((s) => [s, group(a?.services?.[s])])),
      declaredTotal: declared(a?.services?.declaredTotal),
    },
    hospitality: {
      ...Object.fromEntries(HOSPITALITY.map((s) => [s, group(a?.hospitality?.[s])])),
      declaredTotal: declared(a?.hospitality?.declaredTotal),
    },
    extra: arr(a?.extra).map(extra),
  });
  return {
    grantAmount: declared(e?.grantAmount),
    materialShareLimitPercent: typeof e?.materialShareLimitPercent === 'number' ? e.materialShareLimitPercent : 10,
    administrative: {
      ...Object.fromEntries(ADMIN.map((a) => [a, group(admin[a])])),
      extra: arr(admin.extra).map(extra),
      declaredTotal: declared(admin.declaredTotal),
    },
    material: group(e?.material),
    direct: { activities: arr(e?.direct?.activities).map(activity), declaredTotal: declared(e?.direct?.declaredTotal) },
    declaredTotal: declared(e?.declaredTotal),
  } as unknown as Estimate;
}

function computableCalendar(c: Json): CalendarPlan {
  return {
    durationMonths: num(c?.durationMonths),
    activities: arr(c?.activities).map((a) => ({
      id: String(a?.id ?? ''),
      title: a?.title ?? '',
      months: arr(a?.months),
      budgeted: a?.budgeted !== false,
    })),
  } as CalendarPlan;
}

const pick = (t: Json): string => {
  if (typeof t === 'string') return t;
  const l = state.uiLang === 'kk' ? 'kk' : 'ru';
  return t?.[l] ?? t?.ru ?? t?.kk ?? '';
};

function rowLabel(l: RowLabel): string {
  if ('text' in l) return pick(l.text);
  const params = Object.fromEntries(
    Object.entries(l.params ?? {}).map(([k, v]) => [k, typeof v === 'number' ? v : pick(v)]),
  );
  return label(state.uiLang, l.key, params);
}

const amounts = (a: { total: Json; own: Json; cofinancing: Json; grant: Json }, path: Path) => {
  const k = pathKey(path);
  return html`<td class="amount total" data-total=${k}>${formatMoney(a.total)}</td>
    <td class="amount" data-own=${k}>${formatMoney(a.own)}</td>
    <td class="amount" data-cofinancing=${k}>${formatMoney(a.cofinancing)}</td>
    <td class="amount grant" data-grant=${k}>${formatMoney(a.grant)}</td>`;
};

const COLS = 10;

function problemsRow(path: Path, below = false): VNode | null {
  const k = pathKey(path);
  const prefix = k.slice(0, -1);
  const any = state.problems.some((p) => {
    const pk = pathKey(p.path);
    return pk === k || (below && pk.startsWith(`${prefix},`));
  });
  if (!any) return null;
  return html`<tr class="problems-row"><td colspan=${COLS}><${FieldProblems} path=${path} below=${below} /></td></tr>`;
}

function UnitCell({ path }: { path: Path }): VNode {
  const lang = state.uiLang;
  const v = valueAt(path);
  const code = typeof v === 'string' && (UNIT_CODES as readonly string[]).includes(v) ? v : '';
  return html`<div class="unit-cell" data-path=${pathKey(path)}>
    <select aria-label=${label(lang, 'annex5.col.unit')} onChange=${(e: Event) => {
      const s = (e.currentTarget as HTMLSelectElement).value;
      edit(path, s === '' ? '' : s);
    }}>
      ${UNIT_CODES.map((u) => html`<option value=${u} selected=${code === u}>${label(lang, `unit.${u}`)}</option>`)}
      <option value="" selected=${code === ''}>${say(lang, 'otherUnit')}</option>
    </select>
    ${code === '' ? html`<${TextField} path=${path} hint="" />` : null}
  </div>`;
}

function lineRows(linesPath: Path, computed: Map<string, ComputedLine>): VNode[] {
  const lines = arr(valueAt(linesPath));
  const lang = state.uiLang;
  const move = (i: number, d: number) => {
    const next = [...lines];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x);
    edit(linesPath, next);
  };
  const rows = lines.flatMap((_, i) => {
    const p = [...linesPath, i];
    const c = computed.get(pathKey(p));
    return [
      html`<tr class="line" data-path=${pathKey(p)}>
        <td class="no"></td>
        <td class="name"><${TextField} path=${[...p, 'name']} hint="" optional /></td>
        <td class="unit"><${UnitCell} path=${[...p, 'unit']} /></td>
        <td class="input"><${NumberField} path=${[...p, 'quantity']} decimals=${3} compact label=${label(lang, 'annex5.col.quantity')} /></td>
        <td class="input"><${NumberField} path=${[...p, 'price']} compact label=${label(lang, 'annex5.col.price')} /></td>
        <td class="amount total" data-total=${pathKey(p)}>${c ? formatMoney(c.total) : ''}</td>
        <td class="input"><${NumberField} path=${[...p, 'own']} compact optional label=${label(lang, 'annex5.col.own')} /></td>
        <td class="input"><${NumberField} path=${[...p, 'cofinancing']} compact optional label=${label(lang, 'annex5.col.cofinancing')} /></td>
        <td class="amount grant" data-grant=${pathKey(p)}>${c ? formatMoney(c.grant) : ''}</td>
        <td class="tools"><span class="row-tools">
          <button type="button" title=${say(lang, 'up')} disabled=${i === 0} onClick=${() => move(i, -1)}>↑</button>
          <button type="button" title=${say(lang, 'down')} disabled=${i === lines.length - 1} onClick=${() => move(i, 1)}>↓</button>
          <button type="button" class="delete" title=${say(lang, 'delete')} onClick=${() =>
            edit(
              linesPath,
              lines.filter((__, j) => j !== i),
            )}>✕</button>
        </span></td>
      </tr>`,
      problemsRow(p, true),
    ].filter((x): x is VNode => x !== null);
  });
  rows.push(html`<tr class="add-line"><td></td><td colspan=${COLS - 1}>
    <button type="button" class="add" data-add-line=${pathKey(linesPath)}
      onClick=${() => edit(linesPath, [...lines, { name: '', unit: 'piece', quantity: 1, price: 0 }])}>${say(lang, 'addRow')}</button>
  </td></tr>`);
  return rows;
}

function nodeRow(node: ComputedNode, opts: { title?: VNode; tools?: VNode } = {}): VNode[] {
  return [
    html`<tr class=${`node ${node.kind}`} data-path=${pathKey(node.path)}>
      <td class="no">${node.number}</td>
      <td class="name" colspan="4">${opts.title ?? rowLabel(node.label)}</td>
      ${amounts(node, node.path)}
      <td class="tools">${opts.tools ?? null}</td>
    </tr>`,
    problemsRow(node.path),
  ].filter((x): x is VNode => x !== null);
}

export function EstimateGrid(): VNode {
  const lang = state.uiLang;
  const est = valueAt(['estimate']) ?? {};
  const calendar = valueAt(['project', 'calendar']);
  const computed = computeEstimate(computableEstimate(est), computableCalendar(calendar));
  const lines = new Map<string, ComputedLine>();
  for (const l of walkLines(computed)) lines.set(pathKey(l.path), l);
  const nodes = new Map<string, ComputedNode>();
  for (const n of walkNodes(computed)) nodes.set(pathKey(n.path), n);
  const node = (p: Path) => nodes.get(pathKey(p)) as ComputedNode;

  const rows: VNode[] = [];
  const withLines = (n: ComputedNode, opts?: Parameters<typeof nodeRow>[1]) => {
    rows.push(...nodeRow(n, opts), ...lineRows([...n.path, 'lines'], lines));
  };
  const extraTitle = (p: Path) =>
    html`<${TextField} path=${[...p, 'title']} label=${say(lang, 'articleTitle')} hint="" />`;
  const removeTool = (listPath: Path, i: number) => html`<span class="row-tools"><button type="button" class="delete"
    title=${say(lang, 'delete')} onClick=${() =>
      edit(
        listPath,
        arr(valueAt(listPath)).filter((_, j) => j !== i),
      )}>✕</button></span>`;
  const addButton = (text: string, onClick: () => void) =>
    html`<tr class="add-line"><td></td><td colspan=${COLS - 1}><button type="button" class="add" onClick=${onClick}>${text}</button></td></tr>`;

  // 1. Administrative costs: the nine fixed articles, then added ones.
  rows.push(...nodeRow(computed.administrative));
  const adminPath: Path = ['estimate', 'administrative'];
  for (const a of ADMIN) withLines(node([...adminPath, a]));
  const adminExtra = arr(est.administrative?.extra);
  adminExtra.forEach((_, i) => {
    const p = [...adminPath, 'extra', i];
    withLines(node(p), { title: extraTitle(p), tools: removeTool([...adminPath, 'extra'], i) });
  });
  rows.push(
    addButton(say(lang, 'addArticle'), () => edit([...adminPath, 'extra'], [...adminExtra, { title: '', lines: [] }])),
  );

  // 2. Material and technical provision.
  withLines(computed.material);

  // 3. Direct costs, per activity of the calendar plan.
  rows.push(...nodeRow(computed.direct));
  const activitiesPath: Path = ['estimate', 'direct', 'activities'];
  const activities = arr(est.direct?.activities);
  const calendarIds: string[] = arr(calendar?.activities).map((a) => String(a?.id ?? ''));
  activities.forEach((a, i) => {
    const p = [...activitiesPath, i];
    const n = node(p);
    const options = [...new Set([...calendarIds, String(a?.activity ?? '')])];
    const select = html`<label class="activity-select">${rowLabel(n.label)}
      <select aria-label=${say(lang, 'activityInEstimate')} onChange=${(e: Event) => edit([...p, 'activity'], (e.currentTarget as HTMLSelectElement).value)}>
        ${options.map((id) => html`<option value=${id} selected=${id === a?.activity}>${id}</option>`)}
      </select></label>`;
    rows.push(...nodeRow(n, { title: select, tools: removeTool(activitiesPath, i) }));
    const travel = node([...p, 'travel']);
    rows.push(
      ...nodeRow(travel, {
        title: html`${rowLabel(travel.label)}<${TextField} path=${[...p, 'travel', 'destination']} label=${say(lang, 'destination')} hint="" optional />`,
      }),
    );
    for (const s of TRAVEL) withLines(node([...p, 'travel', s]));
    withLines(node([...p, 'handouts']));
    rows.push(...nodeRow(node([...p, 'services'])));
    for (const s of SERVICES) withLines(node([...p, 'services', s]));
    rows.push(...nodeRow(node([...p, 'hospitality'])));
    for (const s of HOSPITALITY) withLines(node([...p, 'hospitality', s]));
    const ex = arr(a?.extra);
    ex.forEach((_, j) => {
      const q = [...p, 'extra', j];
      withLines(node(q), { title: extraTitle(q), tools: removeTool([...p, 'extra'], j) });
    });
    rows.push(addButton(say(lang, 'addGroup'), () => edit([...p, 'extra'], [...ex, { title: '', lines: [] }])));
  });
  const unused = calendarIds.filter((id) => !activities.some((a) => a?.activity === id));
  if (unused.length > 0)
    rows.push(
      addButton(`${say(lang, 'addActivity')} (${unused[0]})`, () =>
        edit(activitiesPath, [...activities, { activity: unused[0] }]),
      ),
    );

  return html`<div class="estimate">
    <div class="inline-fields">
      <${NumberField} path=${['estimate', 'grantAmount']} label=${say(lang, 'grantAmount')} optional />
      <${NumberField} path=${['estimate', 'materialShareLimitPercent']} label=${say(lang, 'materialLimit')} optional />
    </div>
    <${FieldProblems} path=${['estimate']} />
    <table class="estimate-grid">
      <thead>
        <tr>
          <th rowspan="2">${label(lang, 'annex5.col.no')}</th>
          <th rowspan="2">${label(lang, 'annex5.col.article')}</th>
          <th rowspan="2">${label(lang, 'annex5.col.unit')}</th>
          <th rowspan="2">${label(lang, 'annex5.col.quantity')}</th>
          <th rowspan="2">${label(lang, 'annex5.col.price')}</th>
          <th rowspan="2">${label(lang, 'annex5.col.total')}</th>
          <th colspan="3">${label(lang, 'annex5.col.sources')}</th>
          <th rowspan="2"></th>
        </tr>
        <tr>
          <th>${label(lang, 'annex5.col.own')}</th>
          <th>${label(lang, 'annex5.col.cofinancing')}</th>
          <th>${label(lang, 'annex5.col.grant')}</th>
        </tr>
      </thead>
      <tbody>${rows}</tbody>
      <tfoot>
        <tr class="node estimate" data-path=${pathKey(['estimate'])}>
          <td></td><td colspan="4">${label(lang, 'annex5.total')}</td>
          ${amounts(computed, ['estimate'])}<td></td>
        </tr>
      </tfoot>
    </table>
    <p class="instruction">${label(lang, 'annex5.footnote')}</p>
  </div>`;
}
