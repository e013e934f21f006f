import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import type { Lang } from '../../../../i18n/languages.ts';
import { errorSummary, field, postForm, problemSummary } from '../../../../ui/components/field/field.ts';
import { choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { scale } from '../../../../ui/components/scale/scale.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { layout } from '../../../../ui/layout.ts';
import { langOf, txt } from '../../../../ui/text.ts';
import { inLang } from '../../framework/document.ts';
import { lastDay } from '../../round.ts';
import { minutesFor } from '../../timing.ts';
import { showCode } from '../../rounds/tokens.ts';
import { itemsOf, type QuestionPage } from '../pages.ts';
import { answerField } from '../schemas.ts';
import type { LinkState, Session } from '../service.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { button, buttonGroup } from '../../../../ui/components/button/button.ts';
import { table } from '../../../../ui/components/table/table.ts';

// The questionnaire, as respondents see it: a welcome page for each group's link, one page per
// criterion with a five-point scale plus "not applicable" and "prefer not to say" under every
// statement, a check page, and the thanks. Plain forms: everything works without JavaScript, on a
// small screen, and a screen reader hears each statement as the legend of its choices.

const POINTS = ['1', '2', '3', '4', '5'];
const OTHERS = ['na', 'skip'];

const surveyPage = (ctx: PageContext, title: string, body: Html) => layout(ctx, { title, body, index: false, pageType: 'survey' });
const date = (ctx: PageContext, iso: string) => new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

function intro(ctx: PageContext, s: LinkState): Html {
  const { t } = ctx;
  return html`<p class="kicker">${t('survey.kicker', { centre: s.centre })}</p>`;
}

/** How the person reached the welcome page: their group's open link, or a personal invitation. */
export type Entry = { link: string } | { invitation: string };

/** What the centre sees and never sees, told as it is (docs/decisions/0006). */
function anonymityPanel(ctx: PageContext, s: LinkState, invited: boolean): Html {
  const { t } = ctx;
  const min = s.loaded.round.min_group_size;
  return html`<section class="panel" aria-labelledby="anonymity">
    <h2 id="anonymity">${t('survey.anonymity.title')}</h2>
    <h3>${t('survey.anonymity.sees', { centre: s.centre })}</h3>
    <ul>
      <li>${t('survey.anonymity.seesResults', { min })}</li>
      <li>${t('survey.anonymity.seesCounts')}</li>
      <li>${t('survey.anonymity.seesIntake')}</li>
    </ul>
    <h3>${t('survey.anonymity.never', { centre: s.centre })}</h3>
    <ul>
      <li>${t('survey.anonymity.neverAnswers')}</li>
      <li>${t('survey.anonymity.neverWho')}</li>
      ${invited ? html`<li>${t('survey.anonymity.neverEmail')}</li>` : ''}
    </ul>
    <p>${t('survey.anonymity.resume')}</p>
  </section>`;
}

export function welcomeView(
  ctx: PageContext,
  s: LinkState,
  entry: Entry,
  csrf: string,
  o: { errors?: FieldError[]; code?: string; sentHere?: boolean } = {},
): string {
  const { t } = ctx;
  const statements = s.pages.reduce((n, p) => n + itemsOf(p).length, 0);
  const invited = 'invitation' in entry;
  const action = invited ? `/${ctx.lang}/survey/i/${entry.invitation}` : `/${ctx.lang}/survey/${entry.link}`;
  const title = t('survey.welcome.title', { centre: s.centre });
  // A browser that has sent a response to this group starts another only for someone else on a shared device.
  const startForm = o.sentHere
    ? postForm(
        `${action}/start`,
        csrf,
        html`${notice(t('survey.sentHere.text', { group: t(`assessment.groupName.${s.group}`) }), { heading: t('survey.sentHere.title'), live: true })}
          ${choiceList(ctx, { name: 'shared', legend: t('survey.sentHere.legend'), kind: 'checkbox', values: [], options: [{ value: 'yes', label: t('survey.sentHere.confirm') }] })}
          ${button({ text: t('survey.welcome.start') })}`,
        'form start-form',
      )
    : postForm(`${action}/start`, csrf, html`${button({ text: t('survey.welcome.start') })}`, 'form start-form');
  const state =
    s.status === 'scheduled'
      ? notice(t('survey.welcome.opens', { date: date(ctx, s.loaded.round.opens_at) }))
      : s.status === 'closed'
        ? notice(t('survey.welcome.closed'))
        : startForm;
  const body = html`${errorSummary(ctx, o.errors)}
    ${intro(ctx, s)}
    <h1>${title}</h1>
    <p class="lead">${t('survey.welcome.group', { group: t(`assessment.groupName.${s.group}`) })}</p>
    <p>${t('survey.welcome.size', { pages: s.pages.length, statements, minutes: minutesFor(s.pages) })}
      ${s.status === 'open' ? t('survey.welcome.closes', { date: date(ctx, lastDay(s.loaded.round.closes_at)) }) : ''}</p>
    <p>${t('survey.anonymity.short', { min: s.loaded.round.min_group_size })}</p>
    ${state}
    ${anonymityPanel(ctx, s, invited)}
    ${
      s.status === 'closed' || invited
        ? ''
        : html`<section aria-labelledby="resume-title">
      <h2 id="resume-title">${t('survey.resume.title')}</h2>
      ${postForm(
        `${action}/resume`,
        csrf,
        html`${field(ctx, { name: 'code', label: t('survey.resume.code'), hint: t('survey.resume.hint'), value: o.code ?? '', errors: o.errors, autocomplete: 'off', maxlength: 20 })}
        ${button({ text: t('survey.resume.button'), variant: 'secondary' })}`,
      )}
    </section>`
    }`;
  return surveyPage(ctx, title, body);
}

function progress(ctx: PageContext, n: number, total: number): Html {
  const { t } = ctx;
  return html`<div class="progress">
    <label for="survey-progress">${t('survey.progress', { n, total })}</label>
    <progress id="survey-progress" max="${total}" value="${n - 1}">${t('survey.progress', { n, total })}</progress>
  </div>`;
}

/** The resume link and code, on every page, so a respondent can stop at any time. */
function resumeBox(ctx: PageContext, s: Session): Html {
  const { t } = ctx;
  const link = `${ctx.baseUrl}/${ctx.lang}/survey/r/${s.token}`;
  return html`<aside class="panel resume-box" aria-labelledby="resume-box-title">
    <h2 id="resume-box-title">${t('survey.later.title')}</h2>
    <p>${t('survey.later.code')} <strong class="code" lang="en" dir="ltr">${showCode(s.code)}</strong></p>
    <p>${t('survey.later.link')} <a href="${link}" dir="ltr">${t('survey.later.linkText')}</a></p>
    <p class="hint">${t('survey.later.private')}</p>
  </aside>`;
}

function question(
  ctx: PageContext,
  item: string,
  statement: { value: string; lang: Lang },
  explanation: { value: string; lang: Lang } | null,
  chosen: string | undefined,
  errors: FieldError[],
): Html {
  const { t } = ctx;
  const error = errors.find((e) => e.field === `q-${item}`);
  const words = (v: string) => t(`survey.scale.${v}`);
  return scale(ctx, {
    name: `a.${item}`,
    id: `field-q-${item}`,
    className: 'question',
    legend: txt(statement, ctx),
    hint: explanation ? txt(explanation, ctx) : undefined,
    points: POINTS.map((v) => ({ value: v, number: v, label: words(v) })),
    others: OTHERS.map((v) => ({ value: v, label: words(v) })),
    value: chosen,
    error: error ? t(error.key) : undefined,
  });
}

export interface QuestionState {
  errors?: FieldError[];
  /** answers as sent, when the page comes back with problems */
  given?: Map<string, string>;
}

export function questionView(ctx: PageContext, s: Session, n: number, csrf: string, state: QuestionState = {}): string {
  const { t } = ctx;
  const page = s.pages[n - 1]!;
  const errors = state.errors ?? [];
  const chosen = (item: string) => state.given?.get(item) ?? (s.answers.has(item) ? answerField(s.answers.get(item)!) : undefined);
  let heading: Html;
  let title: string;
  let questions: Html[];
  if (page.kind === 'criterion') {
    const ct = inLang(page.criterion.title, ctx);
    const cd = inLang(page.criterion.description, ctx);
    const dt = inLang(page.dimension.title, ctx);
    title = ct.value;
    heading = html`<p class="kicker"${langOf(dt, ctx)}>${dt.value}</p>
      <h1${langOf(ct, ctx)}>${ct.value}</h1>
      <p${langOf(cd, ctx)}>${cd.value}</p>`;
    questions = page.indicators.map((i) => question(ctx, i.id, inLang(i.statement, ctx), inLang(i.explanation, ctx), chosen(i.id), errors));
  } else {
    title = t('survey.own.title');
    heading = html`<h1>${title}</h1><p>${t('survey.own.text', { centre: s.centre })}</p>`;
    questions = page.statements.map((st) => question(ctx, st.item, { value: st.text, lang: st.lang as Lang }, null, chosen(st.item), errors));
  }
  const form = postForm(
    `/${ctx.lang}/survey/r/${s.token}/${n}`,
    csrf,
    html`${questions}
      <p class="hint">${t('survey.saved')}</p>
      ${buttonGroup([
        button({ text: n === s.pages.length ? t('survey.toCheck') : t('survey.next'), name: 'go', value: 'next' }),
        n > 1 ? button({ text: t('survey.back'), name: 'go', value: 'back', variant: 'secondary' }) : '',
      ])}`,
    'form survey-form',
  );
  const body = html`${errorSummary(ctx, errors)}
    ${intro(ctx, s)}
    ${progress(ctx, n, s.pages.length)}
    ${heading}
    ${form}
    ${resumeBox(ctx, s)}`;
  return surveyPage(ctx, t('survey.pageTitle', { title, n, total: s.pages.length }), body);
}

export function checkView(ctx: PageContext, s: Session, csrf: string, unanswered: number[], problem?: 'incomplete' | 'sent-here'): string {
  const { t } = ctx;
  const pageTitle = (p: QuestionPage) => (p.kind === 'criterion' ? inLang(p.criterion.title, ctx) : { value: t('survey.own.title'), lang: ctx.lang });
  const body = html`${problem === 'incomplete' ? problemSummary(ctx, { items: [{ text: t('survey.check.incomplete') }] }) : ''}
    ${intro(ctx, s)}
    ${progress(ctx, s.pages.length + 1, s.pages.length + 1)}
    <h1>${t('survey.check.title')}</h1>
    <p>${t('survey.check.text')}</p>
    ${table({
      id: 'check',
      caption: t('survey.check.caption'),
      captionHidden: true,
      head: [t('survey.check.page'), t('survey.check.answered'), html`<span class="visually-hidden">${t('survey.check.change')}</span>`],
      rowHeadings: true,
      rows: s.pages.map((p, i) => {
        const items = itemsOf(p);
        const done = items.filter((item) => s.answers.has(item)).length;
        const pt = pageTitle(p);
        return [
          txt(pt, ctx),
          html`${t('survey.check.count', { done, total: items.length })}${done < items.length ? html` <strong class="status-missing">${t('survey.check.missing')}</strong>` : ''}`,
          html`<a href="/${ctx.lang}/survey/r/${s.token}/${i + 1}">${t('survey.check.change')}<span class="visually-hidden">: ${pt.value}</span></a>`,
        ];
      }),
    })}
    ${
      unanswered.length
        ? notice(t('survey.check.notYet', { n: unanswered.length }))
        : postForm(
            `/${ctx.lang}/survey/r/${s.token}/send`,
            csrf,
            html`${
              problem === 'sent-here'
                ? html`${notice(t('survey.sentHere.text', { group: t(`assessment.groupName.${s.group}`) }), { heading: t('survey.sentHere.title'), live: true })}
                  ${choiceList(ctx, { name: 'shared', legend: t('survey.sentHere.legend'), kind: 'checkbox', values: [], options: [{ value: 'yes', label: t('survey.sentHere.confirm') }] })}`
                : ''
            }<p>${t('survey.check.final')}</p>${button({ text: t('survey.check.send') })}`,
          )
    }
    ${resumeBox(ctx, s)}`;
  return surveyPage(ctx, t('survey.check.title'), body);
}

export function surveyMessageView(ctx: PageContext, heading: string, text: string): string {
  return surveyPage(ctx, heading, html`<h1>${heading}</h1><p class="lead">${text}</p>`);
}
