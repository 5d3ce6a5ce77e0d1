import type { SiteLanguage } from '$lib/i18n/messages';

declare global {
  namespace App {
    interface Locals {
      lang: SiteLanguage;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
