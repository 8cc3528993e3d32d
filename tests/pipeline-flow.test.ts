/**
 * The flow runs one way: the load stage validates and computes the estimate once, later stages receive that
 * result; the documents' date is decided at the edge (the command reads SOURCE_DATE_EPOCH) and handed down as a
 * value, through the rendering threads too. Read back with Poppler (pdftotext, pdfinfo) and from the DOCX parts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeEach, expect, it, vi } from 'vitest';
import { formatTotalsTable, totalsReport } from '../src/budget/totals.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { renderApplication } from '../src/pipeline/render-application.ts';
import { runCli } from './helpers/cli.ts';
import { describeWithClients, findTool } from './helpers/clients.ts';
import { catalogue, type Json } from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const tmp = mkdtempSync(join(tmpdir(), 'annexes-flow-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The library never reads SOURCE_DATE_EPOCH itself: these tests make sure it is not set around them.
beforeEach(() => {
  vi.stubEnv('SOURCE_DATE_EPOCH', '');
  return () => vi.unstubAllEnvs();
});

const pdfText = (pdf: Buffer): string => {
  const path = join(tmp, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync(findTool('pdftotext') as string, ['-layout', path, '-'], { encoding: 'utf8' });
};
/** The PDF's creation date as Poppler reads it, in UTC. */
const pdfCreated = (pdf: Buffer | string): string => {
  let path = pdf as string;
  if (typeof pdf !== 'string') {
    path = join(tmp, `d-${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(path, pdf);
  }
  const info = execFileSync(findTool('pdfinfo') as string, ['-isodates', path], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return /^CreationDate:\s+(\S+)/m.exec(info)?.[1] ?? '';
};
const docxPart = (docx: Uint8Array, part: string): string => new TextDecoder().decode(unzipSync(docx)[part]);

/**
 * The modification time of every entry of a zip file, read from its central directory (DOS date and time, as
 * written: fflate writes the time it is given, which the writer shifts so that it reads as UTC).
 */
function zipEntryTimes(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  const times: string[] = [];
  for (let at = zip.readUInt32LE(end + 16), i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const time = zip.readUInt16LE(at + 12);
    const date = zip.readUInt16LE(at + 14);
    const two = (n: number) => String(n).padStart(2, '0');
    times.push(
      `${(date >> 9) + 1980}-${two((date >> 5) & 15)}-${two(date & 31)}T${two(time >> 11)}:${two((time >> 5) & 63)}:${two((time & 31) * 2)}`,
    );
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return times;
}

describeWithClients('the load stage hands its estimate on', ['pdftotext'], () => {
  it('Annex 5 prints the estimate it is given, not one computed again from the application', async () => {
    const sample = loadApplication({ value: loadSampleJson() });
    // The same application, with one more month of salaries: its estimate only, handed to the sample's render.
    const json: Json = structuredClone(loadSampleJson());
    json.estimate.administrative.salaries.lines[0].quantity += 1;
    const other = loadApplication({ value: json });
    const total = (e: typeof other.estimate) => e.total.toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    expect(total(sample.estimate)).toBe('32 051 320');
    expect(total(other.estimate)).not.toBe(total(sample.estimate));

    const { files } = await renderApplication(
      { application: sample.application, estimate: other.estimate },
      { langs: ['ru'], annexes: [5], workers: 0 },
    );
    const pdf = files.find((f) => f.name === 'annex-5.ru.pdf')?.data as Buffer;
    const text = pdfText(pdf).replace(/\u00a0/g, ' ');
    expect(text).toContain(total(other.estimate));
    expect(text).not.toContain(total(sample.estimate));
    const docx = files.find((f) => f.name === 'annex-5.ru.docx')?.data as Buffer;
    const xml = docxPart(docx, 'word/document.xml').replace(/\u00a0/g, ' ');
    expect(xml).toContain(total(other.estimate));
    expect(xml).not.toContain(total(sample.estimate));
  });
});

describeWithClients('the documents carry the date they are given', ['pdfinfo'], () => {
  const date = new Date('2021-03-04T05:06:07Z');
  for (const workers of [0, 2])
    it(`in every file, combined ones included (${workers} rendering threads)`, async () => {
      const loaded = loadApplication({ value: loadSampleJson() });
      const { files } = await renderApplication(loaded, { langs: ['kk'], annexes: [2, 5], workers, date });
      expect(files.map((f) => f.name).sort()).toEqual([
        'annex-2.kk.docx',
        'annex-2.kk.pdf',
        'annex-5.kk.docx',
        'annex-5.kk.pdf',
        'application.kk.docx',
        'application.kk.pdf',
      ]);
      for (const f of files) {
        if (f.format === 'pdf') expect(pdfCreated(f.data), f.name).toBe('2021-03-04T05:06:07Z');
        else {
          expect(docxPart(f.data, 'docProps/core.xml'), f.name).toContain(
            '<dcterms:created xsi:type="dcterms:W3CDTF">2021-03-04T05:06:07Z</dcterms:created>',
          );
          // Every zip entry too (DOS times go by two seconds).
          const times = zipEntryTimes(f.data);
          expect(times.length, f.name).toBeGreaterThan(8);
          expect(new Set(times), f.name).toEqual(new Set(['2021-03-04T05:06:06']));
        }
      }
    });

  it('and not SOURCE_DATE_EPOCH, which only the command reads', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
    const loaded = loadApplication({ value: loadSampleJson() });
    const before = Date.now();
    const { files } = await renderApplication(loaded, { langs: ['ru'], annexes: [2, 3], workers: 0 });
    expect(files).toHaveLength(6);
    for (const f of files) {
      if (f.format === 'pdf') {
        const created = Date.parse(pdfCreated(f.data));
        expect(created, f.name).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      } else {
        expect(docxPart(f.data, 'docProps/core.xml'), f.name).not.toContain('2023-11-14');
        expect(zipEntryTimes(f.data).join(' '), f.name).not.toContain('2023-11-14');
      }
    }
  });
});

describeWithClients('the command reads SOURCE_DATE_EPOCH', ['pdfinfo'], () => {
  it('dates the documents by it', () => {
    const out = join(tmp, 'epoch');
    const r = runCli(['build', 'data/gamo-2021.json', '--lang', 'ru', '--annex', '5', '--out', out], {
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(r.code, r.stderr).toBe(0);
    const folder = join(out, 'gamo-2021');
    expect(pdfCreated(join(folder, 'annex-5.ru.pdf'))).toBe('2023-11-14T22:13:20Z');
    expect(docxPart(readFileSync(join(folder, 'annex-5.ru.docx')), 'docProps/core.xml')).toContain(
      '>2023-11-14T22:13:20Z</dcterms:modified>',
    );
  });

  it('refuses a value that is not whole seconds, in the interface language, and writes nothing', () => {
    const out = join(tmp, 'bad-epoch');
    for (const [lang, words, value] of [
      ['ru', 'должна быть целым числом секунд', '«2021-03-04»'],
      ['kk', 'бүтін саны болуы тиіс', '«2021-03-04»'],
      ['en', 'must be a whole number of seconds', '"2021-03-04"'],
    ] as const) {
      const r = runCli(['--ui-lang', lang, 'build', 'data/gamo-2021.json', '--out', out], {
        env: { SOURCE_DATE_EPOCH: '2021-03-04' },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('SOURCE_DATE_EPOCH');
      expect(r.stderr).toContain(words);
      expect(r.stderr).toContain(value);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(() => readdirSync(out)).toThrow();
  });
});

it('the totals table takes its headers and row names from the label catalogue', () => {
  const { estimate } = loadApplication({ value: loadSampleJson() });
  for (const lang of ['ru', 'kk'] as const) {
    const labels = catalogue(lang);
    const text = (key: string) => labels[key]?.text as string;
    const [header, , first, salaries] = formatTotalsTable(totalsReport(estimate), lang).split('\n') as [
      string,
      string,
      string,
      string,
    ];
    const columns = ['no', 'article', 'total', 'own', 'cofinancing', 'grant', 'grantShare'];
    expect(header.split(/ {2,}/)).toEqual(columns.map((c) => text(`annex5.totals.col.${c}`)));
    expect(first).toMatch(new RegExp(`^1 +${text('annex5.name.administrative')} +5 930 720 `));
    expect(salaries).toMatch(new RegExp(`^ {2}1\\) +${text('annex5.name.salaries')} +5 040 000 `));
  }
});
