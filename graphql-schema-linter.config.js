// graphql-schema-linter's configuration (run by test/unit/schema-lint.spec.ts on the emitted SDL).
// Every built-in rule of 3.0.1 is listed, so a new version's new rules are a decision, not a surprise.
module.exports = {
  rules: [
    'arguments-have-descriptions',
    'defined-types-are-used',
    'deprecations-have-a-reason',
    'descriptions-are-capitalized',
    'enum-values-all-caps',
    'enum-values-have-descriptions',
    'enum-values-sorted-alphabetically',
    'fields-are-camel-cased',
    'fields-have-descriptions',
    'input-object-fields-sorted-alphabetically',
    'input-object-values-are-camel-cased',
    'input-object-values-have-descriptions',
    'interface-fields-sorted-alphabetically',
    'relay-connection-arguments-spec',
    'relay-connection-types-spec',
    'relay-page-info-spec',
    'type-fields-sorted-alphabetically',
    'types-are-capitalized',
    'types-have-descriptions',
  ],
  // Exceptions name single schema coordinates, never a whole rule, and each says why.
  ignore: {
    // The upper-case boolean operators of schema 0.1.0, kept (deprecated) so existing filters keep
    // working; `and`, `or` and `not` replace them. The lint test checks every name here is deprecated.
    'input-object-values-are-camel-cased': [
      'EnterpriseFilter.AND',
      'EnterpriseFilter.OR',
      'EnterpriseFilter.NOT',
      'ParkFilter.AND',
      'ParkFilter.OR',
      'ParkFilter.NOT',
      'PlatformFilter.AND',
      'PlatformFilter.OR',
      'PlatformFilter.NOT',
      'ScenarioFilter.AND',
      'ScenarioFilter.OR',
      'ScenarioFilter.NOT',
    ],
  },
};
