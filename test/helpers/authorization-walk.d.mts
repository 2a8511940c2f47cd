export class CookieJar {
  take(response: Response): void;
  header(): string;
}
export function visit(url: string, jar: CookieJar): Promise<Response>;
export function walkAuthorization(origin: string, authorizationUrl: URL, decide: (uid: string) => Promise<string>): Promise<URL>;
