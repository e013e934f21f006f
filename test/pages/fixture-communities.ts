import { createUser, findUserByEmail } from '../../src/modules/accounts/repository.ts';
import { addReply, createCommunity, createTopic, editing, files, helpful, levels, moderation, putMember } from '../../src/modules/communities/repository.ts';
import { add as addNotifications } from '../../src/modules/notifications/repository.ts';
import { DAY_MS, digestLinks, OFF_LINK_DAYS } from '../../src/modules/communities/digest.ts';
import { digest } from '../../src/modules/communities/repository.ts';
import { communitySearch } from '../../src/modules/communities/search.ts';
import { communitiesService } from '../../src/modules/communities/service.ts';
import { createSearch } from '../../src/modules/search/index.ts';
import { sharedSecret } from '../../src/platform/secrets/repository.ts';
import type { TestApp } from '../helpers/app.ts';

// The page catalogue's communities (fixture.ts): one the centre leader facilitates, public and on
// request, with a topic in three languages and the editor's request waiting, a member's reply
// flagged by another and a newcomer's reply waiting for approval (the review queue); and one for
// the back office's list and edit pages. The centre leader's weekly digest, with the links its
// mail would carry: one that works and one too old.

export async function communityFixture(
  t: TestApp,
  emails: { leader: string; editor: string; admin: string },
): Promise<{ topic: number; flaggedPost: number; editedPost: number; digest: string; oldDigest: string }> {
  const id = async (email: string) => (await findUserByEmail(t.database.db, email))!.id;
  const { leader, editor, admin } = emails;
  // A community of practice the member facilitates: texts in three languages, a code of conduct
  // and a question; a topic with replies in three languages; the editor's request waiting.
  const communityId = await createCommunity(
    t.database.db,
    {
      slug: 'work-based-learning-practice',
      theme: 'work-based-learning',
      joining: 'request',
      visibility: 'public',
      approveFirstPosts: false,
      texts: [
        {
          lang: 'en',
          name: 'Work-based learning in practice',
          description: 'Tutors, coordinators and company trainers compare how they organise **placements** and apprenticeships.',
          joinQuestion: 'Which programme do you coordinate placements for?',
          codeOfConduct: 'Share what you know, credit others, and keep what learners tell you private.',
        },
        {
          lang: 'fr',
          name: 'L’apprentissage en situation de travail',
          description: 'Tuteurs et formateurs comparent leurs pratiques de stage.',
          joinQuestion: null,
          codeOfConduct: null,
        },
        {
          lang: 'ar',
          name: 'التعلم القائم على العمل في الممارسة',
          description: 'يتبادل المرشدون والمدربون خبراتهم في تنظيم التدريب الميداني.',
          joinQuestion: null,
          codeOfConduct: null,
        },
      ],
    },
    await id(admin),
  );
  const leaderId = await id(leader);
  const editorId = await id(editor);
  await putMember(t.database.db, { communityId, userId: leaderId, role: 'facilitator', status: 'active' });
  await putMember(t.database.db, { communityId, userId: editorId, role: 'member', status: 'pending', answer: 'Hospitality, with twelve host hotels.' });
  const topic = await createTopic(t.database.db, {
    communityId,
    userId: leaderId,
    title: 'How long should a first placement last?',
    body: 'Our learners start with **two weeks** in a hotel. Is that too short to learn anything real? Station 1 of [package 1](/en/packages/1/stations/1) made us ask.',
    lang: 'en',
  });
  const editedPost = await addReply(t.database.db, {
    topicId: topic,
    userId: leaderId,
    body: 'Chez nous, trois semaines.',
    lang: 'fr',
  });
  if (editedPost === 'locked') throw new Error('the fixture topic is locked');
  // The centre leader corrected that reply once: its history has the first text.
  const toEdit = (await editing.postToEdit(t.database.db, communityId, editedPost))!;
  const body = 'Chez nous, quatre semaines, avec une visite du tuteur chaque semaine.';
  await editing.saveEdit(t.database.db, { post: toEdit, seen: null, editorId: leaderId, body, lang: 'fr', title: null });
  await addReply(t.database.db, { topicId: topic, userId: leaderId, body: 'نبدأ بثلاثة أسابيع في مطعم الفندق، ثم نقيّم مع المشرف.', lang: 'ar' });

  // Two members who never sign in: one's reply is flagged by the other, whose own first reply waits.
  const person = (name: string, email: string) => createUser(t.database.db, { email, name, passwordHash: 'never-signs-in', lang: 'en', role: 'member' });
  const samira = await person('Samira Benali', 'samira.benali@fixture.example');
  const jonas = await person('Jonas Weber', 'jonas.weber@fixture.example');
  for (const userId of [samira, jonas]) await putMember(t.database.db, { communityId, userId, role: 'member', status: 'active' });
  const flaggedPost = await addReply(t.database.db, {
    topicId: topic,
    userId: samira,
    body: 'Our placement agency finds hotels for any school: write to us for our prices.',
    lang: 'en',
  });
  if (flaggedPost === 'locked') throw new Error('the fixture topic is locked');
  await moderation.flag(t.database.db, { postId: flaggedPost, userId: jonas, reason: 'spam', note: 'An advert for a paid agency, not an experience.' });
  // The centre leader's corrected reply helped both members, and is the topic's answer.
  for (const userId of [samira, jonas]) await helpful.setHelpful(t.database.db, editedPost, userId, true);
  await helpful.setAnswer(t.database.db, topic, editedPost);
  await addReply(t.database.db, {
    topicId: topic,
    userId: jonas,
    body: 'In Germany the first placement is often **six weeks**.',
    lang: 'en',
    status: 'waiting',
  });
  // The centre leader's notification of Samira's reply in their topic (unread); the editor's, read.
  const notice = { communityId, topicId: topic, actorId: samira, mail: false };
  await addNotifications(t.database.db, [{ ...notice, userId: leaderId, kind: 'reply', postId: flaggedPost }]);
  const opening = await levels.openingPost(t.database.db, topic);
  await addNotifications(t.database.db, [{ ...notice, userId: editorId, kind: 'topic', postId: opening!, actorId: leaderId }]);
  await t.database.db.updateTable('notifications').set({ read_at: new Date().toISOString() }).where('user_id', '=', editorId).execute();
  // Files on two posts, as the topic page and the community's files page list them (rows only:
  // the pages never open the bytes).
  const attach = async (postId: number, fileName: string, mediaType: string, size: number) => {
    const f = await files.insertPending(t.database.db, {
      communityId,
      userId: leaderId,
      fileName,
      mediaType,
      size,
      sha256: '0'.repeat(64),
      storageKey: `attachments/fixture/${fileName}`,
    });
    await files.attach(t.database.db, { postId, communityId, userId: leaderId, ids: [f.id] });
  };
  await attach(opening!, 'placement-agreement-template.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 48_213);
  await attach(opening!, 'first-week-checklist.pdf', 'application/pdf', 1_204_551);
  await attach(editedPost, 'planning-stage-4-semaines.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 22_870);

  // Communities, back office: one community with texts in three languages and the centre leader
  // as its facilitator, for the administrators' list and edit pages (/admin/communities/…).
  const adminCommunity = await createCommunity(
    t.database.db,
    {
      slug: 'fixture-admin-community',
      theme: 'work-based-learning',
      joining: 'request',
      visibility: 'members',
      approveFirstPosts: true,
      texts: [
        {
          lang: 'en',
          name: 'Placement officers',
          description: 'Placement officers who find **host companies** for apprentices.',
          joinQuestion: 'Where do you place apprentices?',
          codeOfConduct: 'Share what works; name no learner.',
        },
        { lang: 'fr', name: 'Chargés de stages', description: 'Ceux qui trouvent des entreprises d’accueil.', joinQuestion: null, codeOfConduct: null },
        { lang: 'ar', name: 'مسؤولو التدريب الميداني', description: 'من يجدون الشركات المضيفة للمتدربين.', joinQuestion: null, codeOfConduct: null },
      ],
    },
    await id(admin),
  );
  await putMember(t.database.db, { communityId: adminCommunity, userId: leaderId, role: 'facilitator', status: 'active' });
  // The topics written here go into the search as the app's own writes put them (community search).
  const search = createSearch(t.database);
  await communitySearch(t.database.db, { search, communities: communitiesService(t.database.db, { search }) }).indexMissing();
  await digest.setDigest(t.database.db, leaderId, 'weekly');
  const links = digestLinks(await sharedSecret(t.database.db, 'session'));
  return {
    topic,
    flaggedPost,
    editedPost,
    digest: links.token(leaderId),
    oldDigest: links.token(leaderId, new Date(Date.now() - (OFF_LINK_DAYS + 1) * DAY_MS)),
  };
}
