declare global {
  namespace App {
    interface Locals {
      /** The API token of the signed-in person (kept in an HttpOnly cookie of the dashboard). */
      token: string | null;
      user: {
        id: string;
        email: string;
        role: 'admin' | 'editor' | 'reviewer' | 'partner';
        partnerAgencyId: string | null;
      } | null;
    }
  }
}

export {};
