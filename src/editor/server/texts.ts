/** What `annexes edit` prints, in the interface languages. */
import type { UiLang } from '../../validation/messages.ts';

const TEXT = {
  running: {
    ru: 'Редактор {file}: {url}\nОткройте адрес в браузере (он действует, пока работает эта команда). Ctrl+C — выход',
    kk: '{file} редакторы: {url}\nМекенжайды браузерде ашыңыз (бұл команда жұмыс істеп тұрғанда жарамды). Шығу — Ctrl+C',
    en: 'Editor of {file}: {url}\nOpen the address in a browser (valid while this command runs). Ctrl+C to stop',
  },
  missing: {
    ru: 'Файл {file} не найден: страница предложит создать пустую заявку (как annexes init)',
    kk: '{file} файлы табылмады: бет бос өтінім жасауды ұсынады (annexes init сияқты)',
    en: 'File {file} not found: the page offers to create a blank application (as annexes init does)',
  },
  noFolder: {
    ru: 'папка {dir} не найдена',
    kk: '{dir} бумасы табылмады',
    en: 'folder {dir} not found',
  },
  locked: {
    ru: '{file} уже открыт в редакторе: {address} (процесс {pid}). Откройте адрес, который напечатала та команда, или остановите её (Ctrl+C)',
    kk: '{file} редакторда ашық тұр: {address} ({pid} процесі). Сол команда басып шығарған мекенжайды ашыңыз немесе оны тоқтатыңыз (Ctrl+C)',
    en: '{file} is already open in an editor: {address} (process {pid}). Open the address that command printed, or stop it (Ctrl+C)',
  },
  lockedStarting: { ru: 'запускается', kk: 'іске қосылуда', en: 'starting' },
  stopped: {
    ru: 'Редактор остановлен; {file} сохранён',
    kk: 'Редактор тоқтатылды; {file} сақталды',
    en: 'Editor stopped; {file} is saved',
  },
  badPort: {
    ru: 'параметр --port: номер порта от 1 до 65535, получено «{got}»',
    kk: '--port параметрі: порт нөмірі 1-ден 65535-ке дейін, алынғаны «{got}»',
    en: 'option --port: a port number from 1 to 65535, got "{got}"',
  },
  pageMissing: {
    ru: 'страница редактора не собрана ({path}): выполните npm run build в папке пакета',
    kk: 'редактор беті жиналмаған ({path}): пакет бумасында npm run build орындаңыз',
    en: "the editor's page is not built ({path}): run npm run build in the package folder",
  },
  portBusy: {
    ru: 'порт {port} занят: укажите другой (--port) или не указывайте его',
    kk: '{port} порты бос емес: басқасын көрсетіңіз (--port) немесе көрсетпеңіз',
    en: 'port {port} is in use: give another one (--port) or leave it out',
  },
} satisfies Record<string, Record<UiLang, string>>;

export function editText(lang: UiLang, key: keyof typeof TEXT, params: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m));
}
