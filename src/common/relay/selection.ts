import { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the client selected `field` directly under the current field (through fragments
 * too). Used to skip work, such as counting, that nobody asked for.
 */
export function selectsField(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) => hasField(node.selectionSet, field, info, new Set()));
}

function hasField(set: SelectionSetNode | undefined, field: string, info: GraphQLResolveInfo, seen: Set<string>): boolean {
  if (!set) return false;
  for (const selection of set.selections) {
    if (selection.kind === 'Field' && (selection as FieldNode).name.value === field) return true;
    if (selection.kind === 'InlineFragment' && hasField(selection.selectionSet, field, info, seen)) return true;
    if (selection.kind === 'FragmentSpread') {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      seen.add(name);
      const fragment = info.fragments[name];
      if (fragment && hasField(fragment.selectionSet, field, info, seen)) return true;
    }
  }
  return false;
}
