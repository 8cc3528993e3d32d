/**
 * The words of `--help` and of command-line errors in the interface languages: command and option descriptions,
 * the notes after each command's help, commander's headings and its error messages.
 */
import type { UiLang } from '../validation/messages.ts';

type Text = Record<UiLang, string>;

const EXAMPLES = { ru: 'Примеры:', kk: 'Мысалдар:', en: 'Examples:' };
const ex = (lang: UiLang, lines: [string, Text?][]) =>
  `\n${EXAMPLES[lang]}\n${lines
    .map(([cmd, note]) => (note ? `  ${cmd.padEnd(52)}${note[lang]}` : `  ${cmd}`))
    .join('\n')}`;

export const HELP = {
  'program.description': {
    ru: 'Приложения 2–5 заявки НПО на государственный грант (Казахстан) из одного файла JSON: DOCX и PDF, на русском и казахском',
    kk: 'ҮЕҰ-ның мемлекеттік грантқа өтінімінің 2–5-қосымшалары (Қазақстан) бір JSON файлынан: DOCX және PDF, орыс және қазақ тілдерінде',
    en: 'Annexes 2–5 of an NGO state grant application (Kazakhstan) from one JSON file: DOCX and PDF, Russian and Kazakh',
  },
  'opt.uiLang': {
    ru: 'язык сообщений: ru, kk или en (по умолчанию $ANNEXES_UI_LANG, затем язык системы LC_ALL/LANG, затем ru)',
    kk: 'хабарламалар тілі: ru, kk немесе en (әдепкі $ANNEXES_UI_LANG, содан кейін LC_ALL/LANG жүйе тілі, содан кейін ru)',
    en: 'language of messages: ru, kk or en (default $ANNEXES_UI_LANG, then the system locale LC_ALL/LANG, then ru)',
  },
  'opt.debug': {
    ru: 'показать стек внутренней ошибки',
    kk: 'ішкі қатенің стегін көрсету',
    en: 'show the stack of an internal error',
  },
  'opt.version': { ru: 'номер версии', kk: 'нұсқа нөмірі', en: 'the version number' },
  'opt.help': { ru: 'справка по команде', kk: 'команда бойынша анықтама', en: 'help for the command' },
  'cmd.help': { ru: 'справка по команде', kk: 'команда бойынша анықтама', en: 'help for a command' },
  'arg.file': { ru: 'файл заявки JSON', kk: 'өтінімнің JSON файлы', en: 'application JSON file' },
  'arg.files': { ru: 'файлы заявок JSON', kk: 'өтінімдердің JSON файлдары', en: 'application JSON files' },

  'init.description': {
    ru: 'создать папку с пустой заявкой (подсказки вместо текстов) и памяткой',
    kk: 'бос өтінімі (мәтіндердің орнында нұсқаулар) және жадынамасы бар бума жасау',
    en: 'create a folder with a blank application file (hints in place of the texts) and a how-to',
  },
  'init.arg.dir': { ru: 'новая или пустая папка', kk: 'жаңа немесе бос бума', en: 'a new or empty folder' },
  'init.opt.lang': {
    ru: 'язык подсказок и памятки: ru или kk (по умолчанию язык интерфейса, иначе ru)',
    kk: 'нұсқаулар мен жадынама тілі: ru немесе kk (әдепкі интерфейс тілі, әйтпесе ru)',
    en: 'language of the hints and the how-to: ru or kk (default: the interface language, else ru)',
  },
  'validate.description': {
    ru: 'проверить файлы заявок и перечислить все ошибки со строкой и путём JSON',
    kk: 'өтінім файлдарын тексеріп, барлық қатені жолымен және JSON жолымен көрсету',
    en: 'check application files and list every problem with its line and JSON path',
  },
  'validate.opt.strict': {
    ru: 'считать предупреждения ошибками',
    kk: 'ескертулерді қате деп есептеу',
    en: 'treat warnings as errors',
  },
  'validate.opt.json': {
    ru: 'вывести ошибки в JSON (те же записи, что у build --json)',
    kk: 'қателерді JSON түрінде шығару (build --json жазбаларымен бірдей)',
    en: 'print the problems as JSON (the same entries as build --json)',
  },
  'build.description': {
    ru: 'собрать приложения 2–5 из файлов заявок: DOCX и PDF, на русском и казахском',
    kk: 'өтінім файлдарынан 2–5-қосымшаларды жасау: DOCX және PDF, орыс және қазақ тілдерінде',
    en: 'render Annexes 2–5 of application files as DOCX and PDF, in Russian and Kazakh',
  },
  'watch.description': {
    ru: 'собрать файл заявки и пересобирать документы после каждого его сохранения',
    kk: 'өтінім файлынан құжаттарды жасап, әр сақтаудан кейін қайта жасау',
    en: 'build an application file, then rebuild its documents each time the file is saved',
  },
  'build.opt.lang': {
    ru: 'языки: ru, kk или ru,kk (по умолчанию "languages" заявки, иначе ru,kk)',
    kk: 'тілдер: ru, kk немесе ru,kk (әдепкі өтінімнің "languages" өрісі, әйтпесе ru,kk)',
    en: 'languages: ru, kk or ru,kk (default: the application\'s "languages", else ru,kk)',
  },
  'build.opt.format': {
    ru: 'форматы: docx, pdf или docx,pdf',
    kk: 'форматтар: docx, pdf немесе docx,pdf',
    en: 'formats: docx, pdf or docx,pdf',
  },
  'build.opt.annex': {
    ru: 'какие приложения собрать: любые из 2,3,4,5',
    kk: 'қай қосымшаларды жасау: 2,3,4,5 кез келгені',
    en: 'annexes to build: any of 2,3,4,5',
  },
  'build.opt.out': {
    ru: 'папка результатов (у каждой заявки своя подпапка)',
    kk: 'нәтижелер бумасы (әр өтінімнің өз ішкі бумасы бар)',
    en: 'output folder (each application gets a sub-folder)',
  },
  'build.opt.compact': {
    ru: 'скрыть пустые постоянные строки сметы',
    kk: 'сметаның бос тұрақты жолдарын жасыру',
    en: 'hide the empty fixed rows of the estimate',
  },
  'build.opt.labels': {
    ru: 'файл JSON, заменяющий постоянные надписи по ключу: { "ru": {…}, "kk": {…} }',
    kk: 'тұрақты жазбаларды кілт бойынша ауыстыратын JSON файлы: { "ru": {…}, "kk": {…} }',
    en: 'a JSON file that replaces fixed labels by key: { "ru": {…}, "kk": {…} }',
  },
  'build.opt.fallback': {
    ru: 'где нет текста на языке документа, печатать текст на другом языке (с предупреждением)',
    kk: 'құжат тілінде мәтін жоқ жерде екінші тілдегі мәтінді басу (ескертумен)',
    en: "print the other language's text where a text lacks the document's language (with warnings)",
  },
  'build.opt.rulesReference': {
    ru: 'длинная шапка приложения со ссылкой на Правила',
    kk: 'Қағидаларға сілтемесі бар қосымшаның ұзын тақырыбы',
    en: 'the long annex header that cites the grant Rules',
  },
  'build.opt.quiet': { ru: 'выводить только ошибки', kk: 'тек қателерді шығару', en: 'print only problems' },
  'build.opt.json': {
    ru: 'вывести результаты в JSON',
    kk: 'нәтижелерді JSON түрінде шығару',
    en: 'print the results as JSON',
  },
  'totals.description': {
    ru: 'итоги сметы (приложение 5): разделы, статьи, мероприятия, общий итог',
    kk: 'сметаның қорытындылары (5-қосымша): бөлімдер, баптар, іс-шаралар, жалпы жиынтық',
    en: 'print the totals of the estimate (Annex 5): sections, articles, activities, the grand total',
  },
  'totals.opt.lang': {
    ru: 'язык таблицы: ru или kk (по умолчанию язык интерфейса, иначе ru)',
    kk: 'кесте тілі: ru немесе kk (әдепкі интерфейс тілі, әйтпесе ru)',
    en: 'language of the table: ru or kk (default: the interface language, else ru)',
  },
  'totals.opt.json': {
    ru: 'итоги в JSON (суммы в тенге, доли гранта в процентах)',
    kk: 'қорытындылар JSON түрінде (сомалар теңгемен, грант үлестері пайызбен)',
    en: 'print the totals as JSON (amounts in tenge, shares of the grant in percent)',
  },
  'labels.description': {
    ru: 'постоянные надписи форм с их статусом (сверены с официальным текстом или нет)',
    kk: 'нысандардың тұрақты жазбалары және олардың мәртебесі (ресми мәтінмен салыстырылған ба)',
    en: 'list the fixed labels of the forms with their status (checked against the official text or not)',
  },
  'labels.opt.lang': {
    ru: 'язык: ru или kk (по умолчанию язык интерфейса, иначе ru)',
    kk: 'тіл: ru немесе kk (әдепкі интерфейс тілі, әйтпесе ru)',
    en: 'language: ru or kk (default: the interface language, else ru)',
  },
  'labels.opt.status': {
    ru: 'только надписи одного статуса: {statuses}',
    kk: 'тек бір мәртебедегі жазбалар: {statuses}',
    en: 'only the labels of one status: {statuses}',
  },
  'labels.opt.labels': {
    ru: 'сначала применить ваш файл замен (его надписи получают статус "override")',
    kk: 'алдымен ауыстыру файлыңызды қолдану (оның жазбалары "override" мәртебесін алады)',
    en: 'apply your override file first (its labels get the status "override")',
  },
  'labels.opt.json': {
    ru: 'надписи в JSON: [{ "key", "status", "text" }]',
    kk: 'жазбалар JSON түрінде: [{ "key", "status", "text" }]',
    en: 'print the labels as JSON: [{ "key", "status", "text" }]',
  },
  'schema.description': {
    ru: 'вывести JSON-схему файла заявки',
    kk: 'өтінім файлының JSON-схемасын шығару',
    en: 'print the JSON Schema of an application file',
  },
  'schema.opt.write': { ru: 'записать её в файл', kk: 'оны файлға жазу', en: 'write it to a file instead' },

  // Commander's headings and words.
  'title.Usage:': { ru: 'Использование:', kk: 'Қолданылуы:', en: 'Usage:' },
  'title.Options:': { ru: 'Параметры:', kk: 'Параметрлер:', en: 'Options:' },
  'title.Commands:': { ru: 'Команды:', kk: 'Командалар:', en: 'Commands:' },
  'title.Arguments:': { ru: 'Аргументы:', kk: 'Аргументтер:', en: 'Arguments:' },
  'title.Global Options:': { ru: 'Общие параметры:', kk: 'Жалпы параметрлер:', en: 'Global Options:' },
  default: { ru: 'по умолчанию', kk: 'әдепкі', en: 'default' },

  // After a usage error: one line with the error, one pointing to the help.
  'error.seeHelp': {
    ru: 'Справка: {command} --help',
    kk: 'Анықтама: {command} --help',
    en: 'Help: {command} --help',
  },
  'error.unknownOption': {
    ru: 'ошибка: неизвестный параметр «{name}»',
    kk: 'қате: белгісіз «{name}» параметрі',
    en: "error: unknown option '{name}'",
  },
  'error.unknownCommand': {
    ru: 'ошибка: неизвестная команда «{name}»',
    kk: 'қате: белгісіз «{name}» командасы',
    en: "error: unknown command '{name}'",
  },
  'error.missingArgument': {
    ru: 'ошибка: не указан обязательный аргумент «{name}»',
    kk: 'қате: міндетті «{name}» аргументі көрсетілмеген',
    en: "error: missing required argument '{name}'",
  },
  'error.optionArgumentMissing': {
    ru: 'ошибка: у параметра «{name}» не указано значение',
    kk: 'қате: «{name}» параметрінің мәні көрсетілмеген',
    en: "error: option '{name}' argument missing",
  },
  'error.excessArguments': {
    ru: 'ошибка: слишком много аргументов{for}: ожидается {expected}, получено {got}',
    kk: 'қате: аргументтер тым көп{for}: {expected} күтіледі, {got} алынды',
    en: 'error: too many arguments{for}: expected {expected}, got {got}',
  },
  'error.didYouMean': {
    ru: '(может быть, {name}?)',
    kk: '(мүмкін, {name}?)',
    en: '(Did you mean {name}?)',
  },
  'edit.description': {
    ru: 'редактировать заявку в браузере: формы, итоги и ошибки на лету, просмотр PDF, скачивание',
    kk: 'өтінімді браузерде өңдеу: нысандар, қорытындылар мен қателер бірден, PDF қарау, жүктеп алу',
    en: 'edit an application in the browser: forms, live totals and problems, PDF preview, downloads',
  },
  'edit.arg.file': {
    ru: 'файл заявки JSON (отсутствующий можно создать со страницы)',
    kk: 'өтінімнің JSON файлы (жоқ файлды беттен жасауға болады)',
    en: 'application JSON file (a missing one can be created from the page)',
  },
  'edit.opt.port': {
    ru: 'порт на 127.0.0.1 (по умолчанию свободный)',
    kk: '127.0.0.1 мекенжайындағы порт (әдепкі: бос порт)',
    en: 'port on 127.0.0.1 (default: a free one)',
  },
  'edit.opt.noOpen': {
    ru: 'не открывать браузер, только напечатать адрес',
    kk: 'браузерді ашпау, тек мекенжайды басып шығару',
    en: 'do not open the browser, only print the address',
  },
  'estimate.description': {
    ru: 'смета (Приложение 5) как книга Excel: выгрузить, отредактировать, загрузить обратно',
    kk: 'смета (5-қосымша) Excel кітабы ретінде: шығару, өңдеу, кері жүктеу',
    en: 'the estimate (Annex 5) as an Excel workbook: export it, edit it, import it back',
  },
  'estimate.export.description': {
    ru: 'записать смету в книгу XLSX по форме Приложения 5, с живыми формулами',
    kk: 'сметаны 5-қосымша нысаны бойынша, жұмыс істейтін формулалармен XLSX кітабына жазу',
    en: 'write the estimate as an XLSX workbook in the layout of Annex 5, with live formulas',
  },
  'estimate.export.opt.xlsx': {
    ru: 'книга, которую записать (.xlsx)',
    kk: 'жазылатын кітап (.xlsx)',
    en: 'the workbook to write (.xlsx)',
  },
  'estimate.export.opt.lang': {
    ru: 'язык листа: ru или kk (по умолчанию язык интерфейса, иначе ru)',
    kk: 'парақ тілі: ru немесе kk (әдепкі интерфейс тілі, әйтпесе ru)',
    en: 'language of the sheet: ru or kk (default: the interface language, else ru)',
  },
  'estimate.import.description': {
    ru: 'прочитать смету из книги XLSX обратно в файл заявки (остальное без изменений)',
    kk: 'сметаны XLSX кітабынан өтінім файлына кері оқу (қалғаны өзгеріссіз)',
    en: 'read the estimate back from an XLSX workbook into the application file (the rest of it unchanged)',
  },
  'estimate.import.arg.book': {
    ru: 'книга (.xlsx) из estimate export, отредактированная в Excel, LibreOffice или Google Таблицах',
    kk: 'estimate export жасаған, Excel, LibreOffice немесе Google Кестелерде өңделген кітап (.xlsx)',
    en: 'the workbook (.xlsx) made by estimate export, edited in Excel, LibreOffice or Google Sheets',
  },
  'estimate.import.arg.file': {
    ru: 'файл заявки JSON, который обновить',
    kk: 'жаңартылатын өтінімнің JSON файлы',
    en: 'application JSON file to update',
  },
  'estimate.import.opt.dryRun': {
    ru: 'показать, что изменится, ничего не записывая',
    kk: 'не өзгеретінін көрсету, ештеңе жазбай',
    en: 'print what would change, write nothing',
  },
  'diff.description': {
    ru: 'что изменилось между двумя версиями заявки: строки сметы, итоги, месяцы календарного плана, тексты',
    kk: 'өтінімнің екі нұсқасы арасында не өзгерді: смета жолдары, қорытындылар, күнтізбелік жоспар айлары, мәтіндер',
    en: 'what changed between two versions of an application: estimate lines, totals, calendar months, texts',
  },
  'diff.arg.old': {
    ru: 'прежний файл заявки JSON',
    kk: 'өтінімнің бұрынғы JSON файлы',
    en: 'the earlier application JSON file',
  },
  'diff.arg.new': {
    ru: 'новый файл заявки JSON',
    kk: 'өтінімнің жаңа JSON файлы',
    en: 'the later application JSON file',
  },
  'diff.opt.lang': {
    ru: 'язык отчёта: ru или kk (по умолчанию язык интерфейса, иначе ru)',
    kk: 'есеп тілі: ru немесе kk (әдепкі интерфейс тілі, әйтпесе ru)',
    en: 'language of the report: ru or kk (default: the interface language, else ru)',
  },
  'diff.opt.json': {
    ru: 'вывести сравнение в JSON (суммы — точные десятичные строки в тенге)',
    kk: 'салыстыруды JSON түрінде шығару (сомалар — теңгедегі дәл ондық жолдар)',
    en: 'print the comparison as JSON (amounts as exact decimal strings of tenge)',
  },
  'diff.opt.out': {
    ru: 'также записать таблицу сравнения альбомным документом: REPORT.docx или REPORT.pdf',
    kk: 'салыстыру кестесін альбомдық құжат ретінде де жазу: REPORT.docx немесе REPORT.pdf',
    en: 'also write the comparison table as a landscape document: REPORT.docx or REPORT.pdf',
  },
} satisfies Record<string, Text>;

export type HelpKey = keyof typeof HELP;

export function help(lang: UiLang, key: HelpKey, params: Record<string, string | number> = {}): string {
  return HELP[key][lang].replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m));
}

/** The text after the list of commands: examples and where to read more (what an installed user has). */
export function programAfter(lang: UiLang, readme: string): string {
  const more = {
    ru: `Подробнее: annexes help КОМАНДА (параметры одной команды); всё о формате файла и командах — в README пакета:\n  ${readme}`,
    kk: `Толығырақ: annexes help КОМАНДА (бір команданың параметрлері); файл пішімі мен командалар туралы — пакеттің README файлында:\n  ${readme}`,
    en: `More: annexes help COMMAND (the options of one command); the file format and every command in the package's README:\n  ${readme}`,
  };
  return `${ex(lang, [
    [
      'npx annexes init my-application',
      { ru: 'пустая заявка с подсказками', kk: 'нұсқаулары бар бос өтінім', en: 'a blank application with hints' },
    ],
    ['npx annexes validate my-application/my-application.json'],
    ['npx annexes build my-application/my-application.json'],
    ['npx annexes watch my-application/my-application.json --lang ru --format pdf'],
    [
      'npx annexes edit my-application/my-application.json',
      { ru: 'формы в браузере', kk: 'нысандар браузерде', en: 'the forms in the browser' },
    ],
    ['npx annexes totals my-application/my-application.json'],
    ['npx annexes labels --lang kk --status draft'],
  ])}\n\n${more[lang]}`;
}

const AFTER: Record<string, Text> = {
  init: {
    ru: `
Создаёт DIR/DIR.json (заявка, названная по папке), DIR/schema/application.schema.json (по ней редактор
проверяет и дополняет файл) и DIR/README.md. Пустой файл сразу собирается: документы показывают форму с
подсказками. Непустая папка не принимается (код выхода 2).`,
    kk: `
DIR/DIR.json (бума атымен аталған өтінім), DIR/schema/application.schema.json (редактор файлды соның
көмегімен тексеріп, толықтырады) және DIR/README.md жасайды. Бос файл бірден жиналады: құжаттар нысанды
нұсқаулармен көрсетеді. Бос емес бума қабылданбайды (шығу коды 2).`,
    en: `
Creates DIR/DIR.json (the application, named after its folder), DIR/schema/application.schema.json (editors
use it to check and complete the file) and DIR/README.md. The blank file builds at once: the documents show
the form with the hints. An existing non-empty folder is refused (exit 2).`,
  },
  validate: {
    ru: `
Тексты на языках, на которых подаётся заявка ("languages", иначе оба), должны быть заполнены все.
Ошибки — в stderr, итог по каждому файлу — в stdout; код выхода 1, если есть ошибки.`,
    kk: `
Өтінім берілетін тілдердегі ("languages", әйтпесе екеуі) мәтіндердің бәрі толтырылуы тиіс.
Қателер stderr-ге, әр файлдың қорытындысы stdout-қа шығады; қате болса, шығу коды 1.`,
    en: `
Every text of the languages the application is filed in ("languages", else both) must be given.
Problems go to stderr, each file's verdict to stdout; exit code 1 when there are errors.`,
  },
  build: {
    ru: `
Без --lang собираются языки заявки ("languages"). Язык, в котором не хватает текстов, не собирается
(ошибки со всеми путями, код выхода 1), остальные записываются; --fallback печатает вместо недостающих
текстов тексты на другом языке.`,
    kk: `
--lang берілмесе, өтінімнің тілдері ("languages") жиналады. Мәтіндері жетіспейтін тіл жиналмайды
(барлық жолымен қателер, шығу коды 1), қалғандары жазылады; --fallback жетіспейтін мәтіндердің орнына
екінші тілдегі мәтінді басады.`,
    en: `
Without --lang, the application's languages ("languages") are built. A language with missing texts is not
built (errors with every path, exit code 1); the others are written. --fallback prints the other language's
text where one is missing.`,
  },
  watch: {
    ru: `
Если после сохранения в данных ошибки, они выводятся, а прежние документы остаются. Ctrl+C — выход
(после текущей сборки; дважды — сразу). Код выхода — по последней сборке: 0 — документы актуальны,
1 — данные с ошибками. Переменная ANNEXES_WATCH_MAX_BUILDS=N — остановиться после N сборок.`,
    kk: `
Сақтаудан кейін деректерде қате болса, олар шығарылады, ал бұрынғы құжаттар қалады. Шығу — Ctrl+C
(ағымдағы жинақтан кейін; екі рет басса — бірден). Шығу коды соңғы жинақ бойынша: 0 — құжаттар өзекті,
1 — деректерде қате бар. ANNEXES_WATCH_MAX_BUILDS=N айнымалысы — N жинақтан кейін тоқтау.`,
    en: `
Invalid data after a save: the problems are printed and the previous documents are kept.
Ctrl+C stops (after the build in progress, if any; press it twice to stop at once).
The exit code is that of the last build: 0 if the documents are up to date, 1 if the data was invalid.
Environment: ANNEXES_WATCH_MAX_BUILDS=N stops after N builds.`,
  },
  totals: {
    ru: `
В каждой строке — четыре столбца сметы (всего, собственный вклад, софинансирование, грант) и доля гранта.
Итоги печатаются и тогда, когда проверки нашли ошибки (доля МТО выше предела): сначала итоги, затем
ошибки в stderr; код выхода 1, если есть ошибки.`,
    kk: `
Әр жолда сметаның төрт бағаны (барлығы, өз салымы, қоса қаржыландыру, грант) және грант үлесі бар.
Тексерулер қате тапса да (МТҚ үлесі шектен асса), қорытындылар басылады: алдымен қорытындылар, содан
кейін stderr-ге қателер; қате болса, шығу коды 1.`,
    en: `
Every row shows the four columns of the estimate (total, own contribution, co-financing, grant) and
the row's share of the grant, also when the checks find errors (a material share over the limit):
the totals first, then the problems on stderr; exit 1 when there are errors.`,
  },
  labels: {
    ru: `
Статус: verbatim — формулировка самой формы (для казахского — сверена с официальным текстом);
assembled — формулировка, которую добавляют документы, или казахская надпись из подтверждённых терминов;
draft — казахский перевод, ещё не сверенный с официальным текстом; override — из --labels.
Список — в stdout (ключ, статус, текст), число надписей по статусам — в stderr.`,
    kk: `
Мәртебе: verbatim — нысанның өз тұжырымы (қазақ тілі үшін — ресми мәтінмен салыстырылған);
assembled — құжаттар қосатын тұжырым немесе расталған терминдерден құралған қазақша жазба;
draft — ресми мәтінмен әлі салыстырылмаған қазақша аударма; override — --labels файлынан.
Тізім stdout-қа (кілт, мәртебе, мәтін), мәртебелер бойынша жазбалар саны stderr-ге шығады.`,
    en: `
Status: verbatim — the form's own wording (Kazakh: checked against an official text);
assembled — wording the documents add, or a Kazakh label built from attested terms;
draft — a Kazakh translation not yet checked against the official text; override — from --labels.
The list goes to stdout (key, status, text), the count per status to stderr.`,
  },
  edit: {
    ru: `
Страница сохраняет каждое изменение в FILE в течение секунды, сохраняя его разметку; правки FILE, сделанные
в другом месте (текстовый редактор, git), подгружаются. В адресе — токен, действующий, пока работает
команда. Ctrl+C — остановить.`,
    kk: `
Бет әр өзгерісті бір секунд ішінде FILE файлына, оның пішімін сақтап жазады; FILE-ға басқа жерде
(мәтін редакторы, git) енгізілген түзетулер қайта жүктеледі. Мекенжайда команда жұмыс істеп тұрғанда
жарамды токен бар. Ctrl+C — тоқтату.`,
    en: `
The page saves each change into FILE within a second, keeping its layout; edits of FILE made elsewhere
(a text editor, git) are reloaded. The address holds a token valid while the command runs. Ctrl+C stops.`,
  },
  estimate: { ru: '', kk: '', en: '' },
  'estimate.export': {
    ru: `
На листе — графы и нумерация Приложения 5; итоги — формулы (ОКРУГЛ(количество × цена; 2), СУММ).
Меняйте наименования, единицы, количества, цены, суммы собственного вклада и софинансирования; добавляйте,
удаляйте и переносите строки; затем annexes estimate import BOOK.xlsx FILE.`,
    kk: `
Парақта 5-қосымшаның бағандары мен нөмірленуі; қорытындылар — формулалар (ROUND(саны × бағасы, 2), SUM).
Атауларды, бірліктерді, сандарды, бағаларды, өз салымы мен қоса қаржыландыру сомаларын өзгертіңіз; жолдарды
қосыңыз, жойыңыз, жылжытыңыз; содан кейін annexes estimate import BOOK.xlsx FILE.`,
    en: `
The sheet has the columns and numbering of Annex 5; totals are formulas (ROUND(quantity × price, 2), SUMs).
Edit names, units, quantities, prices, own and co-financing amounts; add, delete or move lines; then
annexes estimate import BOOK.xlsx FILE.`,
  },
  'estimate.import': {
    ru: `
В FILE меняются только строки сметы; всё остальное остаётся как было, FILE заменяется атомарно.
Ошибка в книге называет лист и ячейку (Смета!E14); тогда FILE не трогается (код выхода 1).`,
    kk: `
FILE-да тек смета жолдары өзгереді; қалғаны сол күйінде қалады, FILE атомарлы түрде ауыстырылады.
Кітаптағы қате парақ пен ұяшықты атайды (Смета!E14); онда FILE өзгермейді (шығу коды 1).`,
    en: `
Only the estimate's lines change in FILE; everything else stays as it was, and FILE is replaced atomically.
A problem of the workbook names its sheet and cell (Смета!E14); then FILE is left untouched (exit code 1).`,
  },
  diff: {
    ru: `
Перечисляет добавленные, удалённые и изменённые строки сметы (количество, цена, финансирование), прежнее,
новое значение и разницу каждой статьи, мероприятия, раздела и общего итога, которые сдвинулись, во всех
четырёх денежных графах, мероприятия, у которых изменились месяцы календарного плана, и все остальные
изменённые поля (с приложением и путём JSON).`,
    kk: `
Сметаның қосылған, жойылған және өзгерген жолдарын (саны, бағасы, қаржыландыру), өзгерген әр баптың,
іс-шараның, бөлімнің және жалпы қорытындының бұрынғы, жаңа мәні мен айырмасын төрт ақша бағанының бәрінде,
күнтізбелік жоспардағы айлары өзгерген іс-шараларды және өзгерген басқа әр өрісті (қосымшасы және JSON
жолымен) көрсетеді.`,
    en: `
Lists the estimate lines added, removed or changed (quantity, price, funding), the old, new and difference of
every article, activity, section and the grand total that moved, in all four money columns, the activities whose
months changed in the calendar plan, and every other field that changed (its annex and JSON path).`,
  },
  schema: { ru: '', kk: '', en: '' },
};

const EXAMPLE_LINES: Record<string, [string, Text?][]> = {
  init: [
    ['annexes init my-application'],
    ['annexes init otinim --lang kk'],
    ['annexes build my-application/my-application.json'],
  ],
  validate: [
    ['annexes validate data/gamo-2021.json'],
    ['annexes validate --ui-lang kk --strict my-application.json'],
    ['annexes validate --json my-application.json > problems.json'],
  ],
  build: [
    [
      'annexes build data/gamo-2021.json',
      {
        ru: 'все приложения → out/gamo-2021/',
        kk: 'барлық қосымша → out/gamo-2021/',
        en: 'all annexes → out/gamo-2021/',
      },
    ],
    [
      'annexes build app.json --lang kk --format pdf',
      { ru: 'только казахские PDF', kk: 'тек қазақша PDF', en: 'the Kazakh PDFs only' },
    ],
    [
      'annexes build a.json b.json --annex 5 --compact',
      {
        ru: 'сметы двух заявок без пустых строк',
        kk: 'екі өтінімнің сметасы, бос жолдарсыз',
        en: 'two estimates, empty rows hidden',
      },
    ],
    [
      'annexes build app.json --labels official-kk.json',
      {
        ru: 'со своими формулировками надписей',
        kk: 'жазбалардың өз тұжырымымен',
        en: 'with your wording of fixed labels',
      },
    ],
  ],
  watch: [
    ['annexes watch data/gamo-2021.json'],
    [
      'annexes watch app.json --lang ru --format pdf --annex 5',
      { ru: 'только русский PDF сметы', kk: 'тек сметаның орысша PDF-і', en: 'only the Russian PDF of the estimate' },
    ],
    ['annexes watch app.json --out ~/grant --compact'],
  ],
  totals: [
    ['annexes totals data/gamo-2021.json'],
    ['annexes totals data/gamo-2021.json --lang kk'],
    ['annexes totals data/gamo-2021.json --json > totals.json'],
  ],
  labels: [
    [
      'annexes labels --lang kk --status draft',
      {
        ru: 'казахские надписи, которые ещё надо сверить',
        kk: 'әлі тексерілетін қазақша жазбалар',
        en: 'Kazakh labels still to check',
      },
    ],
    [
      'annexes labels --lang kk --labels my-labels.json',
      { ru: 'что меняет ваш файл замен', kk: 'ауыстыру файлыңыз не өзгертеді', en: 'what your override file changes' },
    ],
    ['annexes labels --lang ru --json > labels.ru.json'],
  ],
  edit: [['annexes edit my-application/my-application.json'], ['annexes edit app.json --port 8765 --no-open']],
  estimate: [
    ['annexes estimate export data/gamo-2021.json --xlsx smeta.xlsx'],
    ['annexes estimate import smeta.xlsx data/gamo-2021.json --dry-run'],
    ['annexes estimate import smeta.xlsx data/gamo-2021.json'],
  ],
  'estimate.export': [
    ['annexes estimate export data/gamo-2021.json --xlsx smeta.xlsx'],
    ['annexes estimate export data/gamo-2021.json --xlsx smeta-kk.xlsx --lang kk'],
  ],
  'estimate.import': [
    ['annexes estimate import smeta.xlsx data/gamo-2021.json --dry-run'],
    ['annexes estimate import smeta.xlsx data/gamo-2021.json'],
  ],
  diff: [
    ['annexes diff old.json new.json'],
    ['annexes diff old.json new.json --out changes.pdf'],
    ['annexes diff old.json new.json --lang kk --out changes.docx'],
    ['annexes diff old.json new.json --json > changes.json'],
  ],
  schema: [['annexes schema > application.schema.json'], ['annexes schema --write schema/application.schema.json']],
};

/** The notes and examples after the help of one command. */
export function commandAfter(lang: UiLang, command: keyof typeof EXAMPLE_LINES): string {
  return `${AFTER[command]?.[lang] ?? ''}\n${ex(lang, EXAMPLE_LINES[command] ?? [])}`;
}
