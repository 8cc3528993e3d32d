/** Messages of the workbook import, in the interface languages. A cell message reads `Смета!E14: …`. */
import type { UiLang } from '../validation/messages.ts';

const TEXT = {
  notWorkbook: {
    ru: 'это не книга Excel (.xlsx). Сохраните таблицу в формате «Книга Excel (.xlsx)» и повторите',
    kk: 'бұл Excel кітабы (.xlsx) емес. Кестені «Excel кітабы (.xlsx)» пішімінде сақтап, қайталаңыз',
    en: 'this is not an Excel workbook (.xlsx). Save the table as an "Excel Workbook (.xlsx)" and try again',
  },
  tooLarge: {
    ru: 'книга слишком велика ({mb} МБ; не более {limit} МБ): в ней должна быть только смета',
    kk: 'кітап тым үлкен ({mb} МБ; {limit} МБ-тан аспауы тиіс): онда тек смета болуы керек',
    en: 'the workbook is too large ({mb} MB; at most {limit} MB): it should hold the estimate only',
  },
  noEstimateSheet: {
    ru: 'в книге нет листа «{sheet}» (есть: {found}). Книгу для импорта создаёт команда annexes estimate export',
    kk: 'кітапта «{sheet}» парағы жоқ (бары: {found}). Импорттауға арналған кітапты annexes estimate export командасы жасайды',
    en: 'the workbook has no sheet "{sheet}" (it has: {found}). Make the workbook with annexes estimate export',
  },
  extraSheet: {
    ru: 'лишний лист «{sheet}»: в книге должны быть только листы «{estimate}» и «{checks}». Удалите его или перенесите данные на лист сметы',
    kk: '«{sheet}» артық парақ: кітапта тек «{estimate}» және «{checks}» парақтары болуы керек. Оны жойыңыз немесе деректерді смета парағына көшіріңіз',
    en: 'extra sheet "{sheet}": the workbook may only hold the sheets "{estimate}" and "{checks}". Delete it or move its data to the estimate sheet',
  },
  badHeader: {
    ru: 'ожидался заголовок «{expected}», а в ячейке {found}. Строки заголовка ({rows}) и порядок столбцов менять нельзя',
    kk: '«{expected}» тақырыбы күтілген еді, ал ұяшықта {found}. Тақырып жолдарын ({rows}) және бағандар ретін өзгертуге болмайды',
    en: 'expected the header "{expected}", the cell holds {found}. The header rows ({rows}) and the order of the columns must stay as exported',
  },
  empty: { ru: 'пусто', kk: 'бос', en: 'nothing' },
  merged: {
    ru: 'объединённая ячейка ({range}): в строках сметы ячейки не объединяют. Отмените объединение',
    kk: 'біріктірілген ұяшық ({range}): смета жолдарында ұяшықтар біріктірілмейді. Біріктіруді болдырмаңыз',
    en: 'merged cell ({range}): cells of the estimate rows are never merged. Unmerge them',
  },
  emptyRow: {
    ru: 'пустая строка {row} внутри сметы (ниже есть строки): удалите её',
    kk: 'сметаның ішінде {row}-бос жол бар (төменде жолдар бар): оны жойыңыз',
    en: 'empty row {row} inside the estimate (rows follow below): delete it',
  },
  notNumber: {
    ru: '«{text}» — не число. Введите сумму цифрами, например 140000, «140 000» или «1 234,56»',
    kk: '«{text}» — сан емес. Соманы цифрмен енгізіңіз, мысалы 140000, «140 000» немесе «1 234,56»',
    en: '"{text}" is not a number. Type the amount in digits, e.g. 140000, "140 000" or "1 234,56"',
  },
  formulaNoResult: {
    ru: 'в ячейке формула без вычисленного значения: откройте книгу в Excel или LibreOffice, пересчитайте и сохраните',
    kk: 'ұяшықта есептелмеген формула бар: кітапты Excel немесе LibreOffice-те ашып, қайта есептеп, сақтаңыз',
    en: 'the cell holds a formula with no computed value: open the workbook in Excel or LibreOffice, recalculate and save it',
  },
  required: {
    ru: 'не заполнено: у строки сметы должны быть {what}',
    kk: 'толтырылмаған: смета жолында {what} болуы керек',
    en: 'empty: a line of the estimate needs {what}',
  },
  'what.unit': { ru: 'единица измерения', kk: 'өлшем бірлігі', en: 'a unit' },
  'what.quantity': { ru: 'количество', kk: 'саны', en: 'a quantity' },
  'what.price': { ru: 'стоимость', kk: 'құны', en: 'a price' },
  figuresOnHeading: {
    ru: 'строка «{label}» — заголовок, её суммы считаются по строкам под ней. Впишите значение в строку ниже или добавьте строку',
    kk: '«{label}» жолы — тақырып, оның сомалары астындағы жолдар бойынша есептеледі. Мәнді төмендегі жолға жазыңыз немесе жол қосыңыз',
    en: 'the row "{label}" is a heading: its sums come from the rows below it. Type the value into a row below, or add one',
  },
  lineOutsideGroup: {
    ru: 'строка «{name}» стоит под «{label}», где строк сметы быть не может: перенесите её под статью или подгруппу',
    kk: '«{name}» жолы «{label}» астында тұр, онда смета жолдары болмайды: оны бапқа немесе кіші топқа көшіріңіз',
    en: 'the line "{name}" stands under "{label}", which holds no lines: move it under an article or a sub-group',
  },
  lineBeforeHeading: {
    ru: 'строка сметы выше первого раздела: перенесите её под статью',
    kk: 'смета жолы бірінші бөлімнен жоғары тұр: оны бапқа көшіріңіз',
    en: 'a line above the first section: move it under an article',
  },
  unknownKey: {
    ru: 'неизвестный ключ строки «{key}» (скрытый столбец {col}): эта книга сделана из другого файла заявки или ключ изменён. Экспортируйте смету заново',
    kk: 'жолдың белгісіз кілті «{key}» (жасырын {col} бағаны): бұл кітап өтінімнің басқа файлынан жасалған немесе кілт өзгертілген. Сметаны қайта экспорттаңыз',
    en: 'unknown row key "{key}" (hidden column {col}): the workbook was made from another application file or the key was changed. Export the estimate again',
  },
  duplicateHeading: {
    ru: 'строка «{label}» встречается второй раз (первая — строка {first}): удалите копию',
    kk: '«{label}» жолы екінші рет кездеседі (біріншісі — {first}-жол): көшірмесін жойыңыз',
    en: 'the row "{label}" appears a second time (first in row {first}): delete the copy',
  },
  missingHeading: {
    ru: 'на листе нет строки «{label}» (ключ {key}): строки статей и разделов не удаляют — удаляйте строки расходов под ними',
    kk: 'парақта «{label}» жолы жоқ (кілті {key}): баптар мен бөлімдердің жолдары жойылмайды — олардың астындағы шығыс жолдарын жойыңыз',
    en: 'the sheet lacks the row "{label}" (key {key}): rows of articles and sections stay; delete the expense rows under them instead',
  },
  cachedDiffers: {
    ru: 'в книге {cached}, по расчёту программы {computed}: в документы попадёт расчёт программы',
    kk: 'кітапта {cached}, бағдарлама есебі бойынша {computed}: құжаттарға бағдарлама есебі енеді',
    en: 'the workbook says {cached}, the tool computes {computed}: the documents print the computed figure',
  },
  dataProblem: {
    ru: '{message}',
    kk: '{message}',
    en: '{message}',
  },
  nothingChanged: {
    ru: '{file}: смета в книге совпадает со сметой файла, файл не изменён',
    kk: '{file}: кітаптағы смета файлдағы сметамен сәйкес, файл өзгертілмеді',
    en: "{file}: the estimate in the workbook equals the file's, the file is unchanged",
  },
  imported: {
    ru: '{file}: смета обновлена из {book} (строк: {lines})',
    kk: '{file}: смета {book} кітабынан жаңартылды (жолдар: {lines})',
    en: '{file}: estimate updated from {book} ({lines} lines)',
  },
  dryRun: {
    ru: '{file}: пробный запуск (--dry-run), файл не изменён. Изменения:',
    kk: '{file}: сынақ іске қосу (--dry-run), файл өзгертілмеді. Өзгерістер:',
    en: '{file}: dry run (--dry-run), the file is unchanged. Changes:',
  },
  importFailed: {
    ru: '{file} не изменён: ошибок в книге {book}: {errors}',
    kk: '{file} өзгертілмеді: {book} кітабындағы қателер: {errors}',
    en: '{file} is unchanged: {errors} error(s) in {book}',
  },
  exported: {
    ru: '{out}: смета ({lines} строк), лист «{sheet}»',
    kk: '{out}: смета ({lines} жол), «{sheet}» парағы',
    en: '{out}: estimate ({lines} lines), sheet "{sheet}"',
  },
  warning: { ru: 'предупреждение', kk: 'ескерту', en: 'warning' },
} satisfies Record<string, Record<UiLang, string>>;

export type SheetMessageKey = keyof typeof TEXT;

export function sheetText(lang: UiLang, key: SheetMessageKey, params: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m));
}

/** A problem of the workbook: where (sheet and cell, or the whole book) and what. */
export interface SheetProblem {
  severity: 'error' | 'warning';
  sheet?: string;
  /** "E14". */
  cell?: string;
  key: SheetMessageKey;
  params?: Record<string, string | number>;
}

export function formatSheetProblem(p: SheetProblem, lang: UiLang, book: string): string {
  const where = p.sheet === undefined ? book : p.cell === undefined ? p.sheet : `${p.sheet}!${p.cell}`;
  const params = { ...p.params };
  // Nested message keys ("what.unit") are put into words in the same language.
  for (const [k, v] of Object.entries(params))
    if (typeof v === 'string' && v in TEXT && k === 'what') params[k] = sheetText(lang, v as SheetMessageKey);
  const sev = p.severity === 'warning' ? `${sheetText(lang, 'warning')}: ` : '';
  return `${where}: ${sev}${sheetText(lang, p.key, params)}`;
}
