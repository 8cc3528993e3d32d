/**
 * The editor's server without a browser: the security of every request (token, Host, Origin, body size), saving
 * into the file with its layout kept, refused stale saves, one editor per file, a clean stop on Ctrl+C, and a file
 * that is the old or the new version when the server is killed in the middle of saving.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editJsonText } from '../src/editor/server/json-edit.ts';
import { ROOT } from './helpers/cli-spawn.ts';
import { type RunningEditor, startEditor } from './helpers/editor.ts';

const SAMPLE = readFileSync(join(ROOT, 'data/gamo-2021.json'), 'utf8');

interface Reply {
  status: number;
  body: string;
}

function send(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let status = 0;
    const chunks: Buffer[] = [];
    const done = () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') });
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        status = res.statusCode ?? 0;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', done);
        res.on('error', done);
      },
    );
    // A server that refuses a body may close the connection while the body is still being sent: the answer counts.
    req.on('error', (e) => (status ? done() : reject(e)));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Only the lines that differ between two texts (same number of lines expected). */
function changedLines(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) out.push(`${x[i]} → ${y[i]}`);
  return out;
}

describe('saving keeps the file as it was written', () => {
  it('a changed price changes exactly one line of the file', () => {
    const value = JSON.parse(SAMPLE);
    value.estimate.administrative.salaries.lines[0].price = 140500;
    const text = editJsonText(SAMPLE, value);
    expect(changedLines(SAMPLE, text)).toEqual([expect.stringMatching(/"price": 140000,? → .*"price": 140500/)]);
  });

  it('an added row is inserted where it goes and the other rows keep their text; key order is kept', () => {
    const value = JSON.parse(SAMPLE);
    const lines = value.estimate.administrative.salaries.lines;
    lines.splice(1, 0, { name: { ru: 'Новая', kk: 'Жаңа' }, unit: 'month', quantity: 2, price: 1000 });
    const text = editJsonText(SAMPLE, value);
    expect(JSON.parse(text)).toEqual(value);
    // Every line of the old text is still there, in order; only the new row's lines are added.
    const old = SAMPLE.split('\n');
    const now = text.split('\n');
    let j = 0;
    for (const line of now) if (line === old[j]) j++;
    expect(j).toBe(old.length);
    expect(now.length - old.length).toBeLessThan(12);
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(JSON.parse(SAMPLE)));
  });

  it('a deleted key disappears alone; a new key is added at the end of its object', () => {
    const value = JSON.parse(SAMPLE);
    delete value.applicant.website;
    value.applicant.head.email = 'new@example.kz';
    const text = editJsonText(SAMPLE, value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toContain('"website"');
    expect(Object.keys(JSON.parse(text).applicant)).toEqual(Object.keys(value.applicant));
  });
});

describe('annexes edit: the server', () => {
  let dir: string;
  let file: string;
  let editor: RunningEditor;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'annexes-edit-server-'));
    file = join(dir, 'app.json');
    writeFileSync(file, SAMPLE);
    editor = await startEditor(file);
  });
  afterAll(async () => {
    await editor?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const host = () => `127.0.0.1:${editor.port}`;
  const auth = () => ({ Host: host(), 'X-Annexes-Token': editor.token });

  it('prints its address on 127.0.0.1 with a token, and serves the page with it', async () => {
    expect(editor.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    const page = await send(editor.port, { path: `/?token=${editor.token}`, headers: { Host: host() } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="editor.js">');
  });

  it('refuses a request without the token, with a wrong one, or with a foreign Host or Origin (403)', async () => {
    const doc = '/api/document';
    expect((await send(editor.port, { path: '/', headers: { Host: host() } })).status).toBe(403);
    expect((await send(editor.port, { path: doc, headers: { Host: host() } })).status).toBe(403);
    expect(
      (await send(editor.port, { path: doc, headers: { Host: host(), 'X-Annexes-Token': 'f'.repeat(48) } })).status,
    ).toBe(403);
    expect((await send(editor.port, { path: `${doc}?token=${editor.token}`, headers: { Host: host() } })).status).toBe(
      200,
    );
    // DNS rebinding: a page of another name that resolves to 127.0.0.1.
    expect(
      (await send(editor.port, { path: doc, headers: { ...auth(), Host: `evil.example:${editor.port}` } })).status,
    ).toBe(403);
    // A cross-site request, even one that knew the token.
    expect((await send(editor.port, { path: doc, headers: { ...auth(), Origin: 'http://evil.example' } })).status).toBe(
      403,
    );
    expect((await send(editor.port, { path: doc, headers: { ...auth(), Origin: `http://${host()}` } })).status).toBe(
      200,
    );
    const put = await send(editor.port, {
      method: 'PUT',
      path: doc,
      headers: { ...auth(), Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ base: 'x', value: {} }),
    });
    expect(put.status).toBe(403);
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
  });

  it('serves nothing but its own files: no path leads to another file', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/api/download/..%2F..%2Fpackage.json',
      '/src/cli/main.ts',
    ])
      expect((await send(editor.port, { path, headers: auth() })).status).toBe(404);
  });

  it('refuses a request body above the limit (413) and writes nothing', async () => {
    const big = Buffer.alloc(13 * 2 ** 20, 0x20);
    const r = await send(editor.port, {
      method: 'PUT',
      path: '/api/document',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: big,
    });
    expect(r.status).toBe(413);
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
  });

  it('saves a change with the version it was made from, and refuses one made from an older version (409)', async () => {
    const current = JSON.parse((await send(editor.port, { path: '/api/document', headers: auth() })).body);
    const value = JSON.parse(SAMPLE);
    value.applicant.website = 'www.example.kz';
    const ok = await send(editor.port, {
      method: 'PUT',
      path: '/api/document',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ base: current.version, value }),
    });
    expect(ok.status).toBe(200);
    expect(changedLines(SAMPLE, readFileSync(file, 'utf8'))).toEqual([
      expect.stringContaining('"website": "www.example.kz"'),
    ]);
    const stale = await send(editor.port, {
      method: 'PUT',
      path: '/api/document',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ base: current.version, value: JSON.parse(SAMPLE) }),
    });
    expect(stale.status).toBe(409);
    expect(readFileSync(file, 'utf8')).toContain('"website": "www.example.kz"');
  });

  it('a second edit of the same file says where the first one runs', async () => {
    const second = await startEditor(file).then(
      () => undefined,
      (e: Error) => e.message,
    );
    expect(second).toContain(`уже открыт в редакторе: http://127.0.0.1:${editor.port}/`);
    expect(second).not.toContain(editor.token);
  });
});

describe('annexes edit: stopping', () => {
  it('Ctrl+C stops cleanly: exit code 0, the file as saved, the file free for the next editor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'annexes-edit-stop-'));
    const file = join(dir, 'app.json');
    writeFileSync(file, SAMPLE);
    try {
      const first = await startEditor(file);
      expect(await first.stop()).toEqual({ code: 0, signal: null });
      expect(first.cli.stdout).toContain('Редактор остановлен');
      const next = await startEditor(file);
      expect(await next.stop()).toEqual({ code: 0, signal: null });
      expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('killed in the middle of saving, the file is the old or the new version, never a broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'annexes-edit-kill-'));
    const file = join(dir, 'app.json');
    writeFileSync(file, SAMPLE);
    try {
      for (let round = 0; round < 4; round++) {
        const editor = await startEditor(file);
        const auth = { Host: `127.0.0.1:${editor.port}`, 'X-Annexes-Token': editor.token };
        const texts = new Set([readFileSync(file, 'utf8')]);
        let version = JSON.parse((await send(editor.port, { path: '/api/document', headers: auth })).body).version;
        let n = 0;
        const killAt = Date.now() + 150 + round * 120;
        while (Date.now() < killAt + 2000) {
          const value = JSON.parse(SAMPLE);
          value.estimate.administrative.salaries.lines[0].price = 100000 + round * 1000 + n++;
          // Every version that may end up in the file.
          texts.add(editJsonText(SAMPLE, value));
          const saving = send(editor.port, {
            method: 'PUT',
            path: '/api/document',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ base: version, value }),
          });
          if (Date.now() >= killAt) {
            editor.cli.child.kill('SIGKILL');
            await saving.catch(() => undefined);
            break;
          }
          const r = await saving;
          version = JSON.parse(r.body).version;
        }
        await editor.cli.exited;
        const after = readFileSync(file, 'utf8');
        expect(() => JSON.parse(after)).not.toThrow();
        expect(texts.has(after)).toBe(true);
        expect(n).toBeGreaterThan(1);
      }
      // The killed editor's lock is taken over by the next one, which releases it when it stops.
      const next = await startEditor(file);
      expect(await next.stop()).toEqual({ code: 0, signal: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('annexes edit: a file that does not exist', () => {
  it('is offered as a blank application, created only when asked, as annexes init writes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'annexes-edit-new-'));
    const file = join(dir, 'new.json');
    try {
      const editor = await startEditor(file);
      expect(editor.cli.stdout).toContain('не найден: страница предложит создать пустую заявку');
      const auth = { Host: `127.0.0.1:${editor.port}`, 'X-Annexes-Token': editor.token };
      const before = JSON.parse((await send(editor.port, { path: '/api/document', headers: auth })).body);
      expect(before.exists).toBe(false);
      expect(existsSync(file)).toBe(false);
      const created = await send(editor.port, {
        method: 'POST',
        path: '/api/create',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ lang: 'kk' }),
      });
      expect(created.status).toBe(200);
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(ROOT, 'templates/init/kk/application.json'), 'utf8'));
      expect(JSON.parse(created.body).problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
      // The schema the new file links to exists beside it, as `annexes init` writes it, and so does the how-to.
      const link = JSON.parse(readFileSync(file, 'utf8')).$schema as string;
      const schema = JSON.parse(readFileSync(join(dir, link), 'utf8'));
      expect(schema.properties.languages).toBeDefined();
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(basename(file));
      // Never over an existing file.
      const again = await send(editor.port, {
        method: 'POST',
        path: '/api/create',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ lang: 'ru' }),
      });
      expect(again.status).toBe(409);
      expect(await editor.stop()).toEqual({ code: 0, signal: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
