import { runJobs, type TestApp } from './app.ts';

// A browser stand-in for HTTP-level tests: keeps cookies, and takes the CSRF token from the
// page whose form it submits, as a person's browser would.

type Response = Awaited<ReturnType<TestApp['get']>>;
export type UploadFile = { field: string; name: string; type: string; data: Buffer };

export interface Agent {
  get(url: string): Promise<Response>;
  /** Opens `from` (default: url), then posts the form fields with that page's CSRF token; a list is a repeated field (checkboxes). */
  post(url: string, fields: Record<string, string | string[]>, from?: string): Promise<Response>;
  /** Opens `from`, then posts a multipart form with its files (one or several) and that page's CSRF token; a list is a repeated field. */
  upload(url: string, fields: Record<string, string | string[]>, file: UploadFile | UploadFile[], from: string): Promise<Response>;
  /** Posts without opening a page first (no CSRF token unless given). */
  postRaw(url: string, fields: Record<string, string>): Promise<Response>;
  cookies: Map<string, string>;
}

let nextAddress = 0;

/** Each agent comes from its own address (as different people do), unless one is given. */
export function agent(t: TestApp, headers: Record<string, string> = {}, remoteAddress = `192.0.2.${(nextAddress++ % 250) + 1}`): Agent {
  const cookies = new Map<string, string>();
  const send = async (method: 'GET' | 'POST', url: string, fields?: Record<string, string | string[]>, raw?: { type: string; body: Buffer }) => {
    const res = await t.app.inject({
      method,
      url,
      remoteAddress,
      headers: {
        ...headers,
        ...(cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(raw ? { 'content-type': raw.type } : {}),
      },
      ...(fields
        ? { payload: new URLSearchParams(Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString() }
        : {}),
      ...(raw ? { payload: raw.body } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (!c.value || (c.expires && c.expires.getTime() < Date.now())) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    return res;
  };
  return {
    cookies,
    get: (url) => send('GET', url),
    async post(url, fields, from = url) {
      const page = await send('GET', from);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      if (!token) throw new Error(`no CSRF token on ${from} (status ${page.statusCode})`);
      return send('POST', url, { ...fields, _csrf: token });
    },
    async upload(url, fields, file, from) {
      const page = await send('GET', from);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      if (!token) throw new Error(`no CSRF token on ${from} (status ${page.statusCode})`);
      const form = new FormData();
      form.append('_csrf', token);
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
      for (const f of Array.isArray(file) ? file : [file]) form.append(f.field, new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
      // Response encodes the form as multipart/form-data with its boundary, as a browser does.
      const encoded = new Response(form);
      return send('POST', url, undefined, { type: encoded.headers.get('content-type')!, body: Buffer.from(await encoded.arrayBuffer()) });
    },
    postRaw: (url, fields) => send('POST', url, fields),
  };
}

/** The last mail sent to an address, from the outbox, once the queue has delivered what is due (runJobs). */
export async function lastMail(t: TestApp, to: string): Promise<{ subject: string; body: string; link: string | null } | null> {
  await runJobs(t);
  const row = await t.database.db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirst();
  if (!row) return null;
  const link = /http:\/\/localhost:3000(\/\S+)/.exec(row.body)?.[1] ?? null;
  return { subject: row.subject, body: row.body, link };
}
