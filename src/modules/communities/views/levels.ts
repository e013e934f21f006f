import type { PageContext } from '../../../http/context.ts';
import { button } from '../../../ui/components/button/button.ts';
import { postForm, select } from '../../../ui/components/field/field.ts';
import { html, type Html } from '../../../ui/html.ts';
import { levels, type Level } from '../lists.ts';

// The form where a member chooses how much a community, or one of its topics, tells them. A
// topic's form offers "as for the community" first, which names the community's level.

export function levelForm(ctx: PageContext, csrf: string, o: { action: string; community: Level | null; topic?: Level | null }): Html {
  const { t } = ctx;
  const forTopic = o.topic !== undefined;
  const communityLevel = o.community ?? 'normal';
  const options = levels.map((l) => ({ value: l, label: t(`community.level.${l}`) }));
  return postForm(
    o.action,
    csrf,
    html`${select(ctx, {
      name: 'level',
      id: forTopic ? 'topic-level' : 'community-level',
      label: forTopic ? t('community.level.topicLabel') : t('community.level.communityLabel'),
      hint: t('community.level.hint'),
      value: forTopic ? (o.topic ?? 'default') : communityLevel,
      options: forTopic ? [{ value: 'default', label: t('community.level.default', { level: t(`community.level.${communityLevel}`) }) }, ...options] : options,
    })}
    ${button({ text: t('community.level.save'), variant: 'secondary' })}`,
    'form level-form',
  );
}
