/** View model of Annex 2 (the questionnaire). `null` marks «Не применимо» or an empty value. */
import type { Application } from '../model/application.ts';
import { isNotApplicable } from '../model/common.ts';
import type { ViewContext } from './context.ts';

export function annex2View(app: Application, c: ViewContext) {
  const a = app.applicant;
  const person = (p: typeof a.head) => ({
    fullName: c.text(p.fullName),
    position: p.position ? c.text(p.position) : null,
    phones: p.phones.length > 0 ? p.phones.join(', ') : null,
    email: p.email ?? null,
  });
  const part = (kind: 'staff' | 'specialists' | 'volunteers') => {
    const v = a.labour[kind];
    return isNotApplicable(v) ? null : c.labourCount(kind, v);
  };
  const parts = [a.labour.staff, a.labour.specialists, a.labour.volunteers];
  const total = parts.reduce<number>((s, v) => s + (isNotApplicable(v) ? 0 : v), 0);
  return {
    name: c.text(a.name),
    registration: {
      first: c.date(a.registration.first),
      reregistration: a.registration.reregistration ? c.date(a.registration.reregistration) : null,
      amendments: a.registration.amendments ? c.date(a.registration.amendments) : null,
    },
    bin: a.bin,
    address: c.text(a.address),
    email: a.email ?? null,
    phones: a.phones.length > 0 ? a.phones.join(', ') : null,
    website: a.website ?? null,
    targetGroupNotApplicable: isNotApplicable(a.targetGroupInfo),
    targetGroupInfo: isNotApplicable(a.targetGroupInfo) ? [] : c.rich(a.targetGroupInfo),
    head: person(a.head),
    accountant: isNotApplicable(a.chiefAccountant) ? null : person(a.chiefAccountant),
    labour: {
      total: String(total),
      staff: part('staff'),
      specialists: part('specialists'),
      volunteers: part('volunteers'),
    },
  };
}
