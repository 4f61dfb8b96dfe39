// Issue 7 item 1, structured data: Adobe's structured-data-validator (Google's
// rich-result rules plus the schema.org 30.0 vocabulary, offline) on every
// page, then the rules of shared/STRUCTURED-DATA.md that it does not know.
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import Validator from '@adobe/structured-data-validator';
import WebAutoExtractor from '@marbec/web-auto-extractor';
import {all, byTag, jsonLD, parse, text, visibleText} from '../lib/html.mjs';
import {qualityRoot, repoRoot} from '../lib/site.mjs';

const vocabulary = join(qualityRoot, 'testdata/schemaorg/schemaorg-current-https-30.0.jsonld');

// Validator findings that contradict Google's own documentation, accepted
// only where the condition holds. Each one is printed on every run.
export const acceptedFindings = [
  {
    message: 'Missing field "jobLocationType" (optional)',
    applies: (jp) => jp.jobLocation && jp.jobLocationType === undefined,
    reason: 'Google: jobLocationType is TELECOMMUTE for fully remote jobs only; an on-site role has jobLocation instead, and TELECOMMUTE there would be false (STRUCTURED-DATA.md rule 8: hybrid is not remote)',
  },
  {
    message: 'Missing field "applicantLocationRequirements" (optional)',
    applies: (jp) => jp.jobLocation && jp.jobLocationType === undefined,
    reason: 'Google: applicantLocationRequirements names where a remote worker may live; it does not apply to an on-site role with a jobLocation',
  },
];

const employmentTypes = ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'TEMPORARY', 'INTERN', 'VOLUNTEER', 'PER_DIEM', 'OTHER'];
const unitTexts = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'];
const isco08 = /ilo\.org\/.*isco/i;

// isoDate parses YYYY-MM-DD or RFC 3339 with an offset, rejecting dates that
// do not exist (2026-02-30); it returns the instant or NaN.
export function isoDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(s ?? '');
  if (!m) return NaN;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return NaN;
  if (m[4] !== undefined && (+m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59)) return NaN;
  return Date.parse(s);
}

// openRoles reads the role files' front matter (the oracle, independent of
// the generator): a role with date_posted whose valid_through has not passed
// is open. It returns the open slugs.
function openRoles(now) {
  const dir = join(repoRoot, 'content/roles');
  const open = new Set();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    const fm = /^(---|\+\+\+)\r?\n([\s\S]*?)\r?\n\1\r?\n/.exec(src)?.[2] ?? '';
    const field = (k) => new RegExp(`^${k}\\s*[:=]\\s*["']?([^"'\\s#]+)`, 'm').exec(fm)?.[1];
    const posted = field('date_posted');
    const until = field('valid_through');
    if (posted && (!until || now < Date.parse(until))) open.add(f.slice(0, -3));
  }
  return open;
}

const types = (v) => [].concat(v?.['@type'] ?? []);
const isType = (v, t) => types(v).includes(t);

function jobPostingProblems(jp, {now, agency, pageText}) {
  const out = [];
  const need = (ok, msg) => ok || out.push(msg);
  need(typeof jp.title === 'string' && jp.title.trim() && !/[<>]/.test(jp.title), 'title is not plain text');
  need(!/\d{4}-\d{2}-\d{2}|€|\d{2}\.\d{3}/.test(jp.title ?? ''), `title "${jp.title}" carries a date or salary`);
  need(typeof jp.description === 'string' && /<\w/.test(jp.description) && jp.description !== jp.title, 'description is not the HTML body');
  const descText = visibleText(parse(jp.description ?? ''));
  need(descText.length > 0 && pageText.includes(descText), 'description is not the text visible on the page');
  const posted = isoDate(jp.datePosted);
  const until = isoDate(jp.validThrough);
  need(!Number.isNaN(posted), `datePosted ${JSON.stringify(jp.datePosted)} is not a strict ISO 8601 date`);
  need(!Number.isNaN(until), `validThrough ${JSON.stringify(jp.validThrough)} is not a strict ISO 8601 date`);
  need(!(until < posted), 'validThrough is before datePosted');
  need(!(until <= now), `validThrough ${jp.validThrough} has passed`);
  const org = jp.hiringOrganization;
  need(isType(org, 'Organization') && typeof org.name === 'string' && org.name.trim(), 'hiringOrganization is not an Organization with a name');
  need(org?.name !== agency, `hiringOrganization is the agency "${agency}", not the employer`);
  if (jp.jobLocationType === 'TELECOMMUTE') {
    const req = [].concat(jp.applicantLocationRequirements ?? []);
    need(req.length > 0 && req.every((c) => isType(c, 'Country') && /^[A-Z]{2}$/.test(c.name)), 'remote role without applicantLocationRequirements of @type Country');
    need(/remote/i.test(pageText), 'remote role whose page does not say it is remote');
  } else {
    need(jp.jobLocationType === undefined, `jobLocationType ${JSON.stringify(jp.jobLocationType)} is not TELECOMMUTE`);
    const a = jp.jobLocation?.address;
    need(isType(jp.jobLocation, 'Place') && isType(a, 'PostalAddress'), 'jobLocation is not a Place with a PostalAddress');
    need(/^[A-Z]{2}$/.test(a?.addressCountry ?? '') && a?.addressLocality, 'jobLocation address lacks an ISO 3166 addressCountry or an addressLocality');
  }
  const et = [].concat(jp.employmentType ?? []);
  need(et.length > 0 && et.every((t) => employmentTypes.includes(t)), `employmentType ${JSON.stringify(jp.employmentType)} outside ${employmentTypes.join(', ')}`);
  const s = jp.baseSalary;
  need(isType(s, 'MonetaryAmount') && /^[A-Z]{3}$/.test(s.currency ?? ''), 'baseSalary is not a MonetaryAmount with an ISO 4217 currency');
  const v = s?.value;
  need(isType(v, 'QuantitativeValue') && typeof v.minValue === 'number' && typeof v.maxValue === 'number', 'baseSalary value minValue/maxValue are not JSON numbers');
  need(v?.minValue > 0 && v?.minValue <= v?.maxValue, 'baseSalary min is not in (0, max]');
  need(unitTexts.includes(v?.unitText), `unitText ${JSON.stringify(v?.unitText)} outside ${unitTexts.join(', ')}`);
  const id = jp.identifier;
  need(isType(id, 'PropertyValue') && typeof id.name === 'string' && id.name && typeof id.value === 'string' && id.value, 'identifier is not a PropertyValue with name and value');
  need(typeof jp.directApply === 'boolean', 'directApply is not a JSON boolean');
  if (jp.occupationalCategory !== undefined) {
    const c = jp.occupationalCategory;
    need(isType(c, 'CategoryCode') && /^\d{4}$/.test(c.codeValue) && isco08.test(c.inCodeSet ?? ''), 'occupationalCategory is not an ISCO-08 CategoryCode');
  }
  if (jp.experienceInPlaceOfEducation !== undefined) {
    need(typeof jp.experienceInPlaceOfEducation === 'boolean', 'experienceInPlaceOfEducation is not a JSON boolean');
    need(!jp.experienceInPlaceOfEducation || (jp.experienceRequirements && jp.educationRequirements), 'experienceInPlaceOfEducation without both requirements');
  }
  if (jp.experienceRequirements?.monthsOfExperience !== undefined) need(typeof jp.experienceRequirements.monthsOfExperience === 'number', 'monthsOfExperience is not a JSON number');
  return out;
}

function breadcrumbProblems(list, {site, doc}) {
  const out = [];
  const items = list.itemListElement ?? [];
  const visible = all(doc, (e) => e.name === 'nav' && /\bbreadcrumb\b/.test(e.attribs.class ?? '')).flatMap((nav) => all(nav, (e) => e.name === 'li').map(text));
  if (items.length < 2) out.push(`BreadcrumbList has ${items.length} items`);
  items.forEach((it, i) => {
    if (!isType(it, 'ListItem') || it.position !== i + 1) out.push(`ListItem ${i + 1} has position ${JSON.stringify(it.position)}`);
    if (i < items.length - 1) {
      const path = it.item?.startsWith(site.baseURL) ? '/' + it.item.slice(site.baseURL.length) : null;
      if (!path || !site.pages.some((p) => p.path === path && p.kind !== 'alias')) out.push(`ListItem ${i + 1} item ${it.item} is not the canonical URL of a page`);
    }
  });
  const names = items.map((it) => it.name);
  if (JSON.stringify(names) !== JSON.stringify(visible)) out.push(`breadcrumb names ${JSON.stringify(names)} differ from the visible breadcrumb ${JSON.stringify(visible)}`);
  return out;
}

export default {
  name: 'structured-data',
  title: '@adobe/structured-data-validator (schema.org 30.0, offline) and STRUCTURED-DATA.md rules',
  async run({site, log}) {
    const validator = new Validator(JSON.parse(readFileSync(vocabulary, 'utf8')));
    const now = Date.now();
    const open = openRoles(now);
    const failures = [];
    const counts = {errors: 0, warnings: 0, accepted: 0, blocks: 0, jobPostings: 0};
    const accepted = new Map();
    let agency;
    const home = site.pages.find((p) => p.kind === 'home');
    for (const page of [home, ...site.pages.filter((p) => p !== home)]) {
      const fail = (m) => failures.push(`${page.path}: ${m}`);
      const doc = parse(page.html);
      const raw = jsonLD(doc);
      counts.blocks += raw.length;
      const scripts = byTag(doc, 'script').length;
      const closings = (page.html.match(/<\/script/gi) || []).length;
      if (closings !== scripts) fail(`${closings} "</script" for ${scripts} script elements`);
      const blocks = [];
      raw.forEach((r, i) => {
        if (r.includes('<')) fail(`JSON-LD block ${i + 1} contains a raw "<"`);
        try {
          blocks.push(JSON.parse(r));
        } catch (e) {
          fail(`JSON-LD block ${i + 1} does not parse: ${e.message}`);
        }
      });
      const ofType = (t) => blocks.filter((b) => isType(b, t));

      // Adobe's validator over what web-auto-extractor finds in the page.
      const extracted = new WebAutoExtractor({addLocation: true, embedSource: ['rdfa', 'microdata']}).parse(page.html);
      for (const issue of await validator.validate(extracted)) {
        const jp = ofType(issue.rootType)[issue.path?.[0]?.index ?? 0];
        const rule = issue.rootType === 'JobPosting' && issue.path?.length === 1 && acceptedFindings.find((a) => a.message === issue.issueMessage && a.applies(jp));
        if (rule) {
          counts.accepted++;
          accepted.set(rule.message, rule.reason);
          continue;
        }
        counts[issue.severity === 'ERROR' ? 'errors' : 'warnings']++;
        fail(`validator ${issue.severity}: ${issue.issueMessage} at ${JSON.stringify(issue.path)}`);
      }

      const slug = page.path.split('/').at(-2);
      const wantJobPosting = page.kind === 'role' && open.has(slug) ? 1 : 0;
      const jps = ofType('JobPosting');
      counts.jobPostings += jps.length;
      if (jps.length !== wantJobPosting) fail(`${jps.length} JobPosting block(s), want ${wantJobPosting} (${page.kind}${page.kind === 'role' ? ', ' + (wantJobPosting ? 'open' : 'not open') : ''})`);
      const pageText = visibleText(all(doc, (e) => e.name === 'main')[0] ?? doc);
      for (const jp of jps) jobPostingProblems(jp, {now, agency, pageText}).forEach(fail);

      if (page.kind === 'home') {
        const [orgs, sites] = [ofType('Organization'), ofType('WebSite')];
        if (orgs.length !== 1 || sites.length !== 1) fail(`${orgs.length} Organization and ${sites.length} WebSite blocks, want 1 and 1`);
        const o = orgs[0] ?? {};
        if (!(o.name && o.url && o.logo && [].concat(o.sameAs ?? []).length)) fail('Organization lacks name, url, logo or sameAs');
        if (!(sites[0]?.name && sites[0]?.url === site.baseURL)) fail('WebSite lacks name or has a url other than base_url');
        agency = o.name;
      }
      const crumbs = ofType('BreadcrumbList');
      const wantCrumbs = page.kind === 'home' || page.kind === 'alias' ? 0 : 1;
      if (crumbs.length !== wantCrumbs) fail(`${crumbs.length} BreadcrumbList blocks, want ${wantCrumbs}`);
      for (const c of crumbs) breadcrumbProblems(c, {site, doc}).forEach(fail);
    }
    for (const [message, reason] of accepted) log(`accepted validator finding "${message}": ${reason}`);
    log(`${site.pages.length} pages, ${counts.blocks} JSON-LD blocks, ${counts.jobPostings} JobPostings (${open.size} open roles in content/): validator ${counts.errors} errors, ${counts.warnings} warnings, ${counts.accepted} accepted findings`);
    return {failures, summary: `validator ${counts.errors} errors, ${counts.warnings} warnings on ${site.pages.length} pages; ${counts.jobPostings} JobPostings`};
  },
};
