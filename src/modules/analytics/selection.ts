import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the client selected the nested `path` (e.g. ['cells', 'missingLayers']) under the
 * current field, through fragments too; lets a service skip work nobody asked for.
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => walk(node.selectionSet, path, info));
}

function walk(set: SelectionSetNode | undefined, path: readonly string[], info: GraphQLResolveInfo, seen = new Set<string>()): boolean {
  if (!set) return false;
  if (path.length === 0) return true;
  const [head, ...rest] = path;
  for (const selection of set.selections) {
    if (selection.kind === 'Field' && (selection as FieldNode).name.value === head) {
      if (rest.length === 0 || walk(selection.selectionSet, rest, info)) return true;
    } else if (selection.kind === 'InlineFragment') {
      if (walk(selection.selectionSet, path, info, seen)) return true;
    } else if (selection.kind === 'FragmentSpread' && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = info.fragments[selection.name.value];
      if (fragment && walk(fragment.selectionSet, path, info, seen)) return true;
    }
  }
  return false;
}
