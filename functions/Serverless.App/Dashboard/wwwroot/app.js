// The Serverless dashboard: a static page over the HTTP API. It keeps the API key in this tab's session storage
// only, sends it as x-api-key, and builds every element with textContent (no HTML from data).
'use strict';

const API = '/api/v1';
const KEY_STORAGE = 'serverless.apiKey';
const RUNNING = new Set(['Running', 'Pending', 'Suspended']);
const state = { labels: [], page: { stack: [], token: null, next: null }, filters: {}, timer: null, selected: new Set(), watchUntil: 0 };

// ---- DOM and formatting helpers -------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'testid') el.dataset.testid = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const main = () => document.getElementById('main');
const show = (...nodes) => main().replaceChildren(...nodes.flat().filter(n => n !== null && n !== undefined && n !== false));
const money = v => v === null || v === undefined ? '–' : Number(v) === 0 ? '$0' : '$' + Number(v).toFixed(Math.abs(v) < 0.01 ? 6 : 4);
const count = v => v === null || v === undefined ? '–' : Number(v).toLocaleString('en-US');
const percent = v => v === null || v === undefined ? '–' : (Number(v) * 100).toFixed(0) + '%';
const time = v => v ? new Date(v).toISOString().replace('T', ' ').replace(/\.\d+Z$|Z$/, 'Z') : '–';
function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 1) return Math.round(seconds * 1000) + ' ms';
  if (seconds < 120) return seconds.toFixed(1) + ' s';
  if (seconds < 7200) return (seconds / 60).toFixed(1) + ' min';
  return (seconds / 3600).toFixed(1) + ' h';
}
const docLink = (id, text) => h('a', { href: '#/documents/' + encodeURIComponent(id) }, text || id);
const badge = (status, text) => h('span', { class: 'badge ' + status, testid: 'status' }, text || status);
const rowStatus = r => r.waitingFor && r.label ? badge('review', 'Waiting for review') : badge(r.status);

function toast(message, isError) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = isError ? 'error' : '';
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 6000);
}

function table(headers, rows, testid) {
  return h('table', { testid },
    h('thead', {}, h('tr', {}, headers.map(c => h('th', { class: c.num ? 'num' : null }, c.title || c)))),
    h('tbody', {}, rows));
}

// ---- API -------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
  }
}

async function api(path, options = {}) {
  const headers = Object.assign({ 'x-api-key': sessionStorage.getItem(KEY_STORAGE) || '' }, options.headers || {});
  const init = Object.assign({}, options, { headers });
  if (options.json !== undefined) {
    init.body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(API + path, init);
  if (response.status === 401) {
    signOut('The API key was refused. Enter a valid key.');
    throw new ApiError(401, { detail: 'The API key was refused.' });
  }
  const text = await response.text();
  const body = text && (response.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : text;
  if (!response.ok) throw new ApiError(response.status, typeof body === 'object' ? body : null);
  return body;
}

// ---- Session ---------------------------------------------------------------------------------------------------

function signOut(message) {
  sessionStorage.removeItem(KEY_STORAGE);
  renderSignIn(message);
}

function renderSignIn(message) {
  stopTimer();
  document.getElementById('nav').hidden = true;
  document.getElementById('session').hidden = true;
  const input = h('input', { type: 'password', id: 'api-key', autocomplete: 'off', placeholder: 'x-api-key', required: true, testid: 'api-key' });
  const error = h('p', { class: 'error', testid: 'signin-error' }, message || '');
  const form = h('form', {
    class: 'panel signin', testid: 'signin',
    onsubmit: async event => {
      event.preventDefault();
      sessionStorage.setItem(KEY_STORAGE, input.value.trim());
      try {
        await loadTaxonomy();
        startSession();
      } catch (e) {
        if (e.status !== 401) error.textContent = e.message;
      }
    },
  },
  h('h1', {}, 'Sign in'),
  h('p', { class: 'muted' }, 'Enter an API key. The dashboard shows the key\'s tenant only; the key stays in this browser tab.'),
  h('div', { class: 'row' }, h('label', { class: 'field', for: 'api-key' }, 'API key', input), h('button', { type: 'submit', testid: 'signin-submit' }, 'Sign in')),
  error);
  show(form);
  input.focus();
}

async function loadTaxonomy() {
  const taxonomy = await api('/taxonomy');
  state.labels = taxonomy.labels.map(l => l.name);
}

function startSession() {
  document.getElementById('nav').hidden = false;
  document.getElementById('session').hidden = false;
  document.getElementById('session-label').textContent = 'Signed in with an API key';
  if (!location.hash || location.hash === '#/' || location.hash === '#') location.hash = '#/documents';
  else route();
}

// ---- Routing ---------------------------------------------------------------------------------------------------

function stopTimer() {
  clearTimeout(state.timer);
  state.timer = null;
}

function refreshIn(ms, render) {
  stopTimer();
  const hash = location.hash;
  state.timer = setTimeout(() => { if (location.hash === hash && !document.hidden) render(true); else if (location.hash === hash) refreshIn(ms, render); }, ms);
}

async function route() {
  stopTimer();
  if (!sessionStorage.getItem(KEY_STORAGE)) { renderSignIn(); return; }
  const [, page, id] = location.hash.split('/');
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.page === page);
  const pages = { documents: id ? () => renderDocument(decodeURIComponent(id)) : renderDocuments, review: renderReview, failures: renderFailures, usage: renderUsage, search: renderSearch };
  try {
    await (pages[page] || renderDocuments)();
  } catch (e) {
    if (e.status !== 401) show(h('div', { class: 'panel error', testid: 'page-error' }, e.message));
  }
  updateReviewCount();
}

async function updateReviewCount() {
  try {
    const waiting = await reviewRows();
    const el = document.getElementById('review-count');
    el.textContent = String(waiting.length);
    el.hidden = waiting.length === 0;
  } catch { /* the count is a hint; the page itself reports errors */ }
}

// ---- Documents -------------------------------------------------------------------------------------------------

function documentQuery(token) {
  const q = new URLSearchParams({ top: '25' });
  const f = state.filters;
  if (f.status) q.set('status', f.status);
  if (f.label) q.set('label', f.label);
  if (f.from) q.set('createdFrom', new Date(f.from + 'T00:00:00Z').toISOString());
  if (f.to) q.set('createdTo', new Date(f.to + 'T23:59:59Z').toISOString());
  if (token) q.set('continuationToken', token);
  return '/documents?' + q;
}

function documentRows(items) {
  return items.map(r => h('tr', { testid: 'document-row', 'data-instance-id': r.instanceId },
    h('td', {}, docLink(r.instanceId, r.fileName || r.instanceId), h('div', { class: 'muted' }, r.instanceId)),
    h('td', {}, rowStatus(r), r.step && RUNNING.has(r.status) ? h('div', { class: 'muted' }, r.step) : null),
    h('td', { testid: 'label' }, r.label || '–', r.decidedBy === 'human' ? h('div', { class: 'muted' }, 'by review') : null),
    h('td', { class: 'num' }, percent(r.confidence)),
    h('td', {}, r.entry || '–'),
    h('td', { class: 'num' }, count(r.tokens)),
    h('td', { class: 'num', testid: 'cost' }, money(r.cost)),
    h('td', { class: 'num' }, duration(r.durationSeconds)),
    h('td', {}, time(r.createdTime))));
}

async function renderDocuments(isRefresh) {
  const data = await api(documentQuery(state.page.token));
  state.page.next = data.continuationToken;
  const running = data.items.some(r => RUNNING.has(r.status) && !r.waitingFor);
  const body = table(
    ['Document', 'Status', 'Label', { title: 'Confidence', num: true }, 'Entry', { title: 'Tokens', num: true }, { title: 'Cost', num: true }, { title: 'Duration', num: true }, 'Created'],
    data.items.length ? documentRows(data.items) : [h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'No documents match.'))],
    'documents');
  if (isRefresh && document.querySelector('[data-testid="documents"]')) {
    document.querySelector('[data-testid="documents"]').replaceWith(body);
  } else {
    show(
      h('h1', {}, 'Documents'),
      uploadPanel(),
      filterPanel(),
      body,
      h('div', { class: 'pager' },
        h('button', { class: 'secondary', disabled: state.page.stack.length === 0, onclick: () => { state.page.token = state.page.stack.pop() || null; renderDocuments(); } }, 'Previous'),
        h('button', { class: 'secondary', testid: 'next-page', disabled: !state.page.next, onclick: () => { state.page.stack.push(state.page.token); state.page.token = state.page.next; renderDocuments(); } }, 'Next'),
        h('span', { class: 'muted' }, `Page ${state.page.stack.length + 1}`)));
  }
  // Refresh while something moves (not while it waits for a person), and for a while after an upload.
  if (running || Date.now() < state.watchUntil) refreshIn(2000, renderDocuments);
}

function uploadPanel() {
  const file = h('input', { type: 'file', name: 'file', required: true, testid: 'upload-file' });
  const confidential = h('input', { type: 'checkbox', name: 'confidential', testid: 'upload-confidential' });
  return h('form', {
    class: 'panel row', testid: 'upload',
    onsubmit: async event => {
      event.preventDefault();
      if (!file.files.length) return;
      const form = new FormData();
      form.append('file', file.files[0]);
      if (confidential.checked) form.append('confidential', 'true');
      try {
        const started = await api('/workflows', { method: 'POST', body: form });
        toast('Started ' + started.id);
        file.value = '';
        state.watchUntil = Date.now() + 30000;
        state.page = { stack: [], token: null, next: null };
        renderDocuments();
      } catch (e) {
        toast(e.message, true);
      }
    },
  },
  h('label', { class: 'field' }, 'Upload a document (PDF, image, Office, text)', file),
  h('label', { class: 'field' }, 'Confidential (stays in-house)', confidential),
  h('button', { type: 'submit', testid: 'upload-submit' }, 'Upload'));
}

function filterPanel() {
  const f = state.filters;
  const status = h('select', { testid: 'filter-status' }, ['', 'Running', 'Completed', 'Failed', 'Terminated', 'Pending', 'Suspended'].map(s => h('option', { value: s, selected: f.status === s }, s || 'any status')));
  const label = h('select', { testid: 'filter-label' }, ['', ...state.labels].map(s => h('option', { value: s, selected: f.label === s }, s || 'any label')));
  const from = h('input', { type: 'date', value: f.from || '', testid: 'filter-from' });
  const to = h('input', { type: 'date', value: f.to || '', testid: 'filter-to' });
  return h('form', {
    class: 'panel row', testid: 'filters',
    onsubmit: event => {
      event.preventDefault();
      state.filters = { status: status.value, label: label.value, from: from.value, to: to.value };
      state.page = { stack: [], token: null, next: null };
      renderDocuments();
    },
  },
  h('label', { class: 'field' }, 'Status', status),
  h('label', { class: 'field' }, 'Label', label),
  h('label', { class: 'field' }, 'Created from', from),
  h('label', { class: 'field' }, 'Created to', to),
  h('button', { type: 'submit', testid: 'filter-apply' }, 'Apply'));
}

// ---- One document ----------------------------------------------------------------------------------------------

async function renderDocument(id, isRefresh) {
  const d = await api('/documents/' + encodeURIComponent(id));
  const r = d.document;
  const resultBox = h('div', { testid: 'result-json' });
  const textBox = h('div', { testid: 'document-text' });
  const traceBox = h('div', { testid: 'document-trace' });
  const facts = [
    ['Status', rowStatus(r)], ['Step', r.step || '–'], ['Label', h('strong', { testid: 'document-label' }, r.label || '–')],
    ['Confidence', percent(r.confidence)], ['Decided by', r.decidedBy || '–'], ['Entry', r.entry || '–'],
    ['Tokens', count(r.tokens)], ['Cost', money(r.cost)], ['Duration', duration(r.durationSeconds)],
    ['Created', time(r.createdTime)], ['Pages', d.pageCount ?? '–'], ['Chunks', d.chunkCount ?? '–'], ['Language', d.language || '–'],
  ];
  if (r.error) facts.push(['Reason', h('span', { class: 'error', testid: 'document-error' }, r.error)]);
  show(
    h('p', {}, h('a', { href: '#/documents' }, '← Documents')),
    h('h1', { testid: 'document-title' }, r.fileName || r.instanceId),
    h('div', { class: 'panel' },
      h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('p', { class: 'row' },
        h('button', { class: 'secondary', testid: 'show-result', onclick: () => showJson(resultBox, '/workflows/' + encodeURIComponent(id) + '?showInput=false') }, 'Result JSON'),
        h('button', { class: 'secondary', testid: 'show-text', onclick: () => showText(textBox, id) }, 'Extracted text'),
        h('button', { class: 'secondary', testid: 'show-trace', onclick: () => showTrace(traceBox, id) }, 'Trace'),
        d.monitorUrl ? h('a', { href: d.monitorUrl, target: '_blank', rel: 'noopener', testid: 'monitor-link' }, 'Open in Durable Functions Monitor') : null)),
    r.waitingFor && r.label ? reviewForm(r, () => renderDocument(id)) : null,
    d.summary ? h('div', { class: 'panel' }, h('h2', {}, 'Summary'), h('p', { testid: 'summary' }, d.summary)) : null,
    d.rationale ? h('div', { class: 'panel' }, h('h2', {}, 'Why this label'), h('p', { testid: 'rationale' }, d.rationale)) : null,
    h('h2', {}, 'Timeline'),
    table(['Step', 'Attempt', 'Outcome', 'Started', 'When', { title: 'Duration', num: true }, 'Provider / model', { title: 'Tokens in', num: true }, { title: 'Tokens out', num: true }, { title: 'Cost', num: true }, 'Billed'],
      d.timeline.map(s => h('tr', { testid: 'timeline-row', 'data-step': s.step },
        h('td', {}, s.step, s.error ? h('div', { class: 'error' }, s.error) : null),
        h('td', { class: 'num' }, s.attempt),
        h('td', {}, badge(s.outcome)),
        h('td', {}, time(s.started)),
        h('td', { class: 'waterfall' }, waterfall(s, d.timeline, r)),
        h('td', { class: 'num' }, s.durationMs === null ? '–' : duration(s.durationMs / 1000)),
        h('td', {}, s.provider ? `${s.provider} / ${s.model}` : '–'),
        h('td', { class: 'num' }, count(s.inputTokens)),
        h('td', { class: 'num' }, count(s.outputTokens)),
        h('td', { class: 'num' }, money(s.cost)),
        h('td', { testid: 'billed' }, s.cached === null ? '–' : s.cached ? 'cached' : 'billed'))),
      'timeline'),
    h('h2', {}, 'Workflow events'),
    table(['Event', 'Name', 'Time', 'Detail'], d.events.map(e => h('tr', {}, h('td', {}, e.type), h('td', {}, e.name || ''), h('td', {}, time(e.time)), h('td', {}, e.detail || ''))), 'events'),
    traceBox,
    resultBox,
    textBox);
  if (RUNNING.has(r.status) && !r.waitingFor) refreshIn(2000, () => renderDocument(id, true));
}

// Where a step ran within the whole workflow, as a bar (a trace's waterfall, from the workflow's history).
function waterfall(step, steps, row) {
  const NS = 'http://www.w3.org/2000/svg';
  const start = new Date(row.createdTime).getTime();
  const ends = steps.map(s => new Date(s.ended || s.started).getTime());
  const end = Math.max(start + 1, new Date(row.lastUpdatedTime).getTime(), ...ends);
  const x = t => ((t - start) / (end - start)) * 200;
  const from = new Date(step.started).getTime();
  const to = step.ended ? new Date(step.ended).getTime() : end;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 200 10');
  svg.setAttribute('width', '200');
  svg.setAttribute('height', '10');
  const rect = document.createElementNS(NS, 'rect');
  rect.setAttribute('x', String(Math.max(0, x(from))));
  rect.setAttribute('width', String(Math.max(1.5, x(to) - x(from))));
  rect.setAttribute('y', '1');
  rect.setAttribute('height', '8');
  rect.setAttribute('fill', step.outcome === 'failed' ? '#b42318' : step.cached ? '#9aa5b8' : '#2f5bd3');
  svg.append(rect);
  return svg;
}

// The document's latest OpenTelemetry trace as the local host keeps it: spans indented under their parents, with bars.
async function showTrace(box, id) {
  try {
    const data = await api('/documents/' + encodeURIComponent(id) + '/trace');
    const trace = data.traces[0];
    const byId = new Map(trace.spans.map(s => [s.spanId, s]));
    const depth = s => { let d = 0; for (let p = byId.get(s.parentSpanId); p && d < 20; p = byId.get(p.parentSpanId)) d++; return d; };
    const start = new Date(trace.start).getTime();
    const NS = 'http://www.w3.org/2000/svg';
    const bar = s => {
      const svg = document.createElementNS(NS, 'svg');
      svg.setAttribute('viewBox', '0 0 300 10');
      svg.setAttribute('width', '300');
      svg.setAttribute('height', '10');
      const rect = document.createElementNS(NS, 'rect');
      const x = ((new Date(s.start).getTime() - start) / Math.max(1, trace.durationMs)) * 300;
      rect.setAttribute('x', String(Math.min(299, Math.max(0, x))));
      rect.setAttribute('width', String(Math.max(1.5, (s.durationMs / Math.max(1, trace.durationMs)) * 300)));
      rect.setAttribute('y', '1');
      rect.setAttribute('height', '8');
      const code = Number((s.tags || {})['http.response.status_code'] || 0);
      rect.setAttribute('fill', code >= 500 || (!code && s.status === 'Error') ? '#b42318' : s.kind === 'Client' ? '#00838f' : '#2f5bd3');
      svg.append(rect);
      return svg;
    };
    const rows = trace.spans.map(s => {
      const t = s.tags || {};
      const target = s.kind === 'Client' && t['server.address'] ? ` → ${t['server.address']}:${t['server.port'] || ''}` : '';
      const name = h('td', {}, s.name + target);
      name.style.paddingLeft = (8 + depth(s) * 16) + 'px';
      const code = t['http.response.status_code'];
      const failed = code ? Number(code) >= 500 : s.status === 'Error';
      return h('tr', { testid: 'trace-span' }, name, h('td', {}, s.kind), h('td', { class: 'waterfall' }, bar(s)),
        h('td', { class: 'num' }, duration(s.durationMs / 1000)),
        h('td', { class: failed ? 'error' : '' }, code ? 'HTTP ' + code : (s.statusDescription || (s.status === 'Unset' ? 'ok' : s.status))));
    });
    box.replaceChildren(h('h2', {}, 'Trace'),
      h('p', { class: 'muted' }, `Trace ${trace.traceId}: ${trace.spans.length} spans in ${duration(trace.durationMs / 1000)}` + (data.traces.length > 1 ? ` (the latest of ${data.traces.length}: a retried workflow has one per run)` : '')),
      table(['Span', 'Kind', 'When', { title: 'Duration', num: true }, 'Status'], rows, 'trace'));
  } catch (e) { toast(e.message, true); }
}

async function showJson(box, path) {
  try {
    const body = await api(path);
    box.replaceChildren(h('h2', {}, 'Result JSON'), h('pre', {}, JSON.stringify(body, null, 2)));
  } catch (e) { toast(e.message, true); }
}

async function showText(box, id) {
  try {
    const text = await api('/documents/' + encodeURIComponent(id) + '/text');
    box.replaceChildren(h('h2', {}, 'Extracted text'), ...text.pages.map(p => h('div', {}, h('div', { class: 'muted' }, `Page ${p.page} (${p.source})`), h('pre', {}, p.text))));
  } catch (e) { toast(e.message, true); }
}

// ---- Review ----------------------------------------------------------------------------------------------------

async function reviewRows() {
  const data = await api('/documents?status=Running&top=200');
  return data.items.filter(r => r.waitingFor && r.label);
}

function reviewForm(r, done) {
  const label = h('select', { testid: 'review-label' }, state.labels.map(l => h('option', { value: l, selected: l === r.label }, l)));
  const reviewer = h('input', { type: 'text', placeholder: 'your name', maxlength: 100, testid: 'review-reviewer' });
  const comment = h('input', { type: 'text', placeholder: 'comment (optional)', maxlength: 500 });
  return h('form', {
    class: 'panel row estimate', testid: 'review-form',
    onsubmit: async event => {
      event.preventDefault();
      try {
        await api(`/workflows/${encodeURIComponent(r.instanceId)}/raiseEvent/${encodeURIComponent(r.waitingFor)}`,
          { method: 'POST', json: { label: label.value, reviewer: reviewer.value || null, comment: comment.value || null } });
        toast(`Decision sent: ${label.value}`);
        await untilDecided(r.instanceId);
        done();
      } catch (e) { toast(e.message, true); }
    },
  },
  h('span', {}, 'The model says ', h('strong', {}, r.label), ` (${percent(r.confidence)}). Decide:`),
  label, reviewer, comment, h('button', { type: 'submit', testid: 'review-submit' }, 'Decide'));
}

// The workflow takes a raised event within moments: wait (up to 30 s) until it no longer waits for this review.
async function untilDecided(instanceId) {
  for (let i = 0; i < 30; i++) {
    const d = await api('/documents/' + encodeURIComponent(instanceId));
    if (!d.document.waitingFor) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

async function renderReview() {
  const rows = await reviewRows();
  show(
    h('h1', {}, 'Review queue'),
    h('p', { class: 'muted' }, 'Documents whose label the model was not sure of. A decision completes the workflow with that label and becomes an example for the tenant\'s classifier.'),
    rows.length === 0
      ? h('div', { class: 'panel muted', testid: 'review-empty' }, 'Nothing waits for a review.')
      : h('div', { testid: 'review-queue' }, rows.map(r => h('div', { class: 'panel', testid: 'review-item', 'data-instance-id': r.instanceId },
        h('div', {}, docLink(r.instanceId, r.fileName || r.instanceId), h('span', { class: 'muted' }, ` · waiting since ${time(r.lastUpdatedTime)} · ${r.entry || ''}`)),
        reviewForm(r, () => renderReview())))));
}

// ---- Failures and retry ----------------------------------------------------------------------------------------

async function renderFailures() {
  const [failed, rejections] = await Promise.all([api('/documents?status=Failed,Terminated&top=100'), api('/rejections?pageSize=50')]);
  state.selected = new Set([...state.selected].filter(id => failed.items.some(r => r.instanceId === id)));
  state.names = Object.fromEntries(failed.items.map(r => [r.instanceId, r.fileName || r.instanceId]));
  const estimateBox = h('div', { testid: 'estimate' });
  const selectAll = h('input', { type: 'checkbox', testid: 'select-all', onchange: e => { for (const c of document.querySelectorAll('input[data-retry]')) { c.checked = e.target.checked; toggle(c.dataset.retry, c.checked); } } });
  const toggle = (id, on) => { if (on) state.selected.add(id); else state.selected.delete(id); estimateBox.replaceChildren(); };
  show(
    h('h1', {}, 'Failures'),
    h('div', { class: 'panel row' },
      h('button', { testid: 'estimate-retry', onclick: () => estimate(estimateBox) }, 'Retry selected…'),
      h('span', { class: 'muted' }, 'Steps that had finished come from the step cache and bill nothing again; you see the estimate before anything runs.')),
    estimateBox,
    table([h('span', {}, selectAll), 'Document', 'Status', 'Reason', { title: 'Billed so far', num: true }, 'Entry', 'Failed at'],
      failed.items.length ? failed.items.map(r => h('tr', { testid: 'failure-row', 'data-instance-id': r.instanceId },
        h('td', {}, h('input', { type: 'checkbox', 'data-retry': r.instanceId, checked: state.selected.has(r.instanceId), testid: 'select-failure', onchange: e => toggle(r.instanceId, e.target.checked) })),
        h('td', {}, docLink(r.instanceId, r.fileName || r.instanceId)),
        h('td', {}, badge(r.status)),
        h('td', { class: 'error' }, r.error || ''),
        h('td', { class: 'num' }, money(r.cost)),
        h('td', {}, r.entry || '–'),
        h('td', {}, time(r.lastUpdatedTime)))) : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No failed workflows.'))],
      'failures'),
    h('h2', {}, 'Rejected inputs'),
    table(['Time', 'Entry', 'Name', 'Code', 'Reason'],
      rejections.items.length ? rejections.items.map(r => h('tr', { testid: 'rejection-row' }, h('td', {}, time(r.time)), h('td', {}, r.entry), h('td', {}, r.name), h('td', {}, r.code), h('td', {}, r.message)))
        : [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'Nothing was rejected.'))],
      'rejections'));
}

async function estimate(box) {
  const ids = [...state.selected];
  if (ids.length === 0) { toast('Select the failed workflows to retry.', true); return; }
  try {
    const e = await api('/documents/retry-estimate', { method: 'POST', json: { instanceIds: ids } });
    const retryable = e.items.filter(i => i.retryable).map(i => i.instanceId);
    box.replaceChildren(h('div', { class: 'panel estimate' },
      h('h2', {}, `Retry ${retryable.length} workflow(s)`),
      h('p', { testid: 'estimate-total' }, e.estimatedCost === null
        ? 'No completed workflow in the last ' + e.basisDays + ' days to estimate from: the cost is unknown.'
        : `Estimated bill: ${money(e.estimatedCost)} (${count(e.estimatedTokens)} tokens), at this tenant's average over ${e.basisWorkflows} workflow(s) completed in the last ${e.basisDays} days.`),
      table(['Document', 'From the cache (free)', 'Will run', { title: 'Estimate', num: true }],
        e.items.map(i => h('tr', { testid: 'estimate-row' },
          h('td', {}, (state.names && state.names[i.instanceId]) || i.instanceId), h('td', {}, i.cachedSteps.join(', ') || '–'),
          h('td', {}, i.retryable ? i.stepsToRun.join(', ') || 'nothing billed' : h('span', { class: 'error' }, 'not retried: ' + i.reason)),
          h('td', { class: 'num' }, money(i.estimatedCost))))),
      h('p', { class: 'row' },
        h('button', {
          testid: 'confirm-retry', disabled: retryable.length === 0,
          onclick: async () => {
            try {
              const r = await api('/documents/retry', { method: 'POST', json: { instanceIds: retryable } });
              toast(`Restarted ${r.restarted} workflow(s).`);
              state.selected.clear();
              renderFailures();
            } catch (err) { toast(err.message, true); }
          },
        }, 'Confirm retry'),
        h('button', { class: 'secondary', onclick: () => box.replaceChildren() }, 'Cancel'))));
  } catch (err) { toast(err.message, true); }
}

// ---- Usage -----------------------------------------------------------------------------------------------------

const PALETTE = ['#2f5bd3', '#1f7a4d', '#a86400', '#8e44ad', '#b42318', '#00838f', '#6d4c41', '#546e7a'];

async function renderUsage() {
  const days = Number(state.usageDays || 30);
  const to = new Date();
  const from = new Date(to.getTime() - days * 86400000);
  const u = await api(`/usage?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
  const tokens = t => t.inputTokens + t.outputTokens;
  const range = h('select', { testid: 'usage-range', onchange: e => { state.usageDays = e.target.value; renderUsage(); } },
    [7, 30, 90, 365].map(d => h('option', { value: d, selected: d === days }, `last ${d} days`)));
  const metric = state.usageMetric || 'cost';
  const metricSelect = h('select', { testid: 'usage-metric', onchange: e => { state.usageMetric = e.target.value; renderUsage(); } },
    [['cost', 'cost'], ['tokens', 'tokens']].map(([v, t]) => h('option', { value: v, selected: v === metric }, t)));
  show(
    h('h1', {}, 'Usage'),
    h('div', { class: 'panel row' }, h('label', { class: 'field' }, 'Range', range), h('label', { class: 'field' }, 'Chart', metricSelect)),
    h('div', { class: 'cards', testid: 'usage-cards' },
      card('Workflows ended', count(u.workflows), 'usage-workflows'),
      card('Completed', count(u.completed)), card('Failed', count(u.failed)),
      card('Tokens', count(tokens(u.total)), 'usage-tokens'),
      card('Cost', money(u.total.cost), 'usage-cost')),
    h('div', { class: 'panel chart', testid: 'usage-chart' }, h('h2', {}, (metric === 'cost' ? 'Cost' : 'Tokens') + ' per day and model'), usageChart(u.byDay, from, to, metric)),
    h('h2', {}, 'Per model'),
    table(['Model', { title: 'Input tokens', num: true }, { title: 'Output tokens', num: true }, { title: 'Cost', num: true }],
      Object.entries(u.byModel).map(([m, t]) => h('tr', { testid: 'usage-model-row' }, h('td', {}, m), h('td', { class: 'num' }, count(t.inputTokens)), h('td', { class: 'num' }, count(t.outputTokens)), h('td', { class: 'num' }, money(t.cost)))),
      'usage-models'),
    h('h2', {}, 'Per step'),
    table(['Step', { title: 'Tokens', num: true }, { title: 'Cost', num: true }],
      Object.entries(u.byStep).map(([s, t]) => h('tr', {}, h('td', {}, s), h('td', { class: 'num' }, count(tokens(t))), h('td', { class: 'num' }, money(t.cost)))),
      'usage-steps'),
    h('h2', {}, 'Per day'),
    table(['Day', 'Model', { title: 'Tokens', num: true }, { title: 'Cost', num: true }],
      Object.entries(u.byDay).flatMap(([day, models]) => Object.entries(models).map(([m, t]) => h('tr', { testid: 'usage-day-row' }, h('td', {}, day), h('td', {}, m), h('td', { class: 'num' }, count(tokens(t))), h('td', { class: 'num' }, money(t.cost))))),
      'usage-days'));
}

function card(label, value, testid) {
  return h('div', { class: 'card' }, h('div', { class: 'value', testid }, value), h('div', { class: 'label' }, label));
}

function usageChart(byDay, from, to, metric) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, ...children) => {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return el;
  };
  const days = [];
  for (let d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())); d <= to; d = new Date(d.getTime() + 86400000)) days.push(d.toISOString().slice(0, 10));
  const models = [...new Set(Object.values(byDay).flatMap(m => Object.keys(m)))].sort();
  const value = t => metric === 'tokens' ? t.inputTokens + t.outputTokens : Number(t.cost);
  const format = metric === 'tokens' ? v => count(Math.round(v)) : money;
  const cost = (day, model) => (byDay[day] && byDay[day][model] ? value(byDay[day][model]) : 0);
  const max = Math.max(1e-9, ...days.map(day => models.reduce((s, m) => s + cost(day, m), 0)));
  const W = 900, H = 240, left = 64, bottom = 28, top = 10;
  const bar = (W - left - 10) / days.length;
  const y = v => H - bottom - (v / max) * (H - bottom - top);
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': metric + ' per day and model', 'data-testid': 'usage-svg' });
  for (const tick of [0, 0.5, 1]) {
    chart.append(svg('line', { x1: left, x2: W - 10, y1: y(max * tick), y2: y(max * tick), stroke: '#dde1e8' }));
    chart.append(svg('text', { x: left - 6, y: y(max * tick) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#5d6678' }, format(max * tick)));
  }
  days.forEach((day, i) => {
    let base = 0;
    models.forEach((m, j) => {
      const v = cost(day, m);
      if (v <= 0) return;
      const rect = svg('rect', { x: left + i * bar + 1, width: Math.max(1, bar - 2), y: y(base + v), height: y(base) - y(base + v), fill: PALETTE[j % PALETTE.length], 'data-day': day, 'data-model': m });
      rect.append(svg('title', {}, `${day} · ${m}: ${format(v)}`));
      chart.append(rect);
      base += v;
    });
    if (days.length <= 31 ? i % Math.ceil(days.length / 10) === 0 : i % Math.ceil(days.length / 8) === 0) {
      chart.append(svg('text', { x: left + i * bar + bar / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 11, fill: '#5d6678' }, day.slice(5)));
    }
  });
  return h('div', {}, chart, h('div', { class: 'legend' }, models.length ? models.map((m, j) => h('span', {}, h('i', { class: 'swatch-' + (j % PALETTE.length) }), m)) : h('span', { class: 'muted' }, 'No billed usage in this range.')));
}

// ---- Search ----------------------------------------------------------------------------------------------------

async function renderSearch() {
  const q = h('input', { type: 'search', placeholder: 'Ask about your documents', size: 60, value: state.query || '', testid: 'search-query' });
  const results = h('div', { testid: 'search-results' });
  const run = async () => {
    state.query = q.value.trim();
    if (!state.query) return;
    try {
      const hits = await api('/search?k=10&q=' + encodeURIComponent(state.query));
      results.replaceChildren(h('div', { class: 'panel' }, hits.length === 0 ? h('p', { class: 'muted' }, 'No matches.') : hits.map(hit => h('div', { class: 'hit', testid: 'search-hit' },
        h('div', {}, hit.workflowId ? docLink(hit.workflowId, hit.documentName || hit.documentId) : (hit.documentName || hit.documentId),
          h('span', { class: 'muted' }, ` · page ${hit.page} · chunk ${hit.chunk} · score ${Number(hit.score).toFixed(3)}`)),
        h('div', {}, hit.text.length > 400 ? hit.text.slice(0, 400) + '…' : hit.text)))));
    } catch (e) { toast(e.message, true); }
  };
  show(
    h('h1', {}, 'Search'),
    h('form', { class: 'panel row', onsubmit: e => { e.preventDefault(); run(); } }, q, h('button', { type: 'submit', testid: 'search-submit' }, 'Search')),
    results);
  if (state.query) run();
}

// ---- Start -----------------------------------------------------------------------------------------------------

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out.'));
  if (sessionStorage.getItem(KEY_STORAGE)) loadTaxonomy().then(startSession, e => { if (e.status !== 401) renderSignIn(e.message); });
  else renderSignIn();
});
