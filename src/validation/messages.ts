/**
 * Validation messages in the three interface languages. Keys come from the model (custom messages),
 * from zod issue codes (schema.*) and from the checks of other stages, which bring their own catalogues.
 */
import type { MessageCatalog } from '../diagnostics/diagnostic.ts';

export { UI_LANGS, type UiLang } from '../diagnostics/diagnostic.ts';

export const validationMessages: MessageCatalog = {
  'file.missing': { ru: 'файл не найден', kk: 'файл табылмады', en: 'file not found' },
  'file.isDirectory': { ru: 'это папка, а не файл', kk: 'бұл файл емес, бума', en: 'this is a folder, not a file' },
  'file.unreadable': { ru: 'файл не удаётся прочитать', kk: 'файлды оқу мүмкін емес', en: 'the file cannot be read' },
  'file.empty': { ru: 'файл пуст', kk: 'файл бос', en: 'the file is empty' },
  'file.binary': {
    ru: 'это не текстовый файл JSON (в нём двоичные данные)',
    kk: 'бұл JSON мәтіндік файлы емес (екілік деректер бар)',
    en: 'this is not a JSON text file (it holds binary data)',
  },
  'file.notUtf8': {
    ru: 'файл не в кодировке UTF-8: сохраните его как UTF-8',
    kk: 'файл UTF-8 кодтауында емес: оны UTF-8 ретінде сақтаңыз',
    en: 'the file is not UTF-8: save it as UTF-8',
  },
  'file.tooLarge': {
    ru: 'файл слишком велик ({mb} МБ): заявка занимает не больше 10 МБ',
    kk: 'файл тым үлкен ({mb} МБ): өтінім 10 МБ-тан аспайды',
    en: 'the file is too large ({mb} MB): an application takes at most 10 MB',
  },
  'file.bom': {
    ru: 'файл начинается с метки порядка байтов (BOM); она пропущена',
    kk: 'файл байт реті белгісінен (BOM) басталады; ол өткізілді',
    en: 'the file starts with a byte-order mark (BOM); it was skipped',
  },
  // JSON syntax errors, by the parser's error code.
  'json.InvalidSymbol': {
    ru: 'ошибка JSON: недопустимый символ',
    kk: 'JSON қатесі: жарамсыз таңба',
    en: 'JSON error: invalid symbol',
  },
  'json.InvalidNumberFormat': {
    ru: 'ошибка JSON: неверная запись числа',
    kk: 'JSON қатесі: сан қате жазылған',
    en: 'JSON error: malformed number',
  },
  'json.PropertyNameExpected': {
    ru: 'ошибка JSON: ожидается имя поля в кавычках (лишняя запятая?)',
    kk: 'JSON қатесі: тырнақшадағы өріс атауы күтіледі (артық үтір ме?)',
    en: 'JSON error: a quoted field name is expected (a comma too many?)',
  },
  'json.tooDeep': {
    ru: 'ошибка JSON: вложенность глубже {max} уровней — это не файл заявки',
    kk: 'JSON қатесі: {max} деңгейден терең кірістіру — бұл өтінім файлы емес',
    en: 'JSON error: nested deeper than {max} levels — this is not an application file',
  },
  'json.ValueExpected': {
    ru: 'ошибка JSON: ожидается значение',
    kk: 'JSON қатесі: мән күтіледі',
    en: 'JSON error: a value is expected',
  },
  'json.ColonExpected': {
    ru: 'ошибка JSON: ожидается двоеточие «:»',
    kk: 'JSON қатесі: «:» қос нүктесі күтіледі',
    en: 'JSON error: ":" is expected',
  },
  'json.CommaExpected': {
    ru: 'ошибка JSON: ожидается запятая (пропущена между элементами?)',
    kk: 'JSON қатесі: үтір күтіледі (элементтер арасында түсіп қалды ма?)',
    en: 'JSON error: a comma is expected (missing between items?)',
  },
  'json.CloseBraceExpected': {
    ru: 'ошибка JSON: ожидается «}»',
    kk: 'JSON қатесі: «}» күтіледі',
    en: 'JSON error: "}" is expected',
  },
  'json.CloseBracketExpected': {
    ru: 'ошибка JSON: ожидается «]»',
    kk: 'JSON қатесі: «]» күтіледі',
    en: 'JSON error: "]" is expected',
  },
  'json.EndOfFileExpected': {
    ru: 'ошибка JSON: после конца данных есть лишний текст',
    kk: 'JSON қатесі: деректер соңынан кейін артық мәтін бар',
    en: 'JSON error: extra text after the end of the data',
  },
  'json.InvalidCommentToken': {
    ru: 'ошибка JSON: комментарии в JSON недопустимы',
    kk: 'JSON қатесі: JSON-да түсініктемеге жол берілмейді',
    en: 'JSON error: comments are not allowed in JSON',
  },
  'json.UnexpectedEndOfComment': {
    ru: 'ошибка JSON: комментарии в JSON недопустимы',
    kk: 'JSON қатесі: JSON-да түсініктемеге жол берілмейді',
    en: 'JSON error: comments are not allowed in JSON',
  },
  'json.UnexpectedEndOfString': {
    ru: 'ошибка JSON: строка не закрыта кавычкой',
    kk: 'JSON қатесі: жол тырнақшамен жабылмаған',
    en: 'JSON error: unterminated string',
  },
  'json.UnexpectedEndOfNumber': {
    ru: 'ошибка JSON: число оборвано',
    kk: 'JSON қатесі: сан үзіліп қалған',
    en: 'JSON error: incomplete number',
  },
  'json.InvalidUnicode': {
    ru: 'ошибка JSON: неверная последовательность \\u',
    kk: 'JSON қатесі: \\u тізбегі қате',
    en: 'JSON error: invalid \\u escape',
  },
  'json.InvalidEscapeCharacter': {
    ru: 'ошибка JSON: неверный символ после «\\»',
    kk: 'JSON қатесі: «\\» белгісінен кейінгі таңба қате',
    en: 'JSON error: invalid character after "\\"',
  },
  'json.InvalidCharacter': {
    ru: 'ошибка JSON: недопустимый символ в строке (перевод строки или табуляция пишутся как \\n и \\t)',
    kk: 'JSON қатесі: жолда жарамсыз таңба (жол ауысуы мен табуляция \\n және \\t түрінде жазылады)',
    en: 'JSON error: invalid character in a string (write line breaks and tabs as \\n and \\t)',
  },
  'json.duplicateKey': {
    ru: 'ключ «{key}» повторяется в одном объекте',
    kk: '«{key}» кілті бір объектіде қайталанады',
    en: 'key "{key}" appears twice in one object',
  },
  'schema.required': {
    ru: 'обязательное поле не заполнено',
    kk: 'міндетті өріс толтырылмаған',
    en: 'required field is missing',
  },
  'schema.unknownKey': {
    ru: 'неизвестное поле «{key}» (допустимы: {known})',
    kk: 'белгісіз «{key}» өрісі (рұқсат етілгендері: {known})',
    en: 'unknown field "{key}" (allowed: {known})',
  },
  'schema.unknownKeyHint': {
    ru: 'неизвестное поле «{key}»; может быть, «{hint}»?',
    kk: 'белгісіз «{key}» өрісі; мүмкін, «{hint}»?',
    en: 'unknown field "{key}"; did you mean "{hint}"?',
  },
  'schema.misplacedKey': {
    ru: 'поле «{key}» здесь не предусмотрено: его место — {place}',
    kk: '«{key}» өрісі бұл жерде қарастырылмаған: оның орны — {place}',
    en: 'field "{key}" does not belong here: its place is {place}',
  },
  'schema.nullOptional': {
    ru: 'null здесь не означает «нет значения»: если значения нет, уберите поле',
    kk: 'null мұнда «мән жоқ» дегенді білдірмейді: мән болмаса, өрісті алып тастаңыз',
    en: 'null does not mean "no value" here: if there is no value, remove the field',
  },
  'schema.nullRequired': {
    ru: 'обязательное поле: вместо null укажите значение',
    kk: 'міндетті өріс: null орнына мән көрсетіңіз',
    en: 'required field: give a value instead of null',
  },
  'computed.labourTotal': {
    ru: 'поле «{key}» вычисляется само (штатные сотрудники + специалисты + волонтеры): уберите его',
    kk: '«{key}» өрісі өздігінен есептеледі (штаттық қызметкерлер + мамандар + еріктілер): оны алып тастаңыз',
    en: 'field "{key}" is computed (staff + specialists + volunteers): remove it',
  },
  'computed.estimateTotal': {
    ru: 'поле «{key}» вычисляется из строк сметы: уберите его (итог бумажной сметы записывается в "declaredTotal")',
    kk: '«{key}» өрісі смета жолдарынан есептеледі: оны алып тастаңыз (қағаз сметаның жиынтығы "declaredTotal" өрісіне жазылады)',
    en: 'field "{key}" is computed from the lines of the estimate: remove it (a paper estimate\'s total goes in "declaredTotal")',
  },
  'computed.estimateLine': {
    ru: 'поле «{key}» вычисляется (количество × цена, суммы строк): уберите его; итог бумажной сметы записывается в "declaredTotal"',
    kk: '«{key}» өрісі есептеледі (саны × бағасы, жолдардың сомасы): оны алып тастаңыз; қағаз сметаның жиынтығы "declaredTotal" өрісіне жазылады',
    en: 'field "{key}" is computed (quantity × price, sums of lines): remove it; a paper estimate\'s total goes in "declaredTotal"',
  },
  'languages.duplicate': {
    ru: 'язык указан дважды',
    kk: 'тіл екі рет көрсетілген',
    en: 'a language is given twice',
  },
  'schema.invalid': { ru: 'недопустимое значение ({got})', kk: 'жарамсыз мән ({got})', en: 'invalid value ({got})' },
  'schema.oneOf': {
    ru: 'значение {got} не из списка: {values}',
    kk: '{got} мәні тізімде жоқ: {values}',
    en: 'value {got} is not one of: {values}',
  },
  'schema.integer': { ru: 'нужно целое число', kk: 'бүтін сан қажет', en: 'a whole number is required' },
  'schema.too_small.number': {
    ru: 'число должно быть не меньше {limit}',
    kk: 'сан {limit} мәнінен кем болмауы керек',
    en: 'the number must be at least {limit}',
  },
  'schema.too_small.number.exclusive': {
    ru: 'число должно быть больше {limit}',
    kk: 'сан {limit} мәнінен үлкен болуы керек',
    en: 'the number must be greater than {limit}',
  },
  'schema.too_big.number': {
    ru: 'число должно быть не больше {limit}',
    kk: 'сан {limit} мәнінен аспауы керек',
    en: 'the number must be at most {limit}',
  },
  'schema.too_big.number.exclusive': {
    ru: 'число должно быть меньше {limit}',
    kk: 'сан {limit} мәнінен кіші болуы керек',
    en: 'the number must be less than {limit}',
  },
  'schema.too_small.array': {
    ru: 'список должен содержать не меньше {limit} элем.',
    kk: 'тізімде кемінде {limit} элемент болуы керек',
    en: 'the list needs at least {limit} item(s)',
  },
  'schema.too_big.array': {
    ru: 'список должен содержать не больше {limit} элем.',
    kk: 'тізімде {limit} элементтен аспауы керек',
    en: 'the list takes at most {limit} item(s)',
  },
  'schema.too_small.string': {
    ru: 'текст должен содержать не меньше {limit} симв.',
    kk: 'мәтін кемінде {limit} таңбадан тұруы керек',
    en: 'the text needs at least {limit} character(s)',
  },
  'schema.too_big.string': {
    ru: 'текст должен содержать не больше {limit} симв.',
    kk: 'мәтін {limit} таңбадан аспауы керек',
    en: 'the text takes at most {limit} character(s)',
  },
  'expected:string': {
    ru: 'нужен текст (строка), а не {got}',
    kk: '{got} емес, мәтін (жол) қажет',
    en: 'expected a string, got {got}',
  },
  'expected:number': { ru: 'нужно число, а не {got}', kk: '{got} емес, сан қажет', en: 'expected a number, got {got}' },
  'expected:int': {
    ru: 'нужно целое число, а не {got}',
    kk: '{got} емес, бүтін сан қажет',
    en: 'expected a whole number, got {got}',
  },
  'expected:boolean': {
    ru: 'нужно true или false, а не {got}',
    kk: '{got} емес, true немесе false қажет',
    en: 'expected true or false, got {got}',
  },
  'expected:object': {
    ru: 'нужен объект { … }, а не {got}',
    kk: '{got} емес, { … } объектісі қажет',
    en: 'expected an object { … }, got {got}',
  },
  'expected:array': {
    ru: 'нужен список [ … ], а не {got}',
    kk: '{got} емес, [ … ] тізімі қажет',
    en: 'expected a list [ … ], got {got}',
  },
  'expected:text': {
    ru: 'нужен текст: строка или { "ru": "…", "kk": "…" }, а не {got}',
    kk: '{got} емес, мәтін қажет: жол немесе { "ru": "…", "kk": "…" }',
    en: 'expected text: a string or { "ru": "…", "kk": "…" }, got {got}',
  },
  'expected:block': {
    ru: 'нужен абзац (текст) или список { "ul": […] } / { "ol": […] }, а не {got}',
    kk: '{got} емес, азатжол (мәтін) немесе { "ul": […] } / { "ol": […] } тізімі қажет',
    en: 'expected a paragraph (text) or a list { "ul": […] } / { "ol": […] }, got {got}',
  },
  'expected:richText': {
    ru: 'нужен текст или список абзацев [ … ], а не {got}',
    kk: '{got} емес, мәтін немесе азатжолдар тізімі [ … ] қажет',
    en: 'expected text or a list of paragraphs [ … ], got {got}',
  },
  'expected:orNotApplicable': {
    ru: 'нужно значение или { "notApplicable": true } («Не применимо»), а не {got}',
    kk: '{got} емес, мән немесе { "notApplicable": true } («Қолданылмайды») қажет',
    en: 'expected a value or { "notApplicable": true }, got {got}',
  },
  'expected:date': {
    ru: 'нужна дата ГГГГ-ММ-ДД, а не {got}',
    kk: '{got} емес, ЖЖЖЖ-АА-КК күні қажет',
    en: 'expected a date YYYY-MM-DD, got {got}',
  },
  'expected:unit': {
    ru: 'нужна единица измерения: код (month, piece, service, person, personDay, ticket, printRun, region, bottle) или текст',
    kk: 'өлшем бірлігі қажет: код (month, piece, service, person, personDay, ticket, printRun, region, bottle) немесе мәтін',
    en: 'expected a unit: a code (month, piece, service, person, personDay, ticket, printRun, region, bottle) or text',
  },
  'text.control': {
    ru: 'текст содержит управляющий символ {char} (невидимый знак, {at}-й символ текста); удалите его',
    kk: 'мәтінде басқарушы таңба {char} бар (көрінбейтін белгі, мәтіннің {at}-таңбасы); оны жойыңыз',
    en: 'the text contains a control character {char} (an invisible sign, character {at} of the text); remove it',
  },
  'text.glyph': {
    ru: 'в шрифте PDF нет знаков {chars}: в PDF на их месте будут пустые прямоугольники (в DOCX они сохранятся)',
    kk: 'PDF қарпінде {chars} таңбалары жоқ: PDF-те олардың орнында бос тіктөртбұрыштар шығады (DOCX-те сақталады)',
    en: 'the PDF font has no glyph for {chars}: the PDF shows empty boxes in their place (the DOCX keeps them)',
  },
  'text.noLanguage': {
    ru: 'укажите текст хотя бы на одном языке: "ru" или "kk"',
    kk: 'мәтінді кемінде бір тілде көрсетіңіз: "ru" немесе "kk"',
    en: 'give the text in at least one language: "ru" or "kk"',
  },
  'date.format': {
    ru: 'дата записывается как ГГГГ-ММ-ДД, например 2005-11-21',
    kk: 'күн ЖЖЖЖ-АА-КК түрінде жазылады, мысалы 2005-11-21',
    en: 'write the date as YYYY-MM-DD, e.g. 2005-11-21',
  },
  'date.invalid': { ru: 'такой даты не существует', kk: 'мұндай күн жоқ', en: 'this date does not exist' },
  'money.decimals': {
    ru: 'сумма в тенге: не больше двух знаков после запятой',
    kk: 'теңгедегі сома: үтірден кейін екі таңбадан аспауы керек',
    en: 'an amount in tenge takes at most two decimals',
  },
  'quantity.decimals': {
    ru: 'количество: не больше трёх знаков после запятой',
    kk: 'саны: үтірден кейін үш таңбадан аспауы керек',
    en: 'a quantity takes at most three decimals',
  },
  'email.format': {
    ru: 'неверный адрес электронной почты',
    kk: 'электрондық пошта мекенжайы қате',
    en: 'not a valid e-mail address',
  },
  'phone.format': {
    ru: 'номер телефона: цифры, пробелы, +, -, ( ) и /',
    kk: 'телефон нөмірі: цифрлар, бос орындар, +, -, ( ) және /',
    en: 'a phone number: digits, spaces, +, -, ( ) and /',
  },
  'bin.format': { ru: 'БИН состоит из 12 цифр', kk: 'БСН 12 цифрдан тұрады', en: 'a BIN is 12 digits' },
  'bin.checksum': {
    ru: 'БИН с ошибкой: не сходится контрольная цифра',
    kk: 'БСН қате: бақылау цифры сәйкес келмейді',
    en: 'the BIN is wrong: its check digit does not match',
  },
  'id.format': {
    ru: 'идентификатор: латинские буквы, цифры, «-» и «_», до 40 знаков',
    kk: 'сәйкестендіргіш: латын әріптері, цифрлар, «-» және «_», 40 таңбаға дейін',
    en: 'an id: Latin letters, digits, "-" and "_", up to 40 characters',
  },
  'id.duplicate': {
    ru: 'идентификатор «{id}» уже использован',
    kk: '«{id}» сәйкестендіргіші бұрын қолданылған',
    en: 'id "{id}" is already used',
  },
  'calendar.monthOutOfRange': {
    ru: 'месяц {month} за пределами срока проекта ({duration} мес.)',
    kk: '{month}-ай жоба мерзімінен тыс ({duration} ай)',
    en: 'month {month} lies outside the project duration ({duration} months)',
  },
  'lang.missing': {
    ru: 'нет текста на языке «{lang}»',
    kk: '«{lang}» тіліндегі мәтін жоқ',
    en: 'no text in language "{lang}"',
  },
  'lang.fallback': {
    ru: 'нет текста на языке «{lang}»: напечатан текст на языке «{used}»',
    kk: '«{lang}» тіліндегі мәтін жоқ: «{used}» тіліндегі мәтін басылды',
    en: 'no text in language "{lang}": the "{used}" text was printed',
  },
};
