// Checks the editor schema (content/schema/*.schema.json) with a real
// validator, ajv, against what the build decides:
//
//   1. content/site.yaml and every content/roles/*.md front matter of the
//      sample site pass;
//   2. every single-file case of the Go content tests, exported with
//        ROLESITE_SCHEMA_CASES=FILE go test -run TestExportSchemaCases ./generator/content/
//      gets the build's verdict from the schema: rejected where the build
//      reports an error, accepted where it does not; except the cases in
//      CANNOT_EXPRESS, each with the reason.
//
//   node quality/schema.mjs FILE
//
// Prints one line per disagreement and a summary; exits 1 on any.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The cases the schema cannot decide as the build does, by table and name.
// Each reason says why the schema cannot decide the case as the build does.
const REASON = {
  toml: "TOML front matter: the schema serves YAML editors; the YAML extension does not read +++ blocks",
  yaml: "YAML syntax or a duplicate key: the parser stops before ajv sees a value",
  shape: "no front matter block (empty file, missing or unclosed --- line): the file's shape, not a value",
  file: "a check of the whole file (encoding, NUL bytes, size) or a limit the test sets, not a front-matter value",
  cross: "a cross-field rule",
  thousands: "the thousands-separator rule: figures are checked as written, and 62.000 parses as 62",
  decimals: "at most 2 decimals: checked as written; multipleOf 0.01 is not exact on binary floats",
  underscore: "YAML 1.1 digit separators: the build reads 62_000 as a number, the editor's YAML 1.2 parser as text",
  alias: "a YAML alias: the build refuses it, the editor's parser resolves it to the value it names",
  dupcat: "unique category keys across list items: JSON Schema cannot compare one property across items",
  cr: "lone CR line ends: the build reads them as line ends, the editor's YAML parser does not",
};
const CANNOT_EXPRESS = new Map([
  ["TestParseRoleErrors/yaml unclosed flow list", REASON.yaml],
  ["TestParseRoleErrors/yaml unclosed flow mapping", REASON.yaml],
  ["TestParseRoleErrors/yaml mapping in a value", REASON.yaml],
  ["TestParseRoleErrors/yaml bad indentation", REASON.yaml],
  ["TestParseRoleErrors/yaml list item after mapping", REASON.yaml],
  ["TestParseRoleErrors/yaml key without colon", REASON.yaml],
  ["TestParseRoleErrors/yaml unterminated string", REASON.yaml],
  ["TestParseRoleErrors/yaml bad token", REASON.yaml],
  ["TestParseRoleErrors/yaml tab indentation", REASON.yaml],
  ["TestParseRoleErrors/toml missing value", REASON.toml],
  ["TestParseRoleErrors/toml key set twice", REASON.toml],
  ["TestParseRoleErrors/toml column after \u00c4", REASON.toml],
  ["TestParseRoleErrors/toml impossible date", REASON.toml],
  ["TestParseRoleErrors/toml unknown key", REASON.toml],
  ["TestParseRoleErrors/toml wrong bool", REASON.toml],
  ["TestParseRoleErrors/toml empty list item", REASON.toml],
  ["TestParseRoleErrors/toml table", REASON.toml],
  ["TestParseRoleErrors/toml dotted keys", REASON.toml],
  ["TestParseRoleErrors/toml dates", REASON.toml],
  ["TestParseRoleErrors/toml empty key", REASON.toml],
  ["TestParseRoleErrors/toml quoted key", REASON.toml],
  ["TestParseRoleErrors/yaml alias as a value", REASON.alias],
  ["TestParseRoleErrors/title twice", REASON.yaml],
  ["TestParseRoleErrors/salary.min twice", REASON.yaml],
  ["TestParseRoleErrors/empty file", REASON.shape],
  ["TestParseRoleErrors/blank file", REASON.shape],
  ["TestParseRoleErrors/byte order mark only", REASON.shape],
  ["TestParseRoleErrors/no front matter", REASON.shape],
  ["TestParseRoleErrors/yaml never closed", REASON.shape],
  ["TestParseRoleErrors/toml never closed", REASON.toml],
  ["TestParseRoleErrors/opening line only", REASON.shape],
  ["TestParseRoleErrors/crlf broken yaml", REASON.yaml],
  ["TestParseRoleErrors/crlf toml", REASON.toml],
  ["TestParseRoleErrors/lone cr", REASON.cr],
  ["TestParseRoleErrors/invalid utf-8", REASON.file],
  ["TestParseRoleErrors/invalid utf-8 in body", REASON.file],
  ["TestParseRoleErrors/nul in body", REASON.file],
  ["TestParseRoleErrors/nul after byte order mark", REASON.shape],
  ["TestParseRoleErrors/control character in toml", REASON.toml],
  ["TestParseRoleErrors/3 MB file", REASON.file],
  ["TestParseRoleErrors/custom file limit", REASON.file],
  ["TestParseRoleErrors/custom title limit", REASON.file],
  ["TestParseRoleErrors/custom field limit", REASON.file],
  ["TestParseRoleErrors/valid_through before date_posted", "a cross-field rule: valid_through 2026-10-31 must be after date_posted 2026-11-01"],
  ["TestParseRoleErrors/valid_through equal to date_posted", "a cross-field rule: valid_through 2026-11-01 must be after date_posted 2026-11-01"],
  ["TestParseRoleErrors/valid_through without date_posted", "a cross-field rule: valid_through is set but date_posted is not; an opening needs both"],
  ["TestParseRoleErrors/salary min over max", "a cross-field rule: salary: min 90000 is greater than max 60000"],
  ["TestParseRoleErrors/remote without applicant_countries", "a cross-field rule: remote: true needs applicant_countries (e.g. [DE, AT]); Google drops remote jobs without them"],
  ["TestParseRoleErrors/applicant_countries without remote", "a cross-field rule: applicant_countries is only used with remote: true"],
  ["TestParseRoleErrors/applicant_countries scalar without remote", "a cross-field rule: applicant_countries is only used with remote: true"],
  ["TestParseRoleErrors/experience_in_place_of_education alone", "a cross-field rule: experience_in_place_of_education needs both experience_months and education"],
  ["TestParseRoleErrors/experience_in_place_of_education without education", "a cross-field rule: experience_in_place_of_education needs both experience_months and education"],
  ["TestParseRoleAccepts/toml", REASON.toml],
  ["TestParseRoleSalary/german thousands", REASON.thousands],
  ["TestParseRoleSalary/german thousands, small", REASON.thousands],
  ["TestParseRoleSalary/german thousands in toml", REASON.toml],
  ["TestParseRoleSalary/german thousands in a toml table", REASON.toml],
  ["TestParseRoleSalary/english thousands in toml text", REASON.toml],
  ["TestParseRoleSalary/three decimals", REASON.decimals],
  ["TestParseRoleSalary/below a cent", REASON.decimals],
  ["TestParseRoleSalary/exponent below a cent", REASON.decimals],
  ["TestParseRoleSalary/infinity in toml", REASON.toml],
  ["TestParseRoleSalary/nan in toml", REASON.toml],
  ["TestParseRoleSalary/underscores", REASON.underscore],
  ["TestParseRoleSalary/toml underscores and exponent", REASON.toml],
  ["TestParseRoleDateRange/toml valid_through year 1", REASON.toml],
  ["TestParseRoleDateRange/toml date_posted year 1", REASON.toml],
  ["TestParseRoleDateRange/toml lastmod before 1970", REASON.toml],
  ["TestParseRoleDateRange/toml last day allowed", REASON.toml],
  ["TestParseSiteErrors/broken yaml", REASON.yaml],
  ["TestParseSiteErrors/unclosed list", REASON.yaml],
  ["TestParseSiteErrors/unclosed list on line 1", REASON.yaml],
  ["TestParseSiteErrors/invalid utf-8", REASON.yaml],
  ["TestParseSiteErrors/nul", REASON.yaml],
  ["TestParseSiteErrors/duplicate category", REASON.dupcat],
  ["TestParseSiteErrors/key set twice", REASON.yaml],
]);

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
ajv.addKeyword('x-description-en');
addFormats(ajv);
const schemaDir = path.join(root, 'content', 'schema');
const validateRole = ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, 'role.schema.json'), 'utf8')));
const validateSite = ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, 'site.schema.json'), 'utf8')));

// frontMatter returns the YAML between the first two --- lines of a role
// file, or why there is none the schema could see.
function frontMatter(src) {
  // The build skips blank lines before the opening line.
  const text = src.replace(/^\ufeff/, '').replace(/^(?:[ \t]*\r?\n)+/, '');
  const lines = text.split('\n');
  const first = lines[0].replace(/\r$/, '');
  if (first === '+++') return { unseen: 'TOML front matter' };
  if (first !== '---') return { unseen: 'no --- line' };
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].replace(/\r$/, '') === '---') return { yaml: lines.slice(1, i).join('\n') + '\n' };
  }
  return { unseen: 'no closing --- line' };
}

// check validates YAML text; it returns the schema's errors, or unseen
// when the YAML does not parse (ajv never sees it).
function check(validate, yamlText) {
  const doc = YAML.parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) return { unseen: 'YAML error: ' + doc.errors[0].message.split('\n')[0] };
  const value = doc.toJS({ maxAliasCount: 100 });
  if (validate(value)) return { errors: [] };
  return { errors: validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`) };
}

let failures = 0;
const fail = (line) => { failures++; console.log('schema: FAIL ' + line); };

// 1. The sample site.
let sample = 0;
{
  const r = check(validateSite, fs.readFileSync(path.join(root, 'content', 'site.yaml'), 'utf8'));
  sample++;
  if (r.unseen || r.errors.length) fail(`content/site.yaml: ${r.unseen || r.errors.join('; ')}`);
  const rolesDir = path.join(root, 'content', 'roles');
  for (const name of fs.readdirSync(rolesDir, { recursive: true }).filter((n) => n.endsWith('.md')).sort()) {
    sample++;
    const fm = frontMatter(fs.readFileSync(path.join(rolesDir, name), 'utf8'));
    const r2 = fm.yaml === undefined ? fm : check(validateRole, fm.yaml);
    if (r2.unseen || r2.errors.length) fail(`content/roles/${name}: ${r2.unseen || r2.errors.join('; ')}`);
  }
}

// 2. The exported cases.
const casesFile = process.argv[2];
if (!casesFile) {
  console.error('usage: node quality/schema.mjs CASES.json (made by TestExportSchemaCases)');
  process.exit(2);
}
const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
let agreed = 0;
let excused = 0;
const used = new Set();
for (const c of cases) {
  const id = `${c.table}/${c.name}`;
  let r;
  if (c.file === 'site') {
    r = check(validateSite, c.source);
  } else {
    const fm = frontMatter(c.source);
    r = fm.yaml === undefined ? fm : check(validateRole, fm.yaml);
  }
  const schemaRejects = r.unseen !== undefined || r.errors.length > 0;
  const agrees = r.unseen === undefined && schemaRejects === c.rejected;
  const reason = CANNOT_EXPRESS.get(id);
  if (reason !== undefined) {
    used.add(id);
    if (agrees) fail(`${id}: listed as inexpressible (${reason}), but the schema agrees with the build: remove it from the list`);
    else excused++;
    continue;
  }
  if (agrees) {
    agreed++;
    continue;
  }
  const build = c.rejected ? `build rejects it (${c.messages.filter((m) => !m.includes(': warning: ')).join(' | ')})` : 'build accepts it';
  const schema = r.unseen ? `schema never sees it: ${r.unseen}` : schemaRejects ? `schema rejects it (${r.errors.join('; ')})` : 'schema accepts it';
  fail(`${id}: ${build}, ${schema}`);
}
for (const id of CANNOT_EXPRESS.keys()) {
  if (!used.has(id)) fail(`${id}: in the list of inexpressible cases, but no such case was exported`);
}
console.log(`schema: ${sample} sample files, ${cases.length} cases: ${agreed} agree, ${excused} listed as inexpressible, ${failures} failures`);
process.exit(failures ? 1 : 0);
