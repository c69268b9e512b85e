import { Change, ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import { ConstDirectiveNode, GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';

/**
 * The schema-evolution policy as code (docs/contributors.md explains it to people):
 * - every breaking change between the released schema and the current one is recorded in
 *   CHANGELOG.md under the next, unreleased version, with a migration path;
 * - a field, argument, input field or enum value is removed only if the released schema had
 *   marked it `@deprecated(reason: "…")`, so clients had a release in which to move.
 */

/** One breaking change the changelog records, read from a bullet of the "Breaking changes" list. */
export interface ChangelogBreakingEntry {
  /** Schema coordinates the bullet names in backticks (`Mutation.deleteEnterprise.detach`). */
  coordinates: string[];
  /** The text after "Migration:"; empty when the bullet has none. */
  migration: string;
}

export interface UnreleasedSection {
  version: string;
  breaking: ChangelogBreakingEntry[];
}

const semver = /^(\d+)\.(\d+)\.(\d+)$/;

function compareVersions(a: string, b: string): number {
  const pa = semver.exec(a)!.slice(1).map(Number);
  const pb = semver.exec(b)!.slice(1).map(Number);
  for (let i = 0; i < 3; i += 1) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** The version a released SDL file declares in its first line (`# Released version 0.1.0 …`). */
export function releasedVersionOf(sdl: string): string {
  const match = /^#\s*Released version (\d+\.\d+\.\d+)\b/.exec(sdl);
  if (!match) throw new Error('schema/released.graphql must start with "# Released version X.Y.Z"');
  return match[1];
}

/**
 * Reads the first version section of the changelog, which must be the next, unreleased
 * version (`## [0.2.0] — unreleased`), and the bullets of its "### Breaking changes" list.
 */
export function readUnreleasedSection(changelog: string): UnreleasedSection | undefined {
  const sections = changelog.split(/^## /m).slice(1);
  const first = sections[0];
  if (!first) return undefined;
  const heading = /^\[(\d+\.\d+\.\d+)\][^\n]*\bunreleased\b/i.exec(first);
  if (!heading) return undefined;
  const breakingPart = first.split(/^### /m).find((part) => /^Breaking changes\b/i.test(part)) ?? '';
  const bullets = breakingPart.split(/^- /m).slice(1);
  const breaking = bullets.map((bullet) => {
    // Coordinates named in the migration text (the replacement) are not the change itself.
    const [what, ...rest] = bullet.split(/Migration:/);
    const coordinates = [...what.matchAll(/`([A-Za-z_][\w.]*)`/g)].map((m) => m[1]);
    const migration = rest.join('Migration:').trim();
    return { coordinates, migration };
  });
  return { version: heading[1], breaking };
}

function explicitReason(directives: readonly ConstDirectiveNode[] | undefined): boolean {
  const deprecated = directives?.find((d) => d.name.value === 'deprecated');
  const reason = deprecated?.arguments?.find((a) => a.name.value === 'reason');
  return !!reason && reason.value.kind === 'StringValue' && reason.value.value.trim().length > 0;
}

/** Whether the released schema marked the thing at `coordinate` `@deprecated(reason: …)`. */
export function wasDeprecated(released: GraphQLSchema, changeType: string, coordinate: string): boolean {
  const [typeName, member, argument] = coordinate.split('.');
  const type = released.getType(typeName);
  if (!type || !member) return false;
  if (changeType === ChangeType.EnumValueRemoved && isEnumType(type)) {
    return explicitReason(type.getValue(member)?.astNode?.directives);
  }
  if (changeType === ChangeType.InputFieldRemoved && isInputObjectType(type)) {
    return explicitReason(type.getFields()[member]?.astNode?.directives);
  }
  if ((isObjectType(type) || isInterfaceType(type)) && changeType === ChangeType.FieldRemoved) {
    return explicitReason(type.getFields()[member]?.astNode?.directives);
  }
  if ((isObjectType(type) || isInterfaceType(type)) && changeType === ChangeType.FieldArgumentRemoved && argument) {
    return explicitReason(type.getFields()[member]?.args.find((a) => a.name === argument)?.astNode?.directives);
  }
  return false;
}

const removals: string[] = [ChangeType.FieldRemoved, ChangeType.FieldArgumentRemoved, ChangeType.InputFieldRemoved, ChangeType.EnumValueRemoved];

export interface EvolutionReport {
  breaking: Change[];
  /** Why the current schema may not ship; empty when the policy holds. */
  problems: string[];
}

/** Diffs `current` against `released` and checks every breaking change against the policy. */
export async function checkSchemaEvolution(
  released: GraphQLSchema,
  releasedVersion: string,
  current: GraphQLSchema,
  changelog: string,
): Promise<EvolutionReport> {
  const changes = await diff(released, current);
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const problems: string[] = [];
  const unreleased = readUnreleasedSection(changelog);
  if (!unreleased) {
    problems.push('CHANGELOG.md must open with the next version: "## [X.Y.Z] — unreleased"');
  } else if (compareVersions(unreleased.version, releasedVersion) <= 0) {
    problems.push(`CHANGELOG.md's unreleased version ${unreleased.version} must be above the released ${releasedVersion}`);
  }
  for (const change of breaking) {
    const coordinate = change.path ?? '';
    const entry = unreleased?.breaking.find((e) => e.coordinates.includes(coordinate));
    if (!entry) {
      problems.push(`${change.message} (${coordinate}): breaking, and not recorded under "Breaking changes" of the unreleased version in CHANGELOG.md`);
    } else if (!entry.migration) {
      problems.push(`${change.message} (${coordinate}): CHANGELOG.md records it without a "Migration:" path`);
    }
    if (removals.includes(change.type) && !wasDeprecated(released, change.type, coordinate)) {
      problems.push(`${change.message} (${coordinate}): removed without having been marked @deprecated(reason:) in released version ${releasedVersion}`);
    }
  }
  return { breaking, problems };
}
