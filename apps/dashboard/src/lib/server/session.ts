import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'ankommen_dashboard';

/** Keeps the API token in an HttpOnly, SameSite=Strict cookie that ends with the API session. */
export function keepSession(cookies: Cookies, token: string, seconds: number, secure: boolean) {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: seconds,
  });
}

/** The session token of the API's Set-Cookie header. */
export function tokenOf(setCookie: string | null): string | undefined {
  return setCookie?.match(/ankommen_session=([^;]+)/)?.[1];
}
