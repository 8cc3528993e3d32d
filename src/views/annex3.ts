/** View model of Annex 3 (the applicant's capacity). */
import type { ExperienceRow } from '../model/annex3.ts';
import type { Application } from '../model/application.ts';
import type { ViewContext } from './context.ts';

export function annex3View(app: Application, c: ViewContext) {
  const cap = app.capacity;
  const experience = (rows: ExperienceRow[]) =>
    rows.map((r) => ({
      period: c.text(r.period),
      title: c.text(r.title),
      description: r.description ? c.rich(r.description) : null,
      customer: c.text(r.customer),
      geography: r.geography ? c.text(r.geography) : null,
      cost: c.projectCost(r.cost),
      results: c.rich(r.results),
    }));
  return {
    charterFit: c.rich(cap.charterFit),
    experience: experience(cap.experience),
    materialBase: c.rich(cap.materialBase),
    team: cap.team.map((m) => ({
      fullName: c.text(m.fullName),
      position: c.text(m.position),
      experience: m.experience.map((e, i) => ({
        number: `${i + 1})`,
        project: c.text(e.project),
        customer: e.customer ? c.text(e.customer) : null,
        description: e.description ? c.rich(e.description) : null,
        period: e.period ? c.text(e.period) : null,
        role: e.role ? c.text(e.role) : null,
      })),
      years: c.yearsOfService(m.yearsOfService),
      duties: c.rich(m.duties),
    })),
    regionalExperience: experience(cap.regionalExperience),
  };
}
