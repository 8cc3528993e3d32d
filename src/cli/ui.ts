/** Words the command line itself prints, in the interface languages. */
import { basename, dirname, join } from 'node:path';
import { LANGUAGES, type Lang } from '../model/common.ts';
import { OutputError } from '../output/errors.ts';
import { RenderSettingError, RenderThreadError, THREAD_MEMORY_ENV } from '../render/pool.ts';
import { UI_LANGS, type UiLang } from '../validation/messages.ts';
import { EXIT, UserError } from './exit-codes.ts';

const TEXT = {
  valid: { ru: 'ошибок нет', kk: 'қате жоқ', en: 'no errors' },
  summary: {
    ru: '{file}: ошибок: {errors}, предупреждений: {warnings}',
    kk: '{file}: қателер: {errors}, ескертулер: {warnings}',
    en: '{file}: {errors} error(s), {warnings} warning(s)',
  },
  strictFailed: {
    ru: 'режим --strict: предупреждения считаются ошибками',
    kk: '--strict режимі: ескертулер қате болып есептеледі',
    en: '--strict: warnings count as errors',
  },
  internal: {
    ru: 'внутренняя ошибка программы: {message}. Повторите с --debug, чтобы увидеть подробности',
    kk: 'бағдарламаның ішкі қатесі: {message}. Толығырақ көру үшін --debug параметрімен қайталаңыз',
    en: 'internal error: {message}. Run again with --debug to see the details',
  },
  badUiLang: {
    ru: 'язык интерфейса: ru, kk или en',
    kk: 'интерфейс тілі: ru, kk немесе en',
    en: 'interface language: ru, kk or en',
  },
  written: { ru: '{path}  {size}  {ms} мс', kk: '{path}  {size}  {ms} мс', en: '{path}  {size}  {ms} ms' },
  buildSummary: {
    ru: 'Готово: файлов {files} ({size}) за {seconds} с',
    kk: 'Дайын: {files} файл ({size}), {seconds} с',
    en: 'Done: {files} file(s) ({size}) in {seconds} s',
  },
  buildFailed: {
    ru: '{file}: документы не созданы, прежние файлы не тронуты',
    kk: '{file}: құжаттар жасалмады, бұрынғы файлдар өзгертілмеді',
    en: '{file}: no documents written, the previous files are untouched',
  },
  langsIncomplete: {
    ru: '{file}: документы на языке {langs} не созданы: не хватает текстов (выше). Чтобы напечатать вместо недостающих текстов тексты на другом языке, добавьте --fallback',
    kk: '{file}: {langs} тіліндегі құжаттар жасалмады: мәтіндер жетіспейді (жоғарыда). Жетіспейтін мәтіндердің орнына екінші тілдегі мәтінді басу үшін --fallback қосыңыз',
    en: "{file}: no documents in {langs}: texts are missing (above). To print the other language's text where one is missing, add --fallback",
  },
  progressStart: {
    ru: '{file}: проверка и вёрстка…',
    kk: '{file}: тексеру және беттеу…',
    en: '{file}: checking and laying out…',
  },
  progress: {
    ru: '{file}: готово {done} из {total}  {name}',
    kk: '{file}: {total} ішінен {done} дайын  {name}',
    en: '{file}: {done} of {total} ready  {name}',
  },
  badList: {
    ru: 'параметр {option}: допустимы {allowed}, получено «{got}»',
    kk: '{option} параметрі: рұқсат етілгені {allowed}, алынғаны «{got}»',
    en: 'option {option}: allowed {allowed}, got "{got}"',
  },
  watching: {
    ru: 'Слежу за {file}: документы обновятся после каждого сохранения (Ctrl+C — выход)',
    kk: '{file} бақылануда: әр сақтаудан кейін құжаттар жаңартылады (шығу — Ctrl+C)',
    en: 'Watching {file}: the documents are rebuilt after each save (Ctrl+C to stop)',
  },
  keptOld: {
    ru: 'Данные с ошибками: прежние документы оставлены без изменений',
    kk: 'Деректерде қате бар: бұрынғы құжаттар өзгеріссіз қалдырылды',
    en: 'The data has errors: the previous documents are kept as they were',
  },
  rebuilt: {
    ru: '{time}  документы обновлены: файлов {files} ({size}) за {seconds} с → {folder}',
    kk: '{time}  құжаттар жаңартылды: {files} файл ({size}), {seconds} с → {folder}',
    en: '{time}  documents rebuilt: {files} file(s) ({size}) in {seconds} s → {folder}',
  },
  watchFinishing: {
    ru: 'Остановка: дожидаюсь конца текущей сборки (ещё раз Ctrl+C — выйти сразу)',
    kk: 'Тоқтату: ағымдағы жинақтың аяқталуын күтудемін (бірден шығу үшін Ctrl+C тағы басыңыз)',
    en: 'Stopping: waiting for the current build to finish (Ctrl+C again to quit at once)',
  },
  watchGone: {
    ru: '{file} удалён (или удалена его папка): жду, когда он появится снова; документы не тронуты',
    kk: '{file} жойылды (немесе оның бумасы жойылды): қайта пайда болуын күтемін; құжаттар өзгертілмеді',
    en: '{file} was deleted (or its folder was): waiting for it to come back; the documents are untouched',
  },
  watchBack: {
    ru: '{file} снова на месте: слежу дальше',
    kk: '{file} қайта орнында: бақылауды жалғастырамын',
    en: '{file} is back: watching again',
  },
  watchNoFolder: {
    ru: 'папка {dir} не найдена',
    kk: '{dir} бумасы табылмады',
    en: 'folder {dir} not found',
  },
  cannotWrite: {
    ru: 'не удалось записать {path}: {reason}. Файлы заменяются целиком, недописанных документов нет',
    kk: '{path} жазылмады: {reason}. Файлдар толықтай ауыстырылады, жартылай жазылған құжат жоқ',
    en: 'cannot write {path}: {reason}. Files are replaced whole: no document is left half-written',
  },
  cannotRead: {
    ru: 'не удалось прочитать {path}: {reason}',
    kk: '{path} оқылмады: {reason}',
    en: 'cannot read {path}: {reason}',
  },
  fileNotFound: {
    ru: 'файл не найден: {path}',
    kk: 'файл табылмады: {path}',
    en: 'file not found: {path}',
  },
  'fs.EACCES': { ru: 'нет прав доступа', kk: 'рұқсат жоқ', en: 'permission denied' },
  'fs.EROFS': {
    ru: 'файловая система доступна только для чтения',
    kk: 'файлдық жүйе тек оқуға арналған',
    en: 'read-only file system',
  },
  'fs.ENOSPC': { ru: 'на диске нет места', kk: 'дискіде орын жоқ', en: 'no space left on the device' },
  'fs.ENOTDIR': {
    ru: 'на месте папки находится файл',
    kk: 'бума орнында файл тұр',
    en: 'a file stands where a folder should be',
  },
  'fs.ENOENT': { ru: 'папка не существует', kk: 'бума жоқ', en: 'the folder does not exist' },
  'fs.ELOOP': {
    ru: 'на этом месте символическая ссылка',
    kk: 'бұл орында символдық сілтеме тұр',
    en: 'a symbolic link stands there',
  },
  'fs.EISDIR': {
    ru: 'на месте файла находится папка',
    kk: 'файл орнында бума тұр',
    en: 'a folder stands where a file should be',
  },
  initCreated: {
    ru: 'Создано в {dir}:',
    kk: '{dir} ішінде жасалды:',
    en: 'Created in {dir}:',
  },
  initNext: {
    ru: 'Дальше: заполните {file} (подсказки в README.md) и выполните\n  annexes build {file}',
    kk: 'Әрі қарай: {file} файлын толтырыңыз (нұсқаулық README.md ішінде) және орындаңыз\n  annexes build {file}',
    en: 'Next: fill in {file} (see README.md) and run\n  annexes build {file}',
  },
  initNotEmpty: {
    ru: 'папка {dir} уже существует и не пуста: укажите новую или пустую папку',
    kk: '{dir} бумасы бар және бос емес: жаңа немесе бос буманы көрсетіңіз',
    en: 'folder {dir} exists and is not empty: give a new or empty folder',
  },
  initNotFolder: {
    ru: '{dir} — это файл, а не папка',
    kk: '{dir} — бұл бума емес, файл',
    en: '{dir} is a file, not a folder',
  },
  badChoice: {
    ru: 'параметр {option}: допустимо одно из {allowed}, получено «{got}»',
    kk: '{option} параметрі: {allowed} мәндерінің бірі рұқсат етіледі, алынғаны «{got}»',
    en: 'option {option}: one of {allowed} is allowed, got "{got}"',
  },
  labelsSummary: {
    ru: 'надписей ({lang}): {count}; {byStatus}',
    kk: 'жазбалар ({lang}): {count}; {byStatus}',
    en: 'labels ({lang}): {count}; {byStatus}',
  },
  sameFolder: {
    ru: '{a} и {b} попадут в одну папку {folder}: переименуйте один из файлов или соберите их по отдельности с разными --out',
    kk: '{a} және {b} бір {folder} бумасына түседі: файлдардың бірінің атын өзгертіңіз немесе оларды әртүрлі --out арқылы бөлек жинаңыз',
    en: '{a} and {b} would go to the same folder {folder}: rename one of them or build them separately with different --out',
  },
  outputBusy: {
    ru: 'не удалось заменить {path}: файл открыт в другой программе: закройте его и повторите сборку',
    kk: '{path} ауыстырылмады: файл басқа бағдарламада ашық: оны жабыңыз да, жинауды қайталаңыз',
    en: 'cannot replace {path}: the file is open in another program: close it and build again',
  },
  outputSymlink: {
    ru: '{path} — символическая ссылка: документы не записываются по ссылке, которую сделала не программа; удалите её или укажите другую папку --out',
    kk: '{path} — символдық сілтеме: құжаттар бағдарлама жасамаған сілтеме арқылы жазылмайды; оны жойыңыз немесе басқа --out бумасын көрсетіңіз',
    en: '{path} is a symbolic link: documents are never written through a link the tool did not make; remove it or give another --out',
  },
  outputLocked: {
    ru: 'в папку {path} сейчас пишет другая сборка (процесс {pid}): дождитесь её окончания и повторите',
    kk: '{path} бумасына қазір басқа жинақ жазып жатыр ({pid} процесі): оның аяқталуын күтіп, қайталаңыз',
    en: 'another build (process {pid}) is writing into {path}: wait for it to finish and try again',
  },
  outputPartial: {
    ru: 'Сборка прервана при замене файлов: новые — {replaced}; прежние версии — {kept}',
    kk: 'Жинақ файлдарды ауыстыру кезінде үзілді: жаңалары — {replaced}; бұрынғы нұсқалары — {kept}',
    en: 'The build stopped while replacing the files: new — {replaced}; previous versions — {kept}',
  },
  threadOutOfMemory: {
    ru: 'вёрстке документов не хватило памяти, поток вёрстки остановлен: документы не созданы, прежние файлы не тронуты',
    kk: 'құжаттарды беттеуге жад жетпеді, беттеу ағыны тоқтатылды: құжаттар жасалмады, бұрынғы файлдар өзгертілмеді',
    en: 'laying out the documents ran out of memory and the layout thread was stopped: no documents written, the previous files are untouched',
  },
  threadOutOfMemoryLimit: {
    ru: 'вёрстке документов не хватило памяти: поток вёрстки остановлен на пределе {mb} МБ ({variable}). Документы не созданы, прежние файлы не тронуты',
    kk: 'құжаттарды беттеуге жад жетпеді: беттеу ағыны {mb} МБ шегінде тоқтатылды ({variable}). Құжаттар жасалмады, бұрынғы файлдар өзгертілмеді',
    en: 'laying out the documents ran out of memory: the layout thread was stopped at its limit of {mb} MB ({variable}). No documents written, the previous files are untouched',
  },
  threadCrashed: {
    ru: 'поток вёрстки документов аварийно завершился ({reason}): документы не созданы, прежние файлы не тронуты',
    kk: 'құжаттарды беттеу ағыны апатты түрде тоқтады ({reason}): құжаттар жасалмады, бұрынғы файлдар өзгертілмеді',
    en: 'a layout thread crashed ({reason}): no documents written, the previous files are untouched',
  },
  threadExitCode: { ru: 'код завершения {code}', kk: 'аяқталу коды {code}', en: 'exit code {code}' },
  badThreadMemory: {
    ru: '{variable} должна быть целым числом мегабайт, не меньше 1: «{value}»',
    kk: '{variable} кемінде 1 болатын мегабайттардың бүтін саны болуы тиіс: «{value}»',
    en: '{variable} must be a whole number of megabytes, at least 1: "{value}"',
  },
  watchGoesOn: {
    ru: 'слежу дальше: документы обновятся после следующего сохранения',
    kk: 'бақылауды жалғастырамын: құжаттар келесі сақтаудан кейін жаңартылады',
    en: 'still watching: the documents are rebuilt after the next save',
  },
  'fs.other': {
    ru: 'ошибка файловой системы {code}',
    kk: '{code} файлдық жүйе қатесі',
    en: 'file system error {code}',
  },
  kb: { ru: '{n} КБ', kk: '{n} КБ', en: '{n} KB' },
  mb: { ru: '{n} МБ', kk: '{n} МБ', en: '{n} MB' },
} satisfies Record<string, Record<UiLang, string>>;

/** File sizes as people read them. */
export function formatSize(lang: UiLang, bytes: number): string {
  if (bytes < 1024 * 1024) return ui(lang, 'kb', { n: Math.max(1, Math.round(bytes / 1024)) });
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return ui(lang, 'mb', { n: lang === 'en' ? mb : mb.replace('.', ',') });
}

/** A comma-separated option value checked against its allowed values. */
export function parseList<T extends string | number>(
  lang: UiLang,
  option: string,
  value: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: T[] = [];
  for (const item of items) {
    const match = allowed.find((a) => String(a) === item.toLowerCase());
    if (match === undefined)
      throw new UserError(ui(lang, 'badList', { option, allowed: allowed.join(', '), got: item }), EXIT.usage);
    if (!out.includes(match)) out.push(match);
  }
  if (out.length === 0)
    throw new UserError(ui(lang, 'badList', { option, allowed: allowed.join(', '), got: value }), EXIT.usage);
  return out;
}

export type UiKey = keyof typeof TEXT;

export function ui(lang: UiLang, key: UiKey, params: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m));
}

/** The interface language of the system locale: kk_KZ.UTF-8 → kk, en_US → en, anything else → undefined. */
export function localeUiLang(env: NodeJS.ProcessEnv = process.env): UiLang | undefined {
  // The first locale variable that is set decides, as for every program (LC_ALL, then LC_MESSAGES, then LANG).
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  const m = /^([a-z]{2,3})(?:[_.@-]|$)/i.exec(locale);
  const code = m?.[1]?.toLowerCase();
  return code !== undefined && (UI_LANGS as readonly string[]).includes(code) ? (code as UiLang) : undefined;
}

/** --ui-lang, else ANNEXES_UI_LANG, else the system locale (LC_ALL / LC_MESSAGES / LANG), else Russian. */
export function parseUiLang(value: string | undefined): UiLang {
  const v = (value || process.env.ANNEXES_UI_LANG || localeUiLang() || 'ru').toLowerCase();
  if ((UI_LANGS as readonly string[]).includes(v)) return v as UiLang;
  throw new UserError(ui('ru', 'badUiLang'), EXIT.usage);
}

/** One option value out of a fixed set. */
export function parseChoice<T extends string>(lang: UiLang, option: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((a) => a === value.trim().toLowerCase());
  if (match === undefined)
    throw new UserError(ui(lang, 'badChoice', { option, allowed: allowed.join(', '), got: value }), EXIT.usage);
  return match;
}

const FS_REASONS: Record<string, UiKey> = {
  EACCES: 'fs.EACCES',
  EPERM: 'fs.EACCES',
  EROFS: 'fs.EROFS',
  ENOSPC: 'fs.ENOSPC',
  EDQUOT: 'fs.ENOSPC',
  ENOTDIR: 'fs.ENOTDIR',
  EEXIST: 'fs.ENOTDIR',
  EISDIR: 'fs.EISDIR',
  ENOTEMPTY: 'fs.EISDIR',
  ENOENT: 'fs.ENOENT',
  ELOOP: 'fs.ELOOP',
};

/**
 * A file system failure the user can fix (no permission, no space, a file where a folder should be, a missing
 * file named on the command line) in words; undefined for anything else.
 */
export function fsErrorMessage(lang: UiLang, e: unknown): string | undefined {
  if (e instanceof OutputError) return outputErrorMessage(lang, e);
  const err = e as NodeJS.ErrnoException & { dest?: string };
  if (typeof err?.code !== 'string' || typeof err.syscall !== 'string') return undefined;
  // A failed rename names the temporary file first: the user knows the target.
  const raw = err.dest ?? err.path ?? '';
  // The temporary name of an atomic write (src/output/atomic.ts), `.NAME.PID.RANDOM.tmp`, stands for NAME.
  const tmp = /^\.(.+)\.\d+\.[0-9a-f]+\.tmp$/.exec(basename(raw));
  const path = tmp ? join(dirname(raw), tmp[1]!) : raw;
  const writing = tmp !== null || /^(mkdir|rename|write|fsync|unlink|copyfile)$/.test(err.syscall);
  if (err.code === 'ENOENT' && !writing) return ui(lang, 'fileNotFound', { path });
  const reason = FS_REASONS[err.code];
  if (!reason) return undefined;
  return ui(lang, writing ? 'cannotWrite' : 'cannotRead', { path, reason: ui(lang, reason) });
}

/** A failure to write the set of documents, with the file it concerns and what is new and what is old. */
export function outputErrorMessage(lang: UiLang, e: OutputError): string {
  let text: string;
  if (e.failure === 'busy') text = ui(lang, 'outputBusy', { path: e.path });
  else if (e.failure === 'symlink') text = ui(lang, 'outputSymlink', { path: e.path });
  else if (e.failure === 'locked') text = ui(lang, 'outputLocked', { path: e.path, pid: e.holder ?? '?' });
  else {
    const known = e.code ? FS_REASONS[e.code] : undefined;
    const reason = known ? ui(lang, known) : ui(lang, 'fs.other', { code: e.code ?? '?' });
    text = ui(lang, 'cannotWrite', { path: e.path, reason });
  }
  if (e.replaced.length > 0) {
    const names = (list: readonly string[]) => list.map((p) => basename(p)).join(', ');
    text += `\n${ui(lang, 'outputPartial', { replaced: names(e.replaced), kept: names(e.kept) })}`;
  }
  return text;
}

/**
 * A failure of the rendering threads in words: a thread out of memory or crashed (the build failed, nothing was
 * written), or a setting of theirs that is not valid; undefined for anything else.
 */
export function renderErrorMessage(lang: UiLang, e: unknown): string | undefined {
  if (e instanceof RenderSettingError) return ui(lang, 'badThreadMemory', { variable: e.variable, value: e.value });
  if (!(e instanceof RenderThreadError)) return undefined;
  if (e.reason === 'memory')
    return e.limitMb === undefined
      ? ui(lang, 'threadOutOfMemory')
      : ui(lang, 'threadOutOfMemoryLimit', { mb: e.limitMb, variable: THREAD_MEMORY_ENV });
  const reason = e.exitCode === undefined ? e.detail : ui(lang, 'threadExitCode', { code: e.exitCode });
  return ui(lang, 'threadCrashed', { reason });
}

/** Exit code of a failure of the rendering threads: out of memory is the machine's limit (as no space is), 2. */
export function renderErrorExit(e: RenderThreadError | RenderSettingError): number {
  return e instanceof RenderThreadError && e.reason === 'crash' ? EXIT.internal : EXIT.usage;
}

/** A document language option: its value, else the interface language when it is one (kk), else Russian. */
export function documentLang(uiLang: UiLang, value: string | undefined): Lang {
  if (value !== undefined) return parseChoice(uiLang, '--lang', value, LANGUAGES);
  return uiLang === 'kk' ? 'kk' : 'ru';
}

/** A file named on the command line that is not there (or is a folder): the command line is wrong, exit 2. */
export function missingInput(diagnostics: readonly { key: string }[]): boolean {
  return diagnostics.some((d) => d.key === 'file.missing' || d.key === 'file.isDirectory');
}
