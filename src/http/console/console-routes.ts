/** Paths the console never answers: the API and the operational endpoints keep their own 404s. */
const SERVER_PATHS = /^\/(api|health|metrics|docs)(\/|$|-json|\?)/;

/**
 * Should a GET that matched no route get the console's index.html (so /keys/123 survives a
 * reload)? Only for pages: not the API, not assets, and only when the client accepts HTML.
 */
export function servesConsolePage(url: string, accept: string | undefined): boolean {
  const path = url.split('?')[0];
  if (SERVER_PATHS.test(url) || SERVER_PATHS.test(path)) return false;
  if (/\.[a-z0-9]+$/i.test(path)) return false;
  return (accept ?? '').includes('text/html');
}
