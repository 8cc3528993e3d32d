/**
 * A fixed row of the estimate holding one named line prints the name as the row's detail, «кофе-брейк (1 раз в
 * день)»; a line named as the row itself prints the row's label once, not «кофе-брейк (Кофе-брейк)».
 */
import { expect, it } from 'vitest';
import type { Lang } from '../src/model/common.ts';
import { readPdf } from './helpers/read-pdf.ts';
import { file, labelText, renderSample } from './helpers/rendered.ts';

const LANGS: Lang[] = ['ru', 'kk'];
const flat = (s: string) => s.replace(/\s+/g, ' ').toLocaleLowerCase();

it('a one-line group named as its row prints the label once; another name stays as the detail', async () => {
  const set = await renderSample({ formats: ['pdf'], annexes: [5] }, (json) => {
    const activities = json.estimate.direct.activities;
    const withHospitality = activities.find((a: { hospitality?: unknown }) => a.hospitality);
    withHospitality.hospitality.coffeeBreak.lines[0].name = { ru: 'Кофе-брейк', kk: 'Кофе-брейк' };
    activities[0].hospitality = {
      coffeeBreak: {
        lines: [{ name: { ru: 'в перерыве', kk: 'үзілісте' }, unit: 'person', quantity: 10, price: 500 }],
      },
    };
  });
  for (const lang of LANGS) {
    const text = flat((await readPdf(file(set, `annex-5.${lang}.pdf`))).pages.map((p) => p.text).join('\n'));
    const label = flat(labelText(lang, 'annex5.hospitality.coffeeBreak.short'));
    expect(text).not.toContain(`${label} (${label})`);
    expect(text).toContain(`${label} (${lang === 'ru' ? 'в перерыве' : 'үзілісте'})`);
  }
});
