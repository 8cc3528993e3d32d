export const PAGE_DIR: string;
export const OUT_DIR: string;
export const STATIC_FILES: string[];
export function newestSource(): number;
export function bundleEditorPage(options?: { write?: boolean }): Promise<string>;
