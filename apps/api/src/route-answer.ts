import { compactWegweiserJson, Profile, type Wegweiser } from '@ankommen/routing';
import { IsoDate, LanguageCode } from '@ankommen/taxonomy';
import { z } from 'zod';
import type { Services } from './env.js';
import { countCompletion } from './usage.js';

/** The profile, named in the OpenAPI document: the route and the questions both take one. */
export const ProfileBody = Profile.meta({
  id: 'Profile',
  description: 'A newcomer’s answers; every field may be left out',
});

export const RouteBody = z
  .object({
    profile: ProfileBody,
    date: IsoDate.optional().describe('Evaluation date; default today'),
    lang: LanguageCode.default('de'),
  })
  .strict();
export type RouteBody = z.infer<typeof RouteBody>;

/**
 * The Wegweiser for a valid request, on its date (default: today, by the API's clock). Both
 * the HTTP server's fast path and the app's route come through here, so a complete plan is
 * counted for planning once, whichever answered (usage.ts: need codes and language only).
 */
export function routeOf(services: Services, body: RouteBody): Wegweiser {
  const date = body.date ?? services.now().toISOString().slice(0, 10);
  const wegweiser = services.readModel().router.route(body.profile, { date, lang: body.lang });
  countCompletion(services, body, wegweiser);
  return wegweiser;
}

/**
 * The default answer of `POST /v1/route`, as JSON: the compact Wegweiser with the read
 * model's revision and the address of its texts. One function, so that the HTTP server's
 * fast path (http.ts) and the app's route give the same answer.
 */
export function compactRouteAnswer(services: Services, body: RouteBody): string {
  return compactWegweiserJson(routeOf(services, body), {
    revision: services.readModel().revision,
    texts: `/v1/route/texts?lang=${body.lang}`,
  });
}
