import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: unknown };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** API.md §9's header (access/call-workspace.ts reads it; http sits below access, so it is named here). */
const WORKSPACE_HEADER = 'x-workspace';

const DESCRIPTIONS: Record<string, string> = { ws: 'the workspace’s id or slug' };

const templateNames = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

/**
 * One handler serves a workspace resource's two paths (workspacePaths), so swagger gives both the
 * parameters of the handler's signature: `{ws}` is missing wherever the handler does not read it,
 * and present on the un-prefixed path where it does. The document's path parameters become exactly
 * each path's template; X-Workspace, which only an un-prefixed path reads, is optional there and
 * absent where the path names the workspace.
 */
export function parametersOf(path: string, parameters: readonly Parameter[]): Parameter[] {
  const names = templateNames(path);
  const inPath = new Map(parameters.filter((parameter) => parameter.in === 'path').map((parameter) => [parameter.name, parameter]));
  const pathParameters = names.map((name) => inPath.get(name) ?? { name, in: 'path', required: true, schema: { type: 'string' }, ...(DESCRIPTIONS[name] && { description: DESCRIPTIONS[name] }) });
  const namesWorkspace = names.includes('ws');
  const others = parameters
    .filter((parameter) => parameter.in !== 'path')
    .filter((parameter) => !(parameter.in === 'header' && parameter.name.toLowerCase() === WORKSPACE_HEADER && namesWorkspace))
    .map((parameter) =>
      parameter.in === 'header' && parameter.name.toLowerCase() === WORKSPACE_HEADER
        ? { ...parameter, required: false, description: 'a signed-in user’s workspace (id or slug); default: their personal one. An API key acts in its own.' }
        : parameter,
    );
  return [...pathParameters, ...others];
}

export function withExactParameters(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation: Operation | undefined = item[method];
      if (operation) operation.parameters = parametersOf(path, (operation.parameters ?? []) as Parameter[]) as Operation['parameters'];
    }
  }
  return document;
}
