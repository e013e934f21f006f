import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { PASSWORD, signedInUser, type Role } from '../../../test/factories/index.ts';
import { lastMail, type Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { addMember, centresOf, findCentre } from './repository.ts';
import { slugify } from './service.ts';

let t: TestApp;
let n = 0;
before(async () => {
  t = await testApp();
});
after(() => t.close());

/** A confirmed account, signed in. */
const person = (name = 'Nadia Rahman', role: Role = 'member') => signedInUser(t, { name, role });

const profile = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Centre of Excellence for Economics and Finance',
  country: 'MD',
  city: 'Chișinău',
  website: 'www.ceef.example.md',
  type: 'cove',
  description: 'Economics and finance programmes with employers.',
  published: 'yes',
  ...overrides,
});

/** Posts the profile form (lists as repeated fields, as a browser sends them). */
async function createCentre(a: Agent, fields: Record<string, string | string[]> = profile()) {
  const page = await a.get('/en/account/centres/new');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const body = new URLSearchParams({ _csrf: token });
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
  const cookie = [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.inject({
    method: 'POST',
    url: '/en/account/centres',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

async function newCentre(a: Agent, fields?: Record<string, string | string[]>): Promise<string> {
  const res = await createCentre(a, fields ?? profile({ name: `Centre ${++n}`, sectors: ['tourism', 'ict'], eqf: ['4', '5'], languages: ['ro', 'en'] }));
  assert.equal(res.statusCode, 303, res.body.slice(0, 400));
  return /\/en\/account\/centres\/([a-z0-9-]+)\?done=created/.exec(res.headers.location as string)![1]!;
}

describe('centre profiles', () => {
  test('a signed-in person creates a centre profile and becomes its administrator', async () => {
    const { a } = await person();
    const res = await createCentre(a, profile({ sectors: ['economics-finance', 'ict'], eqf: ['3', '4', '5'], languages: ['ro', 'ru', 'en'] }));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/account/centres/centre-of-excellence-for-economics-and-finance?done=created');
    const manage = await a.get(res.headers.location);
    assert.equal(manage.statusCode, 200);
    assert.match(manage.body, /Your centre’s profile is created/);
    assert.match(manage.body, /<td>Administrator<\/td>/);
    const pub = await t.get('/en/centres/centre-of-excellence-for-economics-and-finance');
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /Chișinău, Moldova/);
    assert.match(pub.body, /href="https:\/\/www.ceef.example.md"/);
    assert.match(pub.body, /3, 4, 5/);
    assert.match(pub.body, /Romanian, Russian, English|English, Romanian, Russian|Romanian/);
    assert.match(pub.body, /"@type":"EducationalOrganization"/);
    assert.match((await t.get('/en/centres')).body, /Centre of Excellence for Economics and Finance/);
  });

  test('a profile that is not published is not public', async () => {
    const { a } = await person();
    const slug = await newCentre(a, profile({ name: 'Quiet Centre', published: [] }));
    assert.equal((await t.get(`/en/centres/${slug}`)).statusCode, 404);
    assert.doesNotMatch((await t.get('/en/centres')).body, /Quiet Centre/);
  });

  test('a wrong profile comes back with the values and an error summary', async () => {
    const { a } = await person();
    const res = await createCentre(a, profile({ country: 'ZZ', website: 'not a site', city: '', sectors: ['tourism'] }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#field-country">Choose one of the options/);
    assert.match(res.body, /href="#field-city">Enter a value/);
    assert.match(res.body, /href="#field-website">Enter a website address/);
    assert.match(res.body, /value="Centre of Excellence for Economics and Finance"/);
    assert.match(res.body, /value="tourism" id="[^"]+" checked/);
  });

  test('names become readable, unique addresses', async () => {
    assert.equal(slugify('Centre of Excellence Chișinău'), 'centre-of-excellence-chisinau');
    assert.equal(slugify('مركز التميز'), 'centre');
    const { a } = await person();
    const first = await newCentre(a, profile({ name: 'Twin Centre' }));
    const second = await newCentre(a, profile({ name: 'Twin Centre' }));
    assert.equal(first, 'twin-centre');
    assert.equal(second, 'twin-centre-2');
  });

  test('only the centre administrators (and site administrators) may change the profile', async () => {
    const owner = await person();
    const slug = await newCentre(owner.a);
    const stranger = await person('Stranger');
    assert.equal((await stranger.a.get(`/en/account/centres/${slug}`)).statusCode, 404);
    const admin = await person('Site Admin', 'admin');
    const res = await admin.a.post(`/en/account/centres/${slug}/profile`, profile({ name: 'Renamed by admin' }), `/en/account/centres/${slug}`);
    assert.equal(res.statusCode, 303);
    assert.match((await owner.a.get(`/en/account/centres/${slug}`)).body, /Renamed by admin/);
  });
});

describe('logos', () => {
  test('an image is checked by its content, resized and served as WebP', async () => {
    const { a } = await person();
    const slug = await newCentre(a);
    const png = await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#00466e' } })
      .png()
      .toBuffer();
    const res = await a.upload(
      `/en/account/centres/${slug}/logo`,
      {},
      { field: 'logo', name: 'logo.png', type: 'image/png', data: png },
      `/en/account/centres/${slug}`,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const page = await a.get(`/en/account/centres/${slug}`);
    const src = /src="(\/uploads\/logos\/[a-f0-9]{24}\.webp)"/.exec(page.body)![1]!;
    const img = await t.get(src);
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/webp');
    const meta = await sharp(img.rawPayload).metadata();
    assert.equal(meta.format, 'webp');
    assert.ok(meta.width <= 400 && meta.height <= 400);
  });

  test('a file that is not an image is refused whatever its name, with a message on the form', async () => {
    const { a } = await person();
    const slug = await newCentre(a);
    for (const file of [
      { field: 'logo', name: 'logo.png', type: 'image/png', data: Buffer.from('%PDF-1.7 not an image') },
      { field: 'logo', name: 'logo.svg', type: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
    ]) {
      const res = await a.upload(`/en/account/centres/${slug}/logo`, {}, file, `/en/account/centres/${slug}`);
      assert.equal(res.statusCode, 422, file.name);
      assert.match(res.body, /href="#field-logo">This file is not a PNG, JPEG, WebP or GIF image/);
    }
  });

  test('an image that declares more pixels than a logo may have is refused from its header, with a message', async () => {
    const { a } = await person();
    const slug = await newCentre(a);
    // 142 bytes: a valid header for 16,000 × 16,000 grey pixels, and four rows of them.
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const out = Buffer.alloc(body.length + 8);
      out.writeUInt32BE(data.length, 0);
      body.copy(out, 4);
      out.writeUInt32BE(crc32(body), body.length + 4);
      return out;
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(16_000, 0);
    header.writeUInt32BE(16_000, 4);
    header[8] = 8; // bits per sample; colour type 0 (grey), no interlacing
    const bomb = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.alloc(4 * 16_001))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const res = await a.upload(
      `/en/account/centres/${slug}/logo`,
      {},
      { field: 'logo', name: 'logo.png', type: 'image/png', data: bomb },
      `/en/account/centres/${slug}`,
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#field-logo">This image is 16,000 × 16,000 pixels: use an image of at most 25 megapixels/);
    assert.doesNotMatch((await a.get(`/en/account/centres/${slug}`)).body, /\/uploads\/logos\//, 'no logo was kept');
  });

  test('a file over 5 MB is refused with a message', async () => {
    const { a } = await person();
    const slug = await newCentre(a);
    const big = Buffer.alloc(5 * 1024 * 1024 + 100, 1);
    const res = await a.upload(
      `/en/account/centres/${slug}/logo`,
      {},
      { field: 'logo', name: 'big.png', type: 'image/png', data: big },
      `/en/account/centres/${slug}`,
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /The file is too large/);
  });
});

describe('members and invitations', () => {
  test('an invited colleague joins with the link, once, as the role chosen', async () => {
    const owner = await person();
    const slug = await newCentre(owner.a);
    const colleague = await person('Colleague One');
    const res = await owner.a.post(`/en/account/centres/${slug}/invitations`, { email: colleague.email, role: 'member' }, `/en/account/centres/${slug}`);
    assert.equal(res.statusCode, 303);
    const link = (await lastMail(t, colleague.email))!.link!;
    assert.match(link, /^\/en\/account\/invitations\/accept\?token=/);
    const token = link.split('token=')[1]!;
    const joined = await colleague.a.post('/en/account/invitations/accept', { token }, link);
    assert.equal(joined.headers.location, `/en/account/centres/${slug}?done=joined`);
    const page = await colleague.a.get(`/en/account/centres/${slug}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Leave this centre/);
    assert.doesNotMatch(page.body, /Save the profile/, 'a member does not manage the profile');
    assert.equal((await colleague.a.get(link)).statusCode, 410, 'the link works once');
    const members = await owner.a.get(`/en/account/centres/${slug}`);
    assert.match(
      members.body,
      /<th scope="col">Name<\/th><th scope="col">Email address<\/th><th scope="col">Role<\/th>/,
      'the members table names its columns',
    );
    assert.doesNotMatch(members.body, /Your name/, "a column of everyone's names is not headed 'Your name'");
  });

  test('an invitation cannot be accepted by another account', async () => {
    const owner = await person();
    const slug = await newCentre(owner.a);
    const invited = `invited-${++n}@centre.example`;
    await owner.a.post(`/en/account/centres/${slug}/invitations`, { email: invited, role: 'admin' }, `/en/account/centres/${slug}`);
    const link = (await lastMail(t, invited))!.link!;
    const other = await person('Someone Else');
    const res = await other.a.post('/en/account/invitations/accept', { token: link.split('token=')[1]! }, link);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, new RegExp(`This invitation is for ${invited}`));
    assert.equal((await other.a.get(`/en/account/centres/${slug}`)).statusCode, 404);
  });

  test('a centre always keeps an administrator, and the role can be handed over', async () => {
    const owner = await person('First Admin');
    const slug = await newCentre(owner.a);
    const refused = await owner.a.post(`/en/account/centres/${slug}/members/${owner.id}/role`, { role: 'member' }, `/en/account/centres/${slug}`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /A centre needs at least one administrator/);
    assert.equal((await owner.a.post(`/en/account/centres/${slug}/members/${owner.id}/remove`, {}, `/en/account/centres/${slug}`)).statusCode, 409);

    const next = await person('Next Admin');
    await owner.a.post(`/en/account/centres/${slug}/invitations`, { email: next.email, role: 'member' }, `/en/account/centres/${slug}`);
    const link = (await lastMail(t, next.email))!.link!;
    await next.a.post('/en/account/invitations/accept', { token: link.split('token=')[1]! }, link);
    assert.equal((await owner.a.post(`/en/account/centres/${slug}/members/${next.id}/role`, { role: 'admin' }, `/en/account/centres/${slug}`)).statusCode, 303);
    assert.equal(
      (await owner.a.post(`/en/account/centres/${slug}/members/${owner.id}/role`, { role: 'member' }, `/en/account/centres/${slug}`)).statusCode,
      303,
    );
    assert.doesNotMatch((await owner.a.get(`/en/account/centres/${slug}`)).body, /Save the profile/);
    assert.match((await next.a.get(`/en/account/centres/${slug}`)).body, /Save the profile/);
  });

  test('a member leaves; a member cannot remove others', async () => {
    const owner = await person();
    const slug = await newCentre(owner.a);
    const m = await person('Member Two');
    await owner.a.post(`/en/account/centres/${slug}/invitations`, { email: m.email, role: 'member' }, `/en/account/centres/${slug}`);
    const link = (await lastMail(t, m.email))!.link!;
    await m.a.post('/en/account/invitations/accept', { token: link.split('token=')[1]! }, link);
    assert.equal((await m.a.post(`/en/account/centres/${slug}/members/${owner.id}/remove`, {}, `/en/account/centres/${slug}`)).statusCode, 404);
    const left = await m.a.post(`/en/account/centres/${slug}/members/${m.id}/remove`, {}, `/en/account/centres/${slug}`);
    assert.equal(left.headers.location, '/en/account');
    assert.equal((await m.a.get(`/en/account/centres/${slug}`)).statusCode, 404);
  });

  test('changing the role of, or removing, someone who is not a member says so and changes nothing', async () => {
    const owner = await person();
    const slug = await newCentre(owner.a);
    const outsider = await person('Not A Member');
    const page = `/en/account/centres/${slug}`;
    for (const [action, fields] of [
      ['role', { role: 'admin' }],
      ['remove', {}],
    ] as const) {
      const res = await owner.a.post(`${page}/members/${outsider.id}/${action}`, fields, page);
      assert.equal(res.statusCode, 409, action);
      assert.match(res.body, /href="#field-members">This person is not a member of this centre/, action);
      assert.doesNotMatch(res.body, /class="notice[ "]/, `${action}: no "saved"`);
    }
    assert.deepEqual(await centresOf(t.database.db, outsider.id), [], 'the outsider did not become a member');
    assert.match((await owner.a.get(page)).body, /id="field-members"/, 'the error summary leads to the members table');
  });

  test('a member who does not manage the centre is refused before their form is read, whatever they send', async () => {
    const owner = await person();
    const slug = await newCentre(owner.a);
    const m = await person('Plain Member');
    await addMember(t.database.db, (await findCentre(t.database.db, slug))!.id, m.id, 'member');
    const page = `/en/account/centres/${slug}`;
    for (const [path, fields] of [
      ['profile', { name: '' }],
      ['logo', {}],
      ['invitations', { email: 'not an address', role: 'member' }],
      [`members/${owner.id}/role`, { role: 'owner' }],
    ] as const) {
      assert.equal((await m.a.post(`${page}/${path}`, fields, page)).statusCode, 404, path);
    }
  });

  test('the account page lists the centres a person belongs to', async () => {
    const owner = await person();
    await newCentre(owner.a, profile({ name: 'Listed Centre' }));
    assert.match((await owner.a.get('/en/account')).body, /Listed Centre/);
  });
});

describe('deleting an account', () => {
  test('the only administrator of a centre cannot delete their account until someone else is one', async () => {
    const owner = await person('Sole Admin');
    const slug = await newCentre(owner.a, profile({ name: 'Kept Centre' }));
    const refused = await owner.a.post('/en/account/delete', { current_password: PASSWORD }, '/en/account');
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /You are the only administrator of Kept Centre/);

    const next = await person('Successor');
    await owner.a.post(`/en/account/centres/${slug}/invitations`, { email: next.email, role: 'admin' }, `/en/account/centres/${slug}`);
    const link = (await lastMail(t, next.email))!.link!;
    await next.a.post('/en/account/invitations/accept', { token: link.split('token=')[1]! }, link);
    const deleted = await owner.a.post('/en/account/delete', { current_password: PASSWORD }, '/en/account');
    assert.equal(deleted.statusCode, 200);
    assert.match((await next.a.get(`/en/account/centres/${slug}`)).body, /Save the profile/);
  });
});
