/**
 * Names of the folders and files the tool makes, safe on every system the documents travel to: Windows refuses
 * its reserved device names (`con`, `nul`, `com1`… with any extension), drops trailing dots and spaces (`app.`
 * would become `app`) and forbids `< > : " / \ | ? *` and control characters.
 */

/** Device names Windows reserves, alone or followed by an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
/** Longest name kept: well under every file system's limit, with room for `annex-5.kk.docx` inside. */
const MAX_LENGTH = 100;

/**
 * A folder or file name made from `raw` (an input file's stem, a folder's name): letters, digits, `.`, `_`
 * and `-` kept, anything else `_`; no leading dots (hidden files), no trailing dots or spaces, no reserved
 * device name. `fallback` when nothing is left.
 */
export function safeName(raw: string, fallback: string): string {
  let name = raw
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+/, '')
    .slice(0, MAX_LENGTH)
    .replace(/[. ]+$/, '');
  const reserved = RESERVED.exec(name);
  if (reserved) name = `${reserved[1]}_${reserved[2] ?? ''}`;
  return name === '' ? fallback : name;
}
