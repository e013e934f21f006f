import assert from 'node:assert/strict';
import type { Agent } from '../helpers/agent.ts';
import type { TestApp } from '../helpers/app.ts';
import { agent } from '../helpers/agent.ts';

// The page catalogue's events (fixture.ts): a workshop of the centre leader's community, in three
// languages, with two places, both taken, and one person waiting; the editor holds a place; a
// guest's registration has its own page (from its mail's link).

export async function eventFixture(t: TestApp, leader: Agent, editor: Agent): Promise<{ event: string; registration: string; month: string }> {
  const day = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
  const res = await leader.post(
    '/en/events',
    {
      organiser: 'community:work-based-learning-practice',
      title_en: 'Planning a first placement week',
      description_en: 'Tutors and company trainers plan the **first week** of a placement together: what the learner does each day, and who checks in.',
      title_fr: 'Préparer une première semaine de stage',
      description_fr: 'Tuteurs et formateurs en entreprise préparent ensemble la **première semaine** de stage.',
      title_ar: 'التخطيط للأسبوع الأول من التدريب الميداني',
      description_ar: 'يخطط المرشدون ومدربو الشركات معًا **للأسبوع الأول** من التدريب.',
      lang: 'en',
      theme: 'work-based-learning',
      mode: 'hybrid',
      place: 'Centre de formation, Salle 2, Casablanca',
      country: 'MA',
      join_url: 'https://meet.example.org/first-week',
      time_zone: 'Africa/Casablanca',
      start_date: day,
      start_time: '09:30',
      end_date: day,
      end_time: '12:00',
      capacity: '2',
      quota_country: '',
    },
    '/en/events/new',
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const event = String(res.headers.location).replace(/\?.*$/, '').replace(/^\/en/, '');
  assert.equal((await editor.post(`/en${event}/register`, {}, `/en${event}`)).statusCode, 303);
  const guest = agent(t);
  const first = await guest.post(`/en${event}/register`, { name: 'Youssef Amrani', email: 'youssef.amrani@fixture.example', country: 'MA' }, `/en${event}`);
  assert.equal(first.statusCode, 303);
  await agent(t).post(`/en${event}/register`, { name: 'Ines Carvalho', email: 'ines.carvalho@fixture.example', country: 'PT' }, `/en${event}`);
  const registration = String(first.headers.location)
    .replace(/&done=.*$/, '')
    .replace(/^\/en/, '');
  return { event, registration, month: day.slice(0, 7) };
}
