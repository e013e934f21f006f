import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { finishRound } from '../../../../test/factories/index.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, groupLinks, respond, signedIn, startRound } from '../../../../test/helpers/assessment.ts';
import { hasPoppler, pdfPage } from '../../../../test/helpers/pdf-pages.ts';
import { chooseFocus } from '../../../../test/helpers/recognition.ts';
import { addMember } from '../../centres/repository.ts';

// The report as centre leaders read it (issue 11): the summary first with contents and jump links,
// the details collapsed; "not asked" apart from "not enough answers"; "Where to start" never empty,
// with "Add to plan" for those who manage the plan; the benchmark in one line while too few
// centres take part; the page compressed; the PDF with its charts and the plan.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;
const pdftotext = (pdf: Buffer) => spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' }).stdout;

/** A closed round: learners rate the inclusion statements (linked to nothing) 1 and the programme statement 5; teachers answer too. */
async function closedRound() {
  const admin = await centreAdmin(t);
  const r = await startRound(admin, {
    indicators: ['equal-access', 'early-support-for-learners', 'programmes-match-current-practice', 'programmes-reviewed-with-employers'],
    groups: ['teachers', 'learners'],
  });
  const links = await groupLinks(admin, r.path);
  for (let i = 0; i < 3; i++) await respond(t, links.Learners!, (item) => (item === 'programmes-match-current-practice' ? '5' : '1'));
  // Teachers rate everything but skip the programme statement: too few ratings there, though they were asked.
  for (let i = 0; i < 3; i++) await respond(t, links['Teachers and trainers']!, (item) => (item === 'programmes-match-current-practice' ? 'na' : '3'));
  await finishRound(t, r.id);
  return { admin, r };
}

describe('the report as centre leaders read it', () => {
  test('the summary comes first, then where to start and the contents, whose every jump link has its target; details are collapsed per dimension', async () => {
    const { admin, r } = await closedRound();
    const res = await admin.a.get(`${r.path}/report`);
    assert.equal(res.statusCode, 200);
    const b = res.body;
    const at = (s: string) => {
      const i = b.indexOf(s);
      assert.ok(i >= 0, `${s} missing`);
      return i;
    };
    const order = [
      'id="summary"',
      'id="strengths"',
      'id="improve"',
      'id="recommendations"',
      'id="contents"',
      'id="responses"',
      'id="dimensions"',
      'id="groups"',
      'id="detail"',
    ];
    for (let i = 1; i < order.length; i++) assert.ok(at(order[i - 1]!) < at(order[i]!), `${order[i - 1]} before ${order[i]}`);
    assert.match(b, /Overall score: \d\.\d out of 5, at the level “(Beginner|Developing|Advanced|Leading)”\./);
    // Three strengths and three areas at most.
    const strengths = b.slice(at('id="strengths"'), at('id="improve"'));
    assert.ok((strengths.match(/<li>/g) ?? []).length <= 3);
    // Every jump link of the contents and the summary has a target on the page.
    const nav = b.slice(at('id="contents"'), b.indexOf('</nav>', at('id="contents"')));
    const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(targets.includes('detail') && targets.includes('dim-teaching-learning'), targets.join(' '));
    for (const id of [...b.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!)) assert.match(b, new RegExp(`id="${id}"`), `#${id} has no target`);
    // The details: one closed <details> per dimension, its summary naming the dimension and its score.
    assert.match(b, /<details class="report-dimension" id="dim-teaching-learning">\s*<summary><h3><span>Teaching and learning<\/span>/);
    assert.doesNotMatch(b, /<details class="report-dimension"[^>]* open/);
  });

  test('a group never asked a statement shows "not asked", one that was asked but rated it too rarely "not enough answers", on the page and in the CSV', async () => {
    const { admin, r } = await closedRound();
    const b = (await admin.a.get(`${r.path}/report`)).body;
    // Learners are never asked whether programmes are reviewed with employers.
    const row = (statement: RegExp) => b.match(new RegExp(`<tr><th scope="row">${statement.source}</th>.*?</tr>`))?.[0] ?? '';
    const reviewed = row(/Employers help the centre design and review its training programmes\./);
    assert.match(reviewed, /<td><span class="meta not-asked">not asked<\/span><\/td>/);
    assert.doesNotMatch(reviewed, /not enough answers/);
    // Teachers were asked whether learning matches work today but answered "not applicable".
    const matches = row(/What learners learn at the centre matches the way work is done in companies today\./);
    assert.match(matches, /not enough answers/);
    assert.doesNotMatch(matches, /not asked/);
    // The heat map keys both.
    assert.match(b, /<span class="heat-swatch heat-missing"><\/span> not enough answers/);
    const csv = (await admin.a.get(`${r.path}/report.csv`)).body;
    assert.match(csv.split('\r\n')[0]!, /,no_score$/);
    assert.match(csv, /indicator,programmes-reviewed-with-employers,[^\r\n]*,Learners,,,+not_asked/);
    assert.match(csv, /indicator,programmes-match-current-practice,[^\r\n]*,Teachers and trainers,,,+not_enough_answers/);
  });

  test('where to start is never empty: statements linked to nothing lead to a broader suggestion, and managers get "Add to plan" links that members do not', async () => {
    const { admin, r } = await closedRound();
    const b = (await admin.a.get(`${r.path}/report`)).body;
    const start = b.slice(b.indexOf('id="recommendations"'), b.indexOf('id="contents"'));
    const cards = start.split('<article class="card recommendation">').slice(1);
    assert.ok(cards.length >= 1);
    for (const card of cards) assert.match(card, /<a href="\/en\/(packages|library)\//, 'every card links somewhere');
    // Inclusion, the weakest, has no link from the round's two statements: its suggestions come from the criterion as a whole.
    const inclusion = cards.find((c) => c.includes('Inclusion'))!;
    assert.ok(inclusion, 'inclusion is among the weakest');
    assert.match(inclusion, /A broader suggestion/);
    const add = [...start.matchAll(/<a class="button button-secondary add-to-plan" href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    assert.ok(add.length > 0);
    for (const url of add) assert.match(url, new RegExp(`^${r.path}/plan/new-action\\?criterion=[a-z-]+&source=package-\\d+-station-\\d+%2F\\d+%2F\\d+$`));
    assert.match(start, /<span class="visually-hidden">Add to plan: /);
    // Every link leads to a form prefilled with its action, once the plan has those focus areas.
    const focus = [...new Set(add.map((u) => new URL(u, 'http://x').searchParams.get('criterion')!))];
    const criteria = [...(await admin.a.get(`${r.path}/plan`)).body.matchAll(/name="focus" value="([a-z-]+)"/g)].map((m) => m[1]!);
    await chooseFocus(admin, r.path, [...new Set([...focus, ...criteria])].slice(0, 3));
    for (const url of add) {
      const form = (await admin.a.get(url)).body;
      const source = new URL(url, 'http://x').searchParams.get('source')!;
      assert.match(form, new RegExp(`name="source" value="${source.replaceAll('/', '\\/')}"`), `${url} prefills its action`);
    }
    const member = await signedIn(t);
    await addMember(t.database.db, admin.centreId, member.userId, 'member');
    const theirs = await member.a.get(`${r.path}/report`);
    assert.equal(theirs.statusCode, 200);
    assert.match(theirs.body, /id="recommendations"/);
    assert.doesNotMatch(theirs.body, /add-to-plan|new-action/);
  });

  test('the benchmark is one line while too few centres take part', async () => {
    const { admin, r } = await closedRound();
    const b = (await admin.a.get(`${r.path}/report`)).body;
    const section = b.slice(b.indexOf('id="benchmark"'), b.indexOf('</section>', b.indexOf('id="benchmark"')));
    assert.match(section, /Too few centres take part yet to compare with: averages appear once at least 5 other centres have finished a round\./);
    assert.doesNotMatch(section, /<table/);
    assert.doesNotMatch(section, /too few centres</);
  });

  test('private pages are sent compressed when the browser accepts it, varying on Accept-Encoding', async () => {
    const { admin, r } = await closedRound();
    for (const path of [`${r.path}/report`, r.path]) {
      const cookie = [...admin.a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const get = (encoding?: string) => t.app.inject({ url: path, headers: { cookie, ...(encoding ? { 'accept-encoding': encoding } : {}) } });
      const plain = await get();
      const br = await get('br, gzip');
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.match(String(br.headers.vary), /Accept-Encoding/i);
      assert.equal(br.headers['cache-control'], 'no-store');
      assert.ok(br.rawPayload.length < plain.rawPayload.length / 3, `${path}: ${br.rawPayload.length} of ${plain.rawPayload.length} bytes`);
      assert.match(brotliDecompressSync(br.rawPayload).toString(), /<\/html>/);
      const gz = await get('gzip');
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(gz.rawPayload).toString(), /<\/html>/);
      assert.equal(plain.headers['content-encoding'], undefined);
    }
  });

  test('start-up warms the reports up: the benchmark sums built and a report rendered once, and reports still read the same', async () => {
    const { admin, r } = await closedRound();
    const before = (await admin.a.get(`${r.path}/report`)).body;
    const w = await t.app.warmReports();
    assert.ok(w.benchmarkMs >= 0 && w.totalMs >= w.benchmarkMs, JSON.stringify(w));
    const after = (await admin.a.get(`${r.path}/report`)).body;
    const figures = (b: string) => b.slice(b.indexOf('id="summary"'), b.indexOf('</main>'));
    assert.equal(figures(after), figures(before));
  });

  test('the PDF carries the charts, each with its table, and the development plan', async () => {
    const { admin, r } = await closedRound();
    const plan = `${r.path}/plan`;
    assert.equal((await admin.a.post(`${plan}/focus`, { focus: ['inclusion', 'programme-relevance'] }, plan)).statusCode, 303);
    const added = await admin.a.post(
      `${plan}/actions`,
      {
        criterion: 'inclusion',
        source: '',
        title: 'Open an accessible entrance',
        owner: 'Facilities manager',
        due: '2027-03-01',
        status: 'planned',
        indicator: '',
        notes: '',
      },
      plan,
    );
    assert.equal(added.statusCode, 303, added.body.slice(0, 500));
    for (const lang of ['en', 'ar']) {
      const res = await admin.a.get(`${r.path.replace('/en/', `/${lang}/`)}/report.pdf`);
      assert.equal(res.statusCode, 200);
      const raw = res.rawPayload.toString('latin1');
      assert.match(raw, /\/S \/Figure/, 'charts are tagged figures');
      if (!hasPdftotext) continue;
      const text = pdftotext(res.rawPayload);
      if (lang === 'en') {
        assert.match(text, /Scores per dimension \(1 to 5\)\. The same figures follow as a table\./);
        assert.match(text, /Scores of each group per criterion/);
        assert.match(text, /Development plan/);
        assert.match(text, /Focus area: Inclusion/);
        assert.match(text, /Open an accessible entrance/);
        assert.match(text, /Facilities manager/);
        assert.match(text, /not asked/);
      }
    }
    if (hasPoppler) {
      // The first page, drawn: the bar chart's blue bars are there.
      const pdf = (await admin.a.get(`${r.path}/report.pdf`)).rawPayload;
      const { data, info } = await sharp(pdfPage(pdf, 2, 60))
        .raw()
        .toBuffer({ resolveWithObject: true });
      let blue = 0;
      for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 80 && data[i + 1]! > 90 && data[i + 1]! < 140 && data[i + 2]! > 150) blue++;
      const first = await sharp(pdfPage(pdf, 1, 60))
        .raw()
        .toBuffer({ resolveWithObject: true });
      for (let i = 0; i < first.data.length; i += first.info.channels)
        if (first.data[i]! < 80 && first.data[i + 1]! > 90 && first.data[i + 1]! < 140 && first.data[i + 2]! > 150) blue++;
      assert.ok(blue > 50, `blue bar pixels on the first pages: ${blue}`);
    }
  });
});
