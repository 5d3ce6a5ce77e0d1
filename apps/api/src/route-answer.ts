import {
  compactWegweiserJson,
  Profile,
  type RouteOptions,
  type Wegweiser,
} from '@ankommen/routing';
import { IsoDate, LanguageCode } from '@ankommen/taxonomy';
import { z } from 'zod';
import type { Services } from './env.js';
import type { KeptWegweiser } from './kept-wegweisers.js';
import { completionEvents, countEvents } from './usage.js';

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

/** The day a request without a date is routed on: today, by the API's clock. */
export const routingDay = (services: Services): string => services.now().toISOString().slice(0, 10);

const routeOptions = (services: Services, body: RouteBody): RouteOptions => ({
  date: body.date ?? routingDay(services),
  lang: body.lang,
});

/**
 * The Wegweiser for a valid request, on its date (default: today, by the API's clock),
 * counted for planning if complete (usage.ts: need codes and language only).
 */
export function routeOf(services: Services, body: RouteBody): Wegweiser {
  const wegweiser = services.readModel().router.route(body.profile, routeOptions(services, body));
  countEvents(services, completionEvents(body, wegweiser.missing.length === 0));
  return wegweiser;
}

/**
 * The default answer of `POST /v1/route`: the compact Wegweiser with the read model's
 * revision and the address of its texts, as ASCII JSON. Both the HTTP server's fast path
 * (http.ts) and the app's route answer with it. Wegweisers asked for again are answered from
 * those kept by decision key: profiles with equal keys get equal Wegweisers (ADR 0020). With
 * the request's key (`KeptWegweisers.requestKey`, the fast path has the body's text), a
 * request answered with a kept Wegweiser is remembered, to be answered unread (ADR 0021).
 */
export function compactRouteAnswer(
  services: Services,
  body: RouteBody,
  request?: string,
): KeptWegweiser {
  const model = services.readModel();
  const decision = model.router.decide(body.profile, routeOptions(services, body));
  let kept = model.wegweisers.get(decision.key);
  if (!kept) {
    const wegweiser = decision.wegweiser();
    const json = compactWegweiserJson(wegweiser, {
      revision: model.revision,
      texts: `/v1/route/texts?lang=${body.lang}`,
    });
    kept = { json, bytes: Buffer.byteLength(json), complete: wegweiser.missing.length === 0 };
    model.wegweisers.built(decision.key, kept);
  }
  const events = completionEvents(body, kept.complete);
  countEvents(services, events);
  if (request !== undefined) model.wegweisers.answered(request, decision.key, events);
  return kept;
}
