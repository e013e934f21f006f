// Test data in one line, made through the real repositories and forms (no mocks):
//   const editor = await user(t, { role: 'editor' });          // a confirmed editor with PASSWORD
//   const a = await signIn(t, editor);                          // a browser signed in as them
//   const c = await centre(t, { members: 2 });                  // a centre, its administrator, two members
//   await community(t, 'green', { visibility: 'members' });     // a community of practice, open unless told
//   const r = await round(t, c);                                // a self-assessment round with its links
//   await responses(t, r, { group: 'teachers', count: 3 });     // three sent responses
//   await finishRound(t, r.id);                                 // its closing time has passed
export { PASSWORD, signIn, signedInUser, user, type Role, type UserOptions, type UserRecord } from './people.ts';
export { centre, networkProfile, type CentreOptions, type CentreRecord } from './centres.ts';
export { community, communityTexts } from './communities.ts';
export { finishRound, responses, round, sentCount, type ResponseOptions, type RoundRecord } from './assessment.ts';
