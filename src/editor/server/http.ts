/**
 * The editor's HTTP server (node:http), for one person on their own machine: bound to 127.0.0.1 only; every
 * request carries the per-run token (header, query or the cookie the page gets with it); the Host and Origin
 * headers must name this server (no DNS rebinding, no requests from other sites); bodies have a size limit; the
 * only file read or written is the application's.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { initFiles, writeInitCompanions } from '../../cli/commands/init.ts';
import { LANGUAGES, type Lang } from '../../model/common.ts';
import { ANNEXES, type AnnexNumber } from '../../templates/engine.ts';
import { UI_LANGS, type UiLang } from '../../validation/messages.ts';
import { loadPageAssets } from './assets.ts';
import { EditedFile, type FileState } from './document.ts';
import { Documents, parseFileName } from './documents.ts';

/** Largest request body: far above the largest application (the file itself may be at most 10 MiB). */
export const MAX_BODY_BYTES = 12 * 2 ** 20;

export interface EditorServer {
  /** `http://127.0.0.1:PORT/` */
  address: string;
  /** The address with the token: what the person opens. */
  url: string;
  token: string;
  port: number;
  file: EditedFile;
  /** Stops accepting requests, lets the save in progress finish, closes every connection. */
  close(): Promise<void>;
}

export interface EditorOptions {
  file: string;
  /** 0 or unset: a free port. */
  port?: number;
  uiLang?: UiLang;
}

const MIME: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'editor.js': 'text/javascript; charset=utf-8',
  'editor.css': 'text/css; charset=utf-8',
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Scripts and styles of this server only, no inline code; the preview frame shows this server's PDFs.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; " +
    "object-src 'self' blob:; connect-src 'self' blob:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request body, refused above MAX_BODY_BYTES. A refused body is still read to its end (and thrown away) when
 * it is not absurdly large, so that the client reads the answer instead of a connection reset.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > 16 * MAX_BODY_BYTES) {
      reject(new HttpError(413, 'request body too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else if (size > 16 * MAX_BODY_BYTES) req.destroy();
    });
    req.on('end', () =>
      size > MAX_BODY_BYTES ? reject(new HttpError(413, 'request body too large')) : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req);
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // Answered below.
  }
  throw new HttpError(400, 'the request body is not a JSON object');
}

const sameToken = (a: string | undefined, b: string): boolean =>
  typeof a === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export async function startEditorServer(options: EditorOptions): Promise<EditorServer> {
  const file = new EditedFile(options.file);
  await file.open();
  const documents = new Documents();
  const assets = await loadPageAssets();
  const token = randomBytes(24).toString('hex');
  const events = new Set<ServerResponse>();
  let port = 0;
  let closing = false;

  const broadcast = (state: FileState, by: string | undefined) => {
    const data = `event: changed\ndata: ${JSON.stringify({ version: state.version, exists: state.text !== undefined, by: by ?? null })}\n\n`;
    for (const res of events) res.write(data);
    // The page asks for the new preview as soon as it hears of the change: start it now.
    if (state.text !== undefined) {
      const text = state.text;
      setImmediate(() => documents.previewAhead(state.version, text));
    }
  };
  file.onChange(broadcast);

  const uiLangOf = (url: URL): UiLang => {
    const l = url.searchParams.get('ui');
    return (UI_LANGS as readonly string[]).includes(l ?? '') ? (l as UiLang) : (options.uiLang ?? 'ru');
  };

  const documentReply = (state: FileState, lang: UiLang) => {
    if (state.text === undefined) return { exists: false, version: state.version, name: file.name };
    const a = documents.analyse(state.version, state.text, lang);
    return { exists: true, version: state.version, name: file.name, ...a };
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const data = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(data);
  };

  /** The Host (and Origin, when sent) must be this server under a loopback name. */
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const checkRequest = (req: IncomingMessage, url: URL) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().includes(host.toLowerCase())) throw new HttpError(403, 'forbidden: unknown Host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().some((h) => origin.toLowerCase() === `http://${h}`))
      throw new HttpError(403, 'forbidden: foreign Origin');
    if (req.headers['sec-fetch-site'] === 'cross-site') throw new HttpError(403, 'forbidden: cross-site request');
    const given =
      (req.headers['x-annexes-token'] as string | undefined) ??
      url.searchParams.get('token') ??
      cookie(req, `annexes-${port}`);
    if (!sameToken(given ?? undefined, token)) throw new HttpError(403, 'forbidden: missing or wrong token');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    checkRequest(req, url);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204, SECURITY_HEADERS).end();
      return;
    }
    const method = req.method ?? 'GET';
    const route = `${method} ${url.pathname}`;
    const lang = uiLangOf(url);

    if (route === 'GET /' || (method === 'GET' && assets.files.has(url.pathname.slice(1)))) {
      const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': MIME[name] ?? 'text/plain' };
      // The page's own requests (script, frame, downloads, events) carry the token as a cookie of this port.
      if (name === 'index.html') headers['Set-Cookie'] = `annexes-${port}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      res.writeHead(200, headers);
      res.end(assets.files.get(name));
      return;
    }
    if (route === 'GET /api/document') {
      send(res, 200, documentReply(await file.refresh(), lang));
      return;
    }
    if (route === 'PUT /api/document') {
      const body = await readJsonBody(req);
      if (typeof body.base !== 'string' || !('value' in body)) throw new HttpError(400, 'base and value are needed');
      const client = typeof body.client === 'string' ? body.client : undefined;
      const r = await file.save(body.base, body.value, client);
      if (r.ok) send(res, 200, documentReply(r.state, lang));
      else if (r.reason === 'conflict') send(res, 409, { conflict: true, version: r.state.version });
      else send(res, 404, { exists: false });
      return;
    }
    if (route === 'POST /api/create') {
      const body = await readJsonBody(req);
      const docLang: Lang = (LANGUAGES as readonly string[]).includes(String(body.lang)) ? (body.lang as Lang) : 'ru';
      const r = await file.create(initFiles(docLang)['application.json']);
      // The new file links to ./schema/application.schema.json: write it (and the how-to) as `init` does.
      if (r.ok) await writeInitCompanions(file.path, docLang);
      if (r.ok) send(res, 200, documentReply(r.state, lang));
      else send(res, 409, { exists: true });
      return;
    }
    if (route === 'GET /api/events') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(`event: hello\ndata: ${JSON.stringify({ version: file.current.version })}\n\n`);
      events.add(res);
      req.on('close', () => events.delete(res));
      return;
    }
    if (route === 'GET /api/preview') {
      const annex = Number(url.searchParams.get('annex')) as AnnexNumber;
      const docLang = url.searchParams.get('lang') as Lang;
      if (!ANNEXES.includes(annex) || !LANGUAGES.includes(docLang)) throw new HttpError(400, 'annex or lang');
      const state = file.current;
      const pdf =
        state.text === undefined ? undefined : await documents.preview(state.version, state.text, annex, docLang);
      if (!pdf) {
        send(res, 422, documentReply(state, lang));
        return;
      }
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="annex-${annex}.${docLang}.pdf"`,
        'X-Annexes-Version': state.version,
      });
      res.end(pdf);
      return;
    }
    if (method === 'GET' && url.pathname.startsWith('/api/download/')) {
      const name = decodeURIComponent(url.pathname.slice('/api/download/'.length));
      const all = name === 'documents.zip';
      if (!all && parseFileName(name) === undefined) throw new HttpError(404, 'no such document');
      const state = file.current;
      if (state.text === undefined) throw new HttpError(404, 'the file does not exist');
      const r = await documents.download(state.version, state.text, lang, all ? undefined : name);
      if ('problems' in r) {
        send(res, 422, { problems: r.problems });
        return;
      }
      const base = file.name.replace(/\.json$/i, '').replace(/[^\p{L}\p{N}._-]/gu, '_') || 'application';
      const fileName = all ? `${base}.zip` : name;
      const type = all
        ? 'application/zip'
        : name.endsWith('.pdf')
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': type,
        'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      });
      res.end(r.data);
      return;
    }
    throw new HttpError(404, 'not found');
  };

  const server: Server = createServer((req, res) => {
    if (closing) {
      res.writeHead(503, SECURITY_HEADERS).end();
      return;
    }
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      if (!res.headersSent) send(res, status, { error: message });
      else res.end();
    });
  });
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const address = `http://127.0.0.1:${port}/`;

  return {
    address,
    url: `${address}?token=${token}`,
    token,
    port,
    file,
    async close() {
      if (closing) return;
      closing = true;
      for (const res of events) res.end();
      events.clear();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await file.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
