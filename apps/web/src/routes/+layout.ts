// Every page is rendered on the server and works without JavaScript: the site ships none.
export const csr = false;
