/**
 * LibreOffice Calc, driven headless through Basic macros in a profile of its own, to recalculate and edit
 * workbooks the way a person would in a real client:
 *
 *   const calc = await startCalc();                                   // a fresh profile with the macros
 *   const rows = await calc.recalculatedCsv('book.xlsx', 0);          // hard recalculation, then the sheet as CSV rows
 *   await calc.setNumbers('book.xlsx', [['E7', '140000.5']], 'out.xlsx'); // typed into cells, saved again as .xlsx
 *   calc.dispose();
 *
 * Cells of the CSV are the stored values (not as shown): numbers in plain digits with a decimal point.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { findTool } from './clients.ts';

const exec = promisify(execFile);

const MODULE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Function OpenHidden(path As String) As Object
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  OpenHidden = StarDesktop.loadComponentFromURL(ConvertToURL(path), &quot;_blank&quot;, 0, args())
End Function

Sub StoreAs(doc As Object, path As String, filter As String, options As String)
  Dim args(1) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;FilterName&quot;
  args(0).Value = filter
  args(1).Name = &quot;FilterOptions&quot;
  args(1).Value = options
  doc.storeToURL(ConvertToURL(path), args())
End Sub

Sub Failed(marker As String)
  Dim f As Integer
  f = FreeFile
  Open marker For Output As #f
  Print #f, &quot;line &quot; &amp; Erl &amp; &quot;: &quot; &amp; Error$
  Close #f
End Sub

Rem Recalculates every formula (a hard recalculation) and stores one sheet as UTF-8 CSV of stored values.
Sub RecalcToCsv(book As String, sheetIndex As String, csv As String)
  On Error GoTo Trouble
  Dim doc As Object
  doc = OpenHidden(book)
  doc.calculateAll()
  If CInt(sheetIndex) &gt; 0 Then doc.Sheets.moveByName(doc.Sheets.getByIndex(CInt(sheetIndex)).Name, 0)
  StoreAs(doc, csv, &quot;Text - txt - csv (StarCalc)&quot;, &quot;44,34,76,1,,0,false,true,false&quot;)
  doc.close(True)
  Exit Sub
Trouble:
  Failed(csv &amp; &quot;.error&quot;)
End Sub

Rem Types numbers into cells of the first sheet ("E7=140000.5;D9=3"), recalculates and saves the book as .xlsx.
Sub SetNumbersAndSave(book As String, edits As String, outBook As String)
  On Error GoTo Trouble
  Dim doc As Object, sheet As Object, parts() As String, pair() As String, i As Integer
  doc = OpenHidden(book)
  sheet = doc.Sheets.getByIndex(0)
  parts = Split(edits, &quot;;&quot;)
  For i = LBound(parts) To UBound(parts)
    pair = Split(parts(i), &quot;=&quot;)
    sheet.getCellRangeByName(pair(0)).setValue(Val(pair(1)))
  Next i
  doc.calculateAll()
  StoreAs(doc, outBook, &quot;Calc MS Excel 2007 XML&quot;, &quot;&quot;)
  doc.close(True)
  Exit Sub
Trouble:
  Failed(outBook &amp; &quot;.error&quot;)
End Sub

Rem Opens a book and saves it again as .xlsx, unchanged.
Sub SaveAgain(book As String, outBook As String)
  On Error GoTo Trouble
  Dim doc As Object
  doc = OpenHidden(book)
  StoreAs(doc, outBook, &quot;Calc MS Excel 2007 XML&quot;, &quot;&quot;)
  doc.close(True)
  Exit Sub
Trouble:
  Failed(outBook &amp; &quot;.error&quot;)
End Sub
</script:module>
`;

export interface Calc {
  recalculatedCsv(book: string, sheetIndex: number): Promise<string[][]>;
  setNumbers(book: string, edits: [cell: string, value: string][], out: string): Promise<void>;
  saveAgain(book: string, out: string): Promise<void>;
  dispose(): void;
}

export async function startCalc(): Promise<Calc> {
  const soffice = findTool('soffice');
  if (!soffice) throw new Error('LibreOffice is not installed');
  const profile = mkdtempSync(join(tmpdir(), 'annexes-calc-'));
  const work = mkdtempSync(join(tmpdir(), 'annexes-calc-work-'));
  const env = { ...process.env, SAL_USE_VCLPLUGIN: 'svp', HOME: profile };
  const base = [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nologo'];
  // The first start makes the profile, with its Standard Basic library; the macros replace its empty module.
  await exec(soffice, [...base, '--terminate_after_init'], { env, timeout: 120_000 });
  const module = join(profile, 'user', 'basic', 'Standard', 'Module1.xba');
  if (!existsSync(module)) throw new Error(`LibreOffice made no Basic library in ${profile}`);
  writeFileSync(module, MODULE);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const run = async (macro: string, args: string[], product: string) => {
    rmSync(product, { force: true });
    await exec(soffice, [...base, `macro:///Standard.Module1.${macro}(${args.map(quote).join(',')})`], {
      env,
      timeout: 180_000,
      killSignal: 'SIGKILL',
    });
    if (existsSync(`${product}.error`)) throw new Error(`${macro}: ${readFileSync(`${product}.error`, 'utf8')}`);
    if (!existsSync(product)) throw new Error(`${macro} wrote nothing (${product})`);
  };
  let n = 0;
  return {
    async recalculatedCsv(book, sheetIndex) {
      const csv = join(work, `sheet-${++n}.csv`);
      await run('RecalcToCsv', [book, String(sheetIndex), csv], csv);
      return parseCsv(readFileSync(csv, 'utf8'));
    },
    async setNumbers(book, edits, out) {
      await run('SetNumbersAndSave', [book, edits.map(([c, v]) => `${c}=${v}`).join(';'), out], out);
    },
    async saveAgain(book, out) {
      await run('SaveAgain', [book, out], out);
    },
    dispose() {
      rmSync(profile, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** RFC 4180 CSV (quotes doubled inside quoted fields, line breaks allowed in them). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
