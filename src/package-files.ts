/**
 * The files the package ships beside its code, found from the package root: the folder above `src/` when run
 * from the sources, above `dist/` when installed (dist mirrors src, so this module sits one level below the root
 * either way). npm and pnpm, flat or strict, keep a package's own files together, so this holds for every install.
 */
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);

/** The package's root folder. */
export const PACKAGE_ROOT = fileURLToPath(ROOT);
/** The package's package.json. */
export const PACKAGE_JSON = fileURLToPath(new URL('package.json', ROOT));
/** Templates and label catalogues of every edition of the forms, and the files `annexes init` writes. */
export const TEMPLATES_DIR = fileURLToPath(new URL('templates/', ROOT));
/** The fonts embedded in the PDFs. */
export const FONTS_DIR = fileURLToPath(new URL('fonts/', ROOT));
