import { error, fail } from '@sveltejs/kit';
import { api, type Problem } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

interface User {
  id: string;
  email: string;
  role: string;
  partnerAgencyId: string | null;
  active: boolean;
}

const roles = ['admin', 'editor', 'reviewer', 'partner'];

export const load: PageServerLoad = async ({ fetch, locals }) => {
  if (locals.user?.role !== 'admin') error(403, 'Nur für Administratorinnen und Administratoren.');
  const { body } = await api<{ items: User[] }>(fetch, '/v1/admin/users', { token: locals.token });
  return { users: body.items, roles };
};

/** Field errors of the API (`body.password`) by form field (`password`). */
const byField = (problem: Problem) =>
  Object.fromEntries(
    (problem.errors ?? []).map((e) => [e.field.replace(/^body\./, ''), e.message]),
  );

export const actions: Actions = {
  create: async ({ request, fetch, locals }) => {
    const form = await request.formData();
    const input = {
      email: String(form.get('email') ?? '').trim(),
      role: String(form.get('role') ?? ''),
      partnerAgencyId: String(form.get('partnerAgencyId') ?? '').trim() || null,
    };
    const answer = await api<Problem>(fetch, '/v1/admin/users', {
      method: 'POST',
      token: locals.token,
      body: { ...input, password: String(form.get('password') ?? '') },
    });
    if (answer.status === 201) return { created: input.email };
    const errors =
      answer.status === 409 ? { email: 'Diese E-Mail gibt es schon.' } : byField(answer.body);
    return fail(answer.status, { input, errors });
  },

  /** Deactivating ends every session of the user at once (the API does it). */
  active: async ({ request, fetch, locals }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const answer = await api<Problem>(fetch, `/v1/admin/users/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      token: locals.token,
      body: { active: form.get('active') === 'true' },
    });
    if (answer.status !== 200) return fail(answer.status, { errors: { form: answer.body.title } });
    return { changed: id };
  },

  /**
   * Changes a user's role, partner agency or password. A new role or password ends all of the
   * user's sessions (the API does it): they must sign in again, under the new rules.
   */
  change: async ({ request, fetch, locals }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const email = String(form.get('email') ?? '');
    const role = String(form.get('role') ?? '');
    const partnerAgencyId = String(form.get('partnerAgencyId') ?? '').trim() || null;
    const password = String(form.get('password') ?? '');
    const patch = {
      ...(role !== form.get('currentRole') ? { role } : {}),
      ...(partnerAgencyId !== (String(form.get('currentPartnerAgencyId') ?? '') || null)
        ? { partnerAgencyId }
        : {}),
      ...(password ? { password } : {}),
    };
    if (Object.keys(patch).length === 0) return { unchanged: email };
    const answer = await api<Problem>(fetch, `/v1/admin/users/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      token: locals.token,
      body: patch,
    });
    if (answer.status !== 200)
      return fail(answer.status, {
        changeFor: id,
        // Named in one message, so the fields of the "new user" form stay untouched.
        errors: {
          form: `${email}: ${
            Object.entries(byField(answer.body))
              .map(([field, message]) => `${field} ${message}`)
              .join('; ') || answer.body.title
          }`,
        },
      });
    return { changedUser: email, sessionsEnded: 'role' in patch || 'password' in patch };
  },
};
