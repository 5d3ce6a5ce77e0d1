// Server-rendered forms throughout: every action works without JavaScript.
export const csr = false;
