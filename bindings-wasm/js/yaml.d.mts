/**
 * YAML text as the JSON text of the same document, for `RuleSet.fromJson`:
 * `RuleSet.fromJson(yamlToJson(text))`. YAML 1.2 core schema; integers and decimals stay
 * apart. Throws a `LineamientosError`: `invalid_file` (format "yaml": syntax errors, aliases,
 * tags, duplicate keys, several documents, integers beyond 64 bits, `.inf`/`.nan`) or
 * `limit_exceeded` (`what: "json_depth"`, deeper than 64 levels).
 */
export function yamlToJson(text: string): string;
