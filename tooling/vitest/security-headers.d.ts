/** The problems with one answer's security headers; empty when all is well. */
export function securityHeaderProblems(label: string, response: Response, tls: boolean): string[];
