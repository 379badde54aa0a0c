// Shahed's reference dashboard: one page on the public API, with no build step and one library (ECharts, global
// `echarts`). Everything it shows comes from the API with the key or token it is given, so a partner key shows
// what a partner may read. Text from the API is only ever set as text (never as HTML).
import { words } from './i18n.js';

const $ = (selector, root = document) => root.querySelector(selector);
const SESSION = 'shahed.dashboard.session';
const LANGUAGE = 'shahed.dashboard.language';
/** Vocabularies whose codes the page shows as words. */
const VOCABULARIES = ['governorate', 'incident-type', 'party', 'confidence', 'involvement', 'link-type',
  'verification-status', 'age-group', 'sex', 'legal-instrument', 'conflict-classification', 'media-kind', 'role',
  'source-type', 'reliability', 'knowledge', 'evidence-kind', 'precision'];
/** Okabe–Ito colours: told apart with the common colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8C6D00', '#000000'];
/** Above this a location is drawn as the area it may be in, not as a point. */
const POINT_PRECISION_METRES = 1000;
/** Reported figures are read incident by incident: at most this many per chart. */
const MOST_REPORTED_INCIDENTS = 100;

let session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
let language = localStorage.getItem(LANGUAGE) === 'ar' ? 'ar' : 'en';
const thesauri = new Map();
let mapFeatures = [];
/** Who the key or token belongs to (GET /api/v1/me). */
let signedIn = null;

// ---- words, numbers, dates ------------------------------------------------------------------------------------

function t(key, params = {}) {
  let phrase = words[language][key] ?? words.en[key] ?? key;
  for (const [name, value] of Object.entries(params)) {
    phrase = phrase.replaceAll(`{${name}}`, value);
  }
  return phrase;
}

/** A text of the API in both languages ({en, ar}), in the page's language where there is one. */
function bilingual(value) {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  return value[language] ?? value.en ?? value.ar ?? Object.values(value)[0] ?? '';
}

const locale = () => (language === 'ar' ? 'ar-SY' : 'en-GB');
const number = (value) => (value == null ? '' : new Intl.NumberFormat(locale()).format(value));
const coordinate = (value) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 6 }).format(value);
/** Items in a list as the language writes one ("a, b, c" or "a، b، c"). */
const list = (items) => new Intl.ListFormat(locale(), { type: 'unit', style: 'short' }).format(items.filter(Boolean));

/** A count of the API ({min, max}: the same when exact, max absent when open-ended). */
function range(count) {
  if (!count || count.min == null) return '–';
  if (count.max == null) return `≥ ${number(count.min)}`;
  return count.min === count.max ? number(count.min) : `${number(count.min)}–${number(count.max)}`;
}

function day(iso, timeZone = 'UTC') {
  if (!iso) return '';
  const dateOnly = iso.length === 10;
  const moment = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: dateOnly ? 'UTC' : timeZone }).format(moment);
}

function month(key) {
  if (!/^\d{4}-\d{2}$/.test(key)) return label('precision', key);
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(`${key}-01T00:00:00Z`));
}

/** A code's label in the page's language, from the API's thesauri (the code itself when there is none). */
function label(vocabulary, code) {
  if (code == null) return '';
  return bilingual(thesauri.get(vocabulary)?.get(code)) || code;
}

/** An element with attributes and children (strings become text nodes). */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

function say(message) {
  $('#status').textContent = message ?? '';
}

// ---- the API -------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** GET one resource of the API as JSON, with the session's key or token; a problem becomes an ApiError. */
async function api(path, parameters = {}, given = session) {
  const url = new URL(`${given.api.replace(/\/+$/, '')}/api/v1/${path}`);
  for (const [name, value] of Object.entries(parameters)) {
    if (value != null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { Accept: 'application/json, application/geo+json' };
  if (given.kind === 'token') headers.Authorization = `Bearer ${given.credential}`;
  else headers['X-API-Key'] = given.credential;
  const response = await fetch(url, { headers, credentials: 'omit', cache: 'no-store' });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (notJson) {
      // the status says enough
    }
    throw new ApiError(response.status, detail);
  }
  return response.json();
}

/** Every page of a list ({items, next}), up to {@code most} items. */
async function all(path, parameters, most) {
  const items = [];
  let cursor;
  do {
    const page = await api(path, { ...parameters, cursor, limit: 100 });
    items.push(...page.items);
    cursor = page.next;
  } while (cursor && items.length < most);
  return items.slice(0, most);
}

/** Runs {@code task} over {@code items}, a few at a time (the caller's rate limit is shared by the page). */
async function eachFew(items, task, parallel = 4) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  }));
  return results;
}

async function loadThesauri() {
  await eachFew(VOCABULARIES, async (vocabulary) => {
    try {
      const answer = await api(`thesauri/${vocabulary}`);
      thesauri.set(vocabulary, new Map(answer.items.map((term) => [term.code, term.label])));
    } catch (error) {
      if (error.status !== 404) throw error;
    }
  });
}

function fillSelects() {
  for (const select of document.querySelectorAll('select[data-vocabulary]')) {
    const chosen = select.value;
    const terms = [...(thesauri.get(select.dataset.vocabulary) ?? new Map()).keys()];
    select.replaceChildren(el('option', { value: '', text: t('any') }),
      ...terms.map((code) => el('option', { value: code, text: label(select.dataset.vocabulary, code) })));
    select.value = chosen;
  }
}

// ---- signing in, language, views -----------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const candidate = { api: form.gateway.value, kind: form.kind.value, credential: form.credential.value.trim() };
  try {
    const me = await api('me', {}, candidate);
    session = candidate;
    sessionStorage.setItem(SESSION, JSON.stringify(session));
    form.credential.value = '';
    await start(me);
    if (!location.hash || location.hash === '#') location.hash = '#/map';
    else route();
  } catch (error) {
    say(t('signInFailed', { detail: error.message }));
  }
}

function signOut(message) {
  session = null;
  sessionStorage.removeItem(SESSION);
  $('#nav').hidden = true;
  $('#sign-out').hidden = true;
  signedIn = null;
  showIdentity();
  show('sign-in');
  say(message);
}

async function start(me) {
  signedIn = me;
  await loadThesauri();
  fillSelects();
  showIdentity();
  $('#nav').hidden = false;
  $('#sign-out').hidden = false;
}

function showIdentity() {
  $('#identity').textContent = signedIn
    ? t('signedInAs', { subject: signedIn.organisation || signedIn.subject, roles: (signedIn.roles || []).join(', ') }) : '';
}

function applyLanguage() {
  const root = document.documentElement;
  root.lang = language;
  root.dir = language === 'ar' ? 'rtl' : 'ltr';
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll('[data-i18n-aria]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAria));
  }
  const other = $('#language');
  other.lang = language === 'ar' ? 'en' : 'ar';
  other.textContent = language === 'ar' ? 'English' : 'العربية';
  document.title = `${t('title')} — ${t('subtitle')}`;
  fillSelects();
  showIdentity();
}

function show(view) {
  for (const section of document.querySelectorAll('main > section, main > article')) {
    section.hidden = section.id !== (view === 'sign-in' ? 'sign-in' : `view-${view}`);
  }
  for (const link of document.querySelectorAll('nav a')) {
    if (view.startsWith(link.dataset.view)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function route() {
  if (!session) {
    show('sign-in');
    return;
  }
  const [path, query] = (location.hash.slice(1) || '/map').split('?');
  const [view, id] = path.split('/').filter(Boolean);
  try {
    if (view === 'incidents' && id) await showIncident(decodeURIComponent(id));
    else if (view === 'incidents') await showIncidents(new URLSearchParams(query));
    else if (view === 'charts') await showCharts();
    else await showMap();
  } catch (error) {
    if (error.status === 401) signOut(t('signInFailed', { detail: error.message }));
    else say(t('failed', { detail: error.message }));
  }
}

/** The chart of a container, made once; drawn again from scratch with each option. */
function chartIn(id) {
  const container = document.getElementById(id);
  const chart = echarts.getInstanceByDom(container);
  if (chart) {
    chart.resize(); // the window may have changed while the view was hidden
    return chart;
  }
  return echarts.init(container);
}

/** What every chart shares: described for screen readers, drawn at once (no animation to wait for or to be
 *  distracted by), the legend naming each series once (the lighter part of a bar is explained beside the chart). */
function common(series) {
  return { aria: { enabled: true }, animation: false,
    legend: { top: 0, type: 'scroll', data: [...new Set(series.filter((s) => !s.rangeTop).map((s) => s.name))] } };
}

// ---- map -----------------------------------------------------------------------------------------------------

async function showMap() {
  show('map');
  if (!echarts.getMap('syria')) {
    const outline = await fetch(new URL('syria-governorates.geojson', document.baseURI)).then((r) => r.json());
    echarts.registerMap('syria', outline);
  }
  const collection = await api('incidents/export.geojson');
  mapFeatures = collection.features;
  drawMap();
}

/** The ring of points {@code metres} around a place, for an approximate location drawn as an area. */
function circle(longitude, latitude, metres) {
  const degreesLatitude = metres / 111320;
  const degreesLongitude = metres / (111320 * Math.cos((latitude * Math.PI) / 180));
  return Array.from({ length: 48 }, (_, i) => {
    const angle = (i / 48) * 2 * Math.PI;
    return [longitude + degreesLongitude * Math.cos(angle), latitude + degreesLatitude * Math.sin(angle)];
  });
}

const killedOf = (feature) => {
  const killed = feature.properties.casualtySummary?.killed;
  return killed ? (killed.max ?? killed.min ?? 0) : 0;
};
const isArea = (feature) => (feature.properties.precisionMetres ?? 0) > POINT_PRECISION_METRES;

function drawMap() {
  const by = $('#map-colour').value;
  const vocabulary = by === 'type' ? 'incident-type' : 'party';
  const categoryOf = (feature) => (by === 'type' ? feature.properties.types?.[0] : feature.properties.perpetrators?.[0]) ?? 'unknown';
  const categories = [...new Set(mapFeatures.map(categoryOf))];
  const governorates = Object.fromEntries([...(thesauri.get('governorate') ?? new Map()).keys()]
    .map((code) => [code, label('governorate', code)]));
  const series = [];
  categories.forEach((category, index) => {
    const colour = PALETTE[index % PALETTE.length];
    const name = label(vocabulary, category);
    const ofCategory = mapFeatures.filter((feature) => categoryOf(feature) === category);
    const datum = (feature, third) => ({ id: feature.properties.id, name: bilingual(feature.properties.title),
      value: [...feature.geometry.coordinates, third] });
    series.push({ type: 'scatter', coordinateSystem: 'geo', name, itemStyle: { color: colour, borderColor: '#fff', borderWidth: 1 },
      symbolSize: (value) => 8 + Math.sqrt(value[2]) * 2.5,
      data: ofCategory.filter((feature) => !isArea(feature)).map((feature) => datum(feature, killedOf(feature))) });
    series.push({ type: 'custom', coordinateSystem: 'geo', name, itemStyle: { color: colour },
      data: ofCategory.filter(isArea).map((feature) => datum(feature, feature.properties.precisionMetres)),
      renderItem: (params, shape) => ({ type: 'polygon',
        shape: { points: circle(shape.value(0), shape.value(1), shape.value(2)).map((point) => shape.coord(point)) },
        style: { fill: colour, opacity: 0.3, stroke: colour, lineWidth: 1.5, lineDash: [4, 3] } }) });
  });
  const chart = chartIn('map-chart');
  chart.setOption({
    ...common(series),
    tooltip: { trigger: 'item', renderMode: 'richText',
      formatter: (item) => (item.seriesType === 'custom'
        ? `${item.name}\n${t('precision')}: ${t('approximate', { metres: number(item.value[2]) })}`
        : `${item.name}\n${t('killed')}: ${number(item.value[2])}`) },
    geo: { map: 'syria', roam: true, nameMap: governorates, layoutCenter: ['50%', '52%'], layoutSize: '95%',
      itemStyle: { areaColor: '#f4f1ea', borderColor: '#7a7a7a' }, emphasis: { itemStyle: { areaColor: '#e9e2d0' } },
      tooltip: { show: false } },
    series,
  }, true);
  chart.off('click');
  chart.on('click', (item) => {
    if (item.data?.id) location.hash = `#/incidents/${item.data.id}`;
  });

  const rows = mapFeatures.map((feature) => {
    const properties = feature.properties;
    const [longitude, latitude] = feature.geometry.coordinates;
    const metres = properties.precisionMetres;
    return el('tr', { 'data-incident-id': properties.id },
      el('td', {}, el('a', { href: `#/incidents/${properties.id}`, text: bilingual(properties.title) })),
      el('td', { text: day(properties.start) }),
      el('td', { text: bilingual(properties.place) }),
      el('td', { class: 'number', 'data-longitude': longitude, 'data-latitude': latitude,
        text: list([coordinate(latitude), coordinate(longitude)]) }),
      el('td', { text: metres == null ? t('unknownPrecision')
        : t(metres > POINT_PRECISION_METRES ? 'approximate' : 'exact', { metres: number(metres) }) }),
      el('td', { class: 'number', text: range(properties.casualtySummary?.killed) }));
  });
  $('#map-table tbody').replaceChildren(...rows);
}

// ---- charts --------------------------------------------------------------------------------------------------

async function showCharts() {
  show('charts');
  say(t('loading'));
  const filters = { outcome: 'killed', fromMonth: $('#from-month').value, toMonth: $('#to-month').value };
  const aggregate = (groupBy) => api('casualty-aggregates', { ...filters, groupBy });
  const [byMonth, byGovernorate, byPerpetrator, byAgeAndSex, reported] = await Promise.all([
    aggregate('month'), aggregate('governorate'), aggregate('perpetrator'), aggregate('ageGroup,sex'),
    reportedByMonth(filters.fromMonth, filters.toMonth)]);
  drawRanges('month', byMonth.items, (key) => key.month, month, reported);
  drawRanges('governorate', byGovernorate.items, (key) => key.governorate, (code) => label('governorate', code));
  drawRanges('perpetrator', byPerpetrator.items, (key) => key.perpetrator, (code) => label('party', code));
  drawAgeAndSex(byAgeAndSex.items);
  say('');
}

/**
 * The sources' reported killed per month of the incidents' start: per incident, the range from the lowest to the
 * highest figure of its sources; summed over the month's incidents.
 */
async function reportedByMonth(fromMonth, toMonth) {
  const incidents = await all('incidents', {
    from: fromMonth ? `${fromMonth}-01` : null,
    to: toMonth ? lastDayOf(toMonth) : null,
  }, MOST_REPORTED_INCIDENTS * 5);
  // Counts are kept for incidents with casualty records (the others answer 404).
  const counted = incidents.filter((incident) => incident.casualtySummary).slice(0, MOST_REPORTED_INCIDENTS);
  const perIncident = await eachFew(counted, async (incident) => {
    const counts = await api(`casualty-counts/${incident.id}`);
    const killed = (counts.reported ?? []).map((report) => report.figures?.killed).filter((figure) => figure?.min != null);
    if (!killed.length) return null;
    return { month: incident.start.at.slice(0, 7), min: Math.min(...killed.map((k) => k.min)),
      max: Math.max(...killed.map((k) => k.max ?? k.min)) };
  });
  const byMonth = new Map();
  for (const figure of perIncident.filter(Boolean)) {
    const sum = byMonth.get(figure.month) ?? { min: 0, max: 0, incidents: 0 };
    byMonth.set(figure.month, { min: sum.min + figure.min, max: sum.max + figure.max, incidents: sum.incidents + 1 });
  }
  return byMonth;
}

function lastDayOf(yearMonth) {
  const [year, monthNumber] = yearMonth.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/** Two stacked bars draw a range: the lowest count, then the rest up to the highest, lighter. */
function rangeSeries(name, stack, colour, values) {
  return [
    { type: 'bar', name, stack, itemStyle: { color: colour }, data: values.map((v) => (v ? v.min : null)) },
    { type: 'bar', name: `${name}: ${t('rangeTop')}`, rangeTop: true, stack, itemStyle: { color: colour, opacity: 0.35 },
      data: values.map((v) => (v ? (v.max ?? v.min) - v.min : null)) },
  ];
}

function suppressedSeries(flags) {
  return { type: 'scatter', name: t('suppressed'), symbol: 'triangle', symbolSize: 12, itemStyle: { color: '#4a4a4a' },
    label: { show: true, position: 'top', formatter: t('suppressed'), color: '#4a4a4a' },
    data: flags.map((flag) => (flag ? 0 : null)) };
}

function axes(categories, labelOf) {
  return {
    xAxis: { type: 'category', inverse: language === 'ar', data: categories.map(labelOf), axisLabel: { interval: 0, rotate: categories.length > 6 ? 40 : 0 } },
    yAxis: { type: 'value', position: language === 'ar' ? 'right' : 'left', minInterval: 1,
      axisLabel: { formatter: (value) => number(value) } },
  };
}

function drawRanges(name, cells, keyOf, labelOf, reported) {
  const categories = [...new Set([...cells.map((cell) => keyOf(cell.key)), ...(reported ? reported.keys() : [])])].sort();
  const byKey = new Map(cells.map((cell) => [keyOf(cell.key), cell]));
  const named = categories.map((key) => byKey.get(key)?.count ?? null);
  const series = rangeSeries(t('named'), 'named', PALETTE[0], named);
  if (reported) series.push(...rangeSeries(t('reported'), 'reported', PALETTE[1], categories.map((key) => reported.get(key) ?? null)));
  series.push(suppressedSeries(categories.map((key) => byKey.get(key)?.suppressed === true)));
  chartIn(`chart-${name}`).setOption({
    ...common(series), grid: { containLabel: true, top: 40 },
    tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' },
      formatter: (items) => {
        const key = categories[items[0].dataIndex];
        const lines = [labelOf(key), `${t('named')}: ${byKey.get(key)?.suppressed ? t('suppressed') : range(byKey.get(key)?.count)}`];
        if (reported) lines.push(`${t('reported')}: ${range(reported.get(key))}`);
        return lines.join('\n');
      } },
    ...axes(categories, labelOf), series,
  }, true);

  const table = $(`#table-${name}`);
  const head = el('tr', {}, el('th', { scope: 'col', text: t(name === 'month' ? 'month' : name) }),
    el('th', { scope: 'col', text: t('named') }), reported ? el('th', { scope: 'col', text: t('reported') }) : null);
  const rows = categories.map((key) => el('tr', { 'data-key': key },
    el('th', { scope: 'row', text: labelOf(key) }),
    countCell('named', byKey.get(key)),
    reported ? countCell('reported', { count: reported.get(key) }) : null));
  table.replaceChildren(table.querySelector('caption'), el('thead', {}, head), el('tbody', {}, rows));
}

function countCell(kind, cell) {
  if (cell?.suppressed) return el('td', { class: `${kind} suppressed`, 'data-suppressed': 'true', text: t('suppressed') });
  const count = cell?.count;
  return el('td', { class: `${kind} number`, 'data-min': count?.min, 'data-max': count?.max ?? count?.min, text: range(count) });
}

function drawAgeAndSex(cells) {
  const ageGroups = [...new Set(cells.map((cell) => cell.key.ageGroup))].sort();
  const sexes = [...new Set(cells.map((cell) => cell.key.sex))].sort();
  const cellOf = (ageGroup, sex) => cells.find((cell) => cell.key.ageGroup === ageGroup && cell.key.sex === sex);
  const series = sexes.flatMap((sex, index) => rangeSeries(label('sex', sex), sex, PALETTE[(index + 2) % PALETTE.length],
    ageGroups.map((ageGroup) => cellOf(ageGroup, sex)?.count ?? null)));
  series.push(suppressedSeries(ageGroups.map((ageGroup) => sexes.some((sex) => cellOf(ageGroup, sex)?.suppressed))));
  const labelOf = (code) => label('age-group', code);
  chartIn('chart-age-sex').setOption({
    ...common(series), grid: { containLabel: true, top: 40 },
    tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' },
      formatter: (items) => {
        const ageGroup = ageGroups[items[0].dataIndex];
        return [labelOf(ageGroup), ...sexes.map((sex) => {
          const cell = cellOf(ageGroup, sex);
          return `${label('sex', sex)}: ${cell?.suppressed ? t('suppressed') : range(cell?.count)}`;
        })].join('\n');
      } },
    ...axes(ageGroups, labelOf), series,
  }, true);
  const table = $('#table-age-sex');
  const head = el('tr', {}, el('th', { scope: 'col' }), sexes.map((sex) => el('th', { scope: 'col', text: label('sex', sex) })));
  const rows = ageGroups.map((ageGroup) => el('tr', { 'data-key': ageGroup }, el('th', { scope: 'row', text: labelOf(ageGroup) }),
    sexes.map((sex) => countCell('named', cellOf(ageGroup, sex)))));
  table.replaceChildren(table.querySelector('caption'), el('thead', {}, head), el('tbody', {}, rows));
}

// ---- incidents -----------------------------------------------------------------------------------------------

let nextIncidents = null;
let incidentQuery = {};

async function showIncidents(parameters) {
  show('incidents');
  const form = $('#incident-filters');
  for (const field of form.elements) {
    if (field.name) field.value = parameters.get(field.name) ?? '';
  }
  incidentQuery = Object.fromEntries([...parameters.entries()].filter(([, value]) => value));
  $('#incident-list').replaceChildren();
  await moreIncidents(null);
}

async function moreIncidents(cursor) {
  const page = await api('incidents', { ...incidentQuery, limit: 20, cursor });
  const list = $('#incident-list');
  list.append(...page.items.map(incidentItem));
  if (!list.children.length) list.append(el('li', { text: t('noIncidents') }));
  nextIncidents = page.next;
  $('#more').hidden = !nextIncidents;
}

function incidentItem(incident) {
  const killed = incident.casualtySummary?.killed;
  return el('li', { 'data-incident-id': incident.id },
    el('a', { href: `#/incidents/${incident.id}`, text: bilingual(incident.title) }),
    el('div', { class: 'meta' }, [
      day(incident.start?.at, incident.timeZone),
      bilingual(incident.location?.placeName),
      list((incident.types ?? []).map((type) => label('incident-type', type))),
      killed ? `${t('killed')}: ${range(killed)}` : null,
    ].filter(Boolean).join(' · ')));
}

function searchIncidents(event) {
  event.preventDefault();
  const chosen = [...new FormData(event.target).entries()].filter(([, value]) => value);
  location.hash = `#/incidents?${new URLSearchParams(chosen)}`;
}

// ---- one incident, from its dossier ----------------------------------------------------------------------------

async function showIncident(id) {
  show('incident');
  const article = $('#view-incident');
  article.replaceChildren(el('p', { text: t('loading') }));
  const dossier = await api(`incidents/${encodeURIComponent(id)}/dossier`);
  const incident = dossier.incident;
  article.replaceChildren(...[
    el('p', {}, el('a', { href: '#/incidents', text: t('back') })),
    el('h2', { id: 'incident-title', text: bilingual(incident.title) }),
    el('p', { class: 'meta' }, `${t('reference')}: ${incident.reference} · ${day(incident.start?.at, incident.timeZone)} · `,
      list((incident.types ?? []).map((type) => label('incident-type', type)))),
    dossier.incomplete?.length ? el('p', { role: 'note', text: t('incompleteParts', { parts: dossier.incomplete.join(', ') }) }) : null,
    section('narrative', el('p', { text: bilingual(incident.narrative) })),
    placeSection(incident, dossier.areaControl?.items ?? []),
    perpetratorSection(dossier.perpetrators?.items ?? []),
    linkSection(dossier.linkedIncidents?.items ?? []),
    countsSection(dossier.casualtyCounts),
    testimonySection(dossier.testimonies?.items ?? []),
    legalSection(dossier.legalQualifications?.items ?? []),
    mediaSection(dossier.media?.items ?? []),
    reportSection(dossier.reports?.items ?? [])].filter(Boolean));
}

function section(titleKey, ...content) {
  return el('section', { id: `dossier-${titleKey}`, 'aria-labelledby': `dossier-${titleKey}-title` },
    el('h3', { id: `dossier-${titleKey}-title`, text: t(titleKey) }), ...content);
}

function placeSection(incident, control) {
  const location = incident.location ?? {};
  const areas = new Map((location.adminAreas ?? []).map((area) => [area.pcode, bilingual(area.name)]));
  const metres = location.precisionMetres;
  const onDay = incident.start?.at?.slice(0, 10);
  return section('placeAndControl',
    el('dl', {},
      el('dt', { text: t('place') }),
      el('dd', { text: list([bilingual(location.neighbourhood), bilingual(location.placeName), ...areas.values()]) }),
      location.latitude != null ? [el('dt', { text: t('coordinates') }),
        el('dd', { text: `${list([coordinate(location.latitude), coordinate(location.longitude)])} (${metres == null ? t('unknownPrecision') : t('exact', { metres: number(metres) })})` })] : null),
    el('h4', { text: t('areaControl', { date: day(onDay) }) }),
    el('ul', {}, control.map((period) => el('li', { 'data-party': period.party },
      `${areas.get(period.areaPcode) ?? period.areaPcode}: `,
      t('controlledBy', { party: label('party', period.party), from: day(period.validFrom), to: period.validTo ? day(period.validTo) : '…',
        source: period.source ?? '' })))));
}

function claimItem(claim) {
  return el('li', {}, el('blockquote', { text: claim.statement }),
    claim.source ? el('span', { class: 'meta', text: `${label('source-type', claim.source.type)} · ${claim.source.description ?? ''}` }) : null);
}

function perpetratorSection(perpetrators) {
  return section('perpetrators', perpetrators.map((perpetrator) => el('div', { 'data-party': perpetrator.party },
    el('h4', { text: label('party', perpetrator.party) }),
    el('dl', {},
      el('dt', { text: t('involvement') }), el('dd', { text: label('involvement', perpetrator.involvement) }),
      el('dt', { text: t('grade') }), el('dd', {}, el('span', { class: 'badge', text: label('confidence', perpetrator.confidence) })),
      el('dt', { text: t('basis') }), el('dd', { text: perpetrator.basis ?? '' })),
    perpetrator.claims?.length ? [el('h5', { text: t('claims') }), el('ul', {}, perpetrator.claims.map(claimItem))] : null)));
}

function linkSection(links) {
  return section('linked', el('ul', {}, links.map(({ link, incident }) => el('li', { 'data-link-type': link.type },
    el('span', { class: 'badge', text: label('link-type', link.type) }), ' ',
    incident ? el('a', { href: `#/incidents/${incident.id}`, text: bilingual(incident.title) }) : link.toIncident,
    link.intervalMinutes != null ? ` · ${t('interval', { minutes: number(link.intervalMinutes) })}` : '',
    link.firstRespondersHarmed ? ` · ${t('respondersHarmed')}` : ''))));
}

function countsSection(counts) {
  if (!counts) return section('counts', el('p', { text: t('noneShared') }));
  const reported = counts.reported ?? [];
  const figures = ['killed', 'children', 'women', 'men', 'injured', 'missing'];
  const head = el('tr', {}, el('th', { scope: 'col', text: t('figure') }), el('th', { scope: 'col', text: t('named') }),
    reported.map((report) => el('th', { scope: 'col', text: `${t('reported')}: ${t('sourceOn', { source: report.source, date: day(report.asOf) })}` })));
  const rows = figures.map((figure) => el('tr', { 'data-figure': figure },
    el('th', { scope: 'row', text: t(figure) }),
    countCell('named', { count: counts.named?.[figure] }),
    reported.map((report) => countCell('reported', { count: report.figures?.[figure] }))));
  return section('counts', el('div', { class: 'table-scroll' },
    el('table', { id: 'counts' }, el('caption', { text: t('counts') }), el('thead', {}, head), el('tbody', {}, rows))));
}

function testimonySection(testimonies) {
  return section('testimonies', testimonies.length ? testimonies.map((testimony) => el('div', { class: 'testimony' },
    el('h4', { text: `${testimony.witnessPseudonym ?? t('witness')} · ${label('role', testimony.witnessRole)}` }),
    el('p', { class: 'meta', text: t('interviewed', { date: day(testimony.interviewDate) }) }),
    el('blockquote', { lang: testimony.language === language ? testimony.language : (testimony.translations?.[language] ? language : testimony.language),
      text: testimony.language === language ? testimony.statement : (testimony.translations?.[language] ?? testimony.statement) })))
    : el('p', { text: t('noneShared') }));
}

function evidenceText(evidence) {
  const resolved = evidence.resolved;
  if (!resolved) return evidence.id ?? evidence.claimId ?? '';
  switch (evidence.kind) {
    case 'testimony': return `${resolved.witnessPseudonym ?? t('witness')}: ${(resolved.translations?.[language] ?? resolved.statement ?? '').slice(0, 160)}`;
    case 'claim': return `«${resolved.statement}» — ${resolved.source?.description ?? ''}`;
    default: return resolved.reference ?? resolved.id ?? '';
  }
}

function legalSection(qualifications) {
  return section('legal', qualifications.map((qualification) => el('div', { class: 'qualification' },
    el('h4', { text: `${label('legal-instrument', qualification.instrument)} ${qualification.provision ?? ''}` }),
    qualification.conflictClassification ? el('p', { class: 'meta', text: label('conflict-classification', qualification.conflictClassification) }) : null,
    el('ol', {}, (qualification.elements ?? []).map((element) => el('li', { class: 'element' },
      el('strong', { text: bilingual(element.element) }), ' ',
      el('span', { class: element.established ? 'established' : 'not-established', text: t(element.established ? 'established' : 'notEstablished') }),
      el('ul', {}, (element.evidence ?? []).map((evidence) => el('li', {},
        el('span', { class: 'badge', text: label('evidence-kind', evidence.kind) }), ' ', evidenceText(evidence))))))))));
}

function mediaSection(media) {
  return section('media', media.length ? el('div', { class: 'table-scroll' }, el('table', {},
    el('thead', {}, el('tr', {}, [t('reference'), t('type'), t('verification'), t('sha256')].map((name) => el('th', { scope: 'col', text: name })))),
    el('tbody', {}, media.map((item) => el('tr', { 'data-media-id': item.id },
      el('td', { text: item.reference }), el('td', { text: `${label('media-kind', item.kind)} (${item.mediaType})` }),
      el('td', {}, el('span', { class: 'badge', text: label('verification-status', item.verification?.status) })),
      el('td', { class: 'number', title: item.sha256, text: `${item.sha256?.slice(0, 16)}…` })))))) : el('p', { text: t('noneShared') }));
}

function reportSection(reports) {
  return section('reports', el('ul', {}, reports.map((report) => el('li', {}, el('strong', { text: bilingual(report.title) }),
    el('ul', {}, (report.conclusions ?? []).map((conclusion) => el('li', { text: bilingual(conclusion.text) })))))));
}

// ---- start ---------------------------------------------------------------------------------------------------

async function main() {
  $('#gateway-url').value = session?.api ?? new URLSearchParams(location.search).get('gateway') ?? location.origin;
  $('#sign-in-form').addEventListener('submit', signIn);
  $('#sign-out').addEventListener('click', () => signOut(''));
  $('#language').addEventListener('click', () => {
    language = language === 'ar' ? 'en' : 'ar';
    localStorage.setItem(LANGUAGE, language);
    applyLanguage();
    route();
  });
  $('#map-colour').addEventListener('change', drawMap);
  $('#chart-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    route();
  });
  $('#incident-filters').addEventListener('submit', searchIncidents);
  $('#more').addEventListener('click', () => moreIncidents(nextIncidents).catch((error) => say(t('failed', { detail: error.message }))));
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => document.querySelectorAll('.chart').forEach((c) => echarts.getInstanceByDom(c)?.resize()));
  applyLanguage();
  if (session) {
    try {
      await start(await api('me'));
    } catch (error) {
      signOut(t('signInFailed', { detail: error.message }));
      return;
    }
  }
  await route();
}

main();
