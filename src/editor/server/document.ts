/**
 * The one file the editor reads and writes. Every version of its text has a version id (a hash); a save names the
 * version it was made from, and is refused when the file has changed since (another tab, a text editor, git):
 * nothing written from outside is ever overwritten silently. Saves are atomic and one at a time.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { writeFileAtomic } from '../../output/atomic.ts';
import { MAX_FILE_BYTES } from '../../validation/json-source.ts';
import { editJsonText } from './json-edit.ts';

export const versionOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 20);

export interface FileState {
  /** undefined: the file does not exist. */
  text: string | undefined;
  version: string;
}

export type SaveResult =
  | { ok: true; state: FileState; changed: boolean }
  | { ok: false; reason: 'conflict'; state: FileState }
  | { ok: false; reason: 'missing' | 'exists' };

export type ChangeListener = (state: FileState, by: string | undefined) => void;

/** Quiet time after the last change event of an outside save. */
const SETTLE_MS = 60;

export class EditedFile {
  readonly path: string;
  private state: FileState = { text: undefined, version: versionOf('') };
  private queue: Promise<unknown> = Promise.resolve();
  private watcher: FSWatcher | undefined;
  private listeners = new Set<ChangeListener>();
  private timer: NodeJS.Timeout | undefined;

  constructor(file: string) {
    this.path = resolve(file);
  }

  get current(): FileState {
    return this.state;
  }

  async open(): Promise<FileState> {
    this.state = await this.readDisk();
    const folder = dirname(this.path);
    this.watcher = watch(folder, {
      depth: 0,
      ignoreInitial: true,
      ignored: (p: string) => {
        const abs = resolve(p);
        return abs !== folder && abs !== this.path;
      },
    });
    const onEvent = (p: string) => {
      if (resolve(p) !== this.path) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh(), SETTLE_MS);
    };
    this.watcher.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
    await new Promise<void>((r) => this.watcher?.once('ready', () => r()));
    return this.state;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the file again and tells the listeners when it changed from outside. */
  refresh(): Promise<FileState> {
    return this.serial(async () => {
      const disk = await this.readDisk();
      if (disk.version !== this.state.version) {
        this.state = disk;
        this.emit(undefined);
      }
      return this.state;
    });
  }

  /** Writes `value` if the file is still at `base`; `by` names the page that saves (it is not told its own save). */
  save(base: string, value: unknown, by?: string): Promise<SaveResult> {
    return this.serial(async () => {
      const disk = await this.readDisk();
      if (disk.version !== this.state.version) {
        this.state = disk;
        this.emit(undefined);
      }
      if (disk.text === undefined) return { ok: false, reason: 'missing' } as const;
      if (base !== disk.version) return { ok: false, reason: 'conflict', state: disk } as const;
      const text = editJsonText(disk.text, value);
      if (text === disk.text) return { ok: true, state: disk, changed: false } as const;
      await writeFileAtomic(this.path, text);
      this.state = { text, version: versionOf(text) };
      this.emit(by);
      return { ok: true, state: this.state, changed: true } as const;
    });
  }

  /** Creates the file with `text` when it does not exist. */
  create(text: string): Promise<SaveResult> {
    return this.serial(async () => {
      const disk = await this.readDisk();
      if (disk.text !== undefined) return { ok: false, reason: 'exists' } as const;
      await writeFileAtomic(this.path, text);
      this.state = { text, version: versionOf(text) };
      this.emit(undefined);
      return { ok: true, state: this.state, changed: true } as const;
    });
  }

  /** Waits for the save in progress, then stops watching. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.queue.catch(() => undefined);
    await this.watcher?.close();
    this.listeners.clear();
  }

  get name(): string {
    return basename(this.path);
  }

  private emit(by: string | undefined): void {
    for (const l of this.listeners) l(this.state, by);
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async readDisk(): Promise<FileState> {
    try {
      const buf = await readFile(this.path);
      if (buf.length > MAX_FILE_BYTES) throw Object.assign(new Error('file too large'), { code: 'EFBIG' });
      const text = buf.toString('utf8');
      return { text, version: versionOf(text) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { text: undefined, version: versionOf('') };
      throw e;
    }
  }
}
