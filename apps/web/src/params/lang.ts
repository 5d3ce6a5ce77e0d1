import type { ParamMatcher } from '@sveltejs/kit';
import { isSiteLanguage } from '$lib/i18n/messages';

export const match: ParamMatcher = (param) => isSiteLanguage(param);
