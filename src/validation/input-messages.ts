/**
 * Messages of the input's own limits: files that are not regular files, numbers beyond a double, invisible
 * characters that reorder text. Registered with the report like the other stages' catalogues.
 */
import type { MessageCatalog } from '../diagnostics/diagnostic.ts';

export const inputMessages: MessageCatalog = {
  'file.notRegular': {
    ru: 'это не обычный файл (устройство, канал или сокет): укажите файл заявки .json',
    kk: 'бұл қарапайым файл емес (құрылғы, арна немесе сокет): өтінімнің .json файлын көрсетіңіз',
    en: 'this is not a regular file (a device, a pipe or a socket): give an application .json file',
  },
  'json.numberTooLarge': {
    ru: 'число слишком велико: такое значение не может быть суммой или количеством',
    kk: 'сан тым үлкен: мұндай мән сома немесе сан бола алмайды',
    en: 'the number is too large: no amount or count can be that big',
  },
  'text.bidi': {
    ru: 'текст содержит невидимый знак направления письма {char} ({at}-й символ текста): в документе текст может показаться переставленным; удалите его',
    kk: 'мәтінде жазу бағытының көрінбейтін белгісі {char} бар (мәтіннің {at}-таңбасы): құжатта мәтін ауысқан болып көрінуі мүмкін; оны жойыңыз',
    en: 'the text contains an invisible writing-direction sign {char} (character {at} of the text): the document may show the text reordered; remove it',
  },
};
