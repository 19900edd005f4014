#!/usr/bin/env python
"""Check the built documentation site (`tools/build_docs.py`) in a real headless browser (Debian's chromium), opened
from `file://` as a reader opens `_site/index.html`: every page loads with the sidebar in notebook order (current page
marked) and previous/next links, every internal link and anchor resolves (across pages), every picture decodes and
every plot the notebooks saved is on its page, every `show_doc` entry is there and the documented ones carry their
parameter table, no hidden cell is visible (no `#| hide` cell's code, no test imports, no `#|` line),
the search (material's, through the vendored file:// worker shim) finds a known function, and, where
`$NOXIRE_REAL_DATA` is set (the fixtures exist), no page shows a cell output 'skipped: NOXIRE_REAL_DATA unset'.
Closes with `N passed, N failed` (one test per page, one for the search)."""
import argparse, json, os, re, shutil, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KNOWN = {'build.html': ['save_to_hdf5', 'build'], 'hdf5.html': ['NoXiReHDF5', 'compression_options']}   # parameter tables a reader looks for
SEARCH_FOR = ('save_to_hdf5', 'build.html')

HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="result">running</pre><iframe id="f" style="width:1200px;height:900px"></iframe>
<script>
const SITE = %(site)s, BASE = %(base)s, KNOWN = %(known)s, SEARCH = %(search)s;
const out = {pages: [], search: null}, f = document.getElementById('f');
const txt = e => (e.textContent || '').trim();
function check(page, i) {
  const d = f.contentDocument, r = {page, problems: [], links: [], ids: [], images: 0, plots: 0, tables: 0, docs: 0};
  if (!d || !d.querySelector('.md-content')) { r.problems.push('page did not load (no .md-content)'); return r; }
  if (!/(^| - )noxire_nb$/.test(d.title)) r.problems.push('title ' + JSON.stringify(d.title));
  const order = [...d.querySelectorAll('nav.md-nav--primary > ul > li')].map(li => { const a = li.querySelector('a.md-nav__link'); return a ? a.getAttribute('href').split('#')[0] : page; });
  if (JSON.stringify(order) !== JSON.stringify(SITE.pages)) r.problems.push('sidebar order ' + JSON.stringify(order));
  if (!d.querySelector('nav.md-nav--primary .md-nav__link--active')) r.problems.push('sidebar does not mark the current page');
  const prev = d.querySelector('a.md-footer__link--prev'), next = d.querySelector('a.md-footer__link--next');
  if (i > 0 && (!prev || prev.getAttribute('href') !== SITE.pages[i - 1])) r.problems.push('no previous link to ' + SITE.pages[i - 1]);
  if (i < SITE.pages.length - 1 && (!next || next.getAttribute('href') !== SITE.pages[i + 1])) r.problems.push('no next link to ' + SITE.pages[i + 1]);
  r.ids = [...d.querySelectorAll('[id]')].map(e => e.id).concat([...d.querySelectorAll('a[name]')].map(e => e.name));
  for (const a of d.querySelectorAll('a[href]')) {
    const h = a.getAttribute('href');
    if (/^(https?:|mailto:|data:)/.test(h)) continue;
    r.links.push(h);
  }
  r.unset = [...d.querySelectorAll('.md-content .jp-OutputArea')].filter(e => /skipped: NOXIRE_REAL_DATA unset/.test(e.textContent)).length;
  const imgs = [...d.querySelectorAll('.md-content img')];
  r.images = imgs.length; r.plots = imgs.filter(i => i.getAttribute('src').startsWith('data:image/png')).length;
  for (const im of imgs) if (!(im.complete && im.naturalWidth > 0 && im.naturalHeight > 0)) r.problems.push('image does not decode: ' + im.getAttribute('src').slice(0, 40));
  if (r.plots < (SITE.images[page] || 0)) r.problems.push('plots: ' + r.plots + ' on the page, ' + SITE.images[page] + ' in the notebook');
  const sd = new Map();   // show_doc entries: their h3 heading text -> heading
  for (const h of d.querySelectorAll('.jp-OutputArea h3')) { const t = txt(h).replace(/\\u00b6$/, '').trim(); if (!sd.has(t)) sd.set(t, h); }
  r.docs = d.querySelectorAll('.jp-OutputArea h3').length;
  if (r.docs < (SITE.show_docs[page] || 0)) r.problems.push('show_doc entries: ' + r.docs + ' on the page, ' + SITE.show_docs[page] + ' in _proc');
  for (const nm of new Set((SITE.tables[page] || []).concat(KNOWN[page] || []))) {
    const h = sd.get(nm); if (!h) { r.problems.push('no show_doc entry for ' + nm); continue; }
    let t = null; for (let e = h.nextElementSibling; e && !/^H[1-3]$|^HR$/.test(e.tagName); e = e.nextElementSibling) { t = e.tagName === 'TABLE' ? e : e.querySelector('table'); if (t) break; }   // material wraps tables in divs
    if (!t || !/Details/.test(txt(t.querySelector('thead') || t)) || t.querySelectorAll('tbody tr').length < 1) r.problems.push('no parameter table under ' + nm);
    else r.tables++;
  }
  const code = [...d.querySelectorAll('.md-content .jp-InputArea pre, .md-content .jp-CodeCell .highlight pre')].map(txt);
  if (code.some(c => /^\\s*#\\s*\\|/m.test(c))) r.problems.push('a nbdev directive (#| ...) is visible');
  for (const c of code) if (/^(from fastcore\\.test import|import fastcore\\.test)/.test(c)) r.problems.push("the tests' imports are shown: " + c.split('\\n')[0]);
  for (const l of SITE.hidden[page] || []) if (code.some(c => c.split('\\n').some(x => x.trim() === l.trim()))) r.problems.push('hidden cell visible: ' + l);
  return r;
}
function search(tries) {
  const d = f.contentDocument, res = d && [...d.querySelectorAll('.md-search-result__item a, .md-search-result__link')];
  if (res && res.some(a => new URL(a.href).pathname.endsWith('/' + SEARCH[1]) && txt(a).includes(SEARCH[0]))) {
    out.search = {ok: true, hits: res.length, first: res.slice(0, 3).map(a => { const u = new URL(a.href); return u.pathname.split('/').pop() + u.hash; })}; return done(); }
  if (tries <= 0) { out.search = {ok: false, hits: res ? res.length : 0, first: res ? res.slice(0, 5).map(a => a.getAttribute('href') + ' ' + txt(a).slice(0, 60)) : [], meta: d && txt(d.querySelector('.md-search-result__meta') || d.body).slice(0, 120)}; return done(); }
  const q = d.querySelector('input.md-search__input');
  if (q && q.value !== SEARCH[0]) { q.focus(); q.value = SEARCH[0]; for (const ev of ['focus', 'input', 'keyup']) q.dispatchEvent(new Event(ev, {bubbles: true})); }
  setTimeout(() => search(tries - 1), 500);
}
function done() { document.getElementById('result').textContent = JSON.stringify(out); }
function next(i) {
  if (i >= SITE.pages.length) { f.onload = () => setTimeout(() => search(60), 1000); f.src = BASE + 'index.html'; return; }
  const page = SITE.pages[i];
  f.onload = () => setTimeout(() => { out.pages.push(check(page, i)); next(i + 1); }, 200);
  f.src = BASE + page;
}
next(0);
</script></body></html>"""

def browser() -> str:
    "The chromium executable"
    for b in ('chromium', 'chromium-browser', 'google-chrome'):
        if shutil.which(b): return shutil.which(b)
    raise SystemExit('check_docs: no chromium found (Debian: apt-get install chromium)')

FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run']

def run_harness(site:Path, meta:dict) -> dict:
    "Load every page in headless chromium from file:// and collect what the harness found"
    with tempfile.TemporaryDirectory() as tmp:
        h = Path(tmp)/'harness.html'
        h.write_text(HARNESS % {'site': json.dumps(meta), 'base': json.dumps(site.as_uri() + '/'),
                                'known': json.dumps(KNOWN), 'search': json.dumps(SEARCH_FOR)})
        r = subprocess.run([browser(), *FLAGS, f'--user-data-dir={tmp}/profile', '--allow-file-access-from-files',
                            '--virtual-time-budget=900000', '--dump-dom', h.as_uri()], capture_output=True, text=True, timeout=600)
    m = re.search(r'<pre id="result">(.*?)</pre>', r.stdout, re.S)
    if not m or m.group(1) == 'running': print(r.stdout[-2000:], r.stderr[-2000:]); raise SystemExit('check_docs: the browser did not finish the check')
    return json.loads(m.group(1).replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&amp;', '&'))

def link_problems(x:dict, ids:dict, files:set) -> list:
    "Internal links of one page whose file or anchor does not exist"
    probs = []
    for h in sorted(set(x['links'])):
        file, _, anchor = h.partition('#')
        file = file.split('?')[0] or x['page']
        if file not in files: probs.append(f'broken link {h}'); continue
        if anchor and file.endswith('.html') and file in ids and anchor not in ids[file]: probs.append(f'missing anchor {h}')
    return probs

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('site', nargs='?', default=str(ROOT/'_site'), help='the built site (default: _site/)')
    a = p.parse_args()
    site = Path(a.site).resolve()
    meta = json.loads((site/'site.json').read_text())
    res = run_harness(site, meta)
    files = {str(x.relative_to(site)) for x in site.rglob('*') if x.is_file()}
    ids = {x['page']: set(x['ids']) for x in res['pages']}
    passed = failed = 0
    for x in res['pages']:
        probs = x['problems'] + link_problems(x, ids, files)
        if os.environ.get('NOXIRE_REAL_DATA') and x.get('unset'):   # the fixtures exist: the page must show what they gave
            probs.append(f"{x['unset']} output(s) say 'skipped: NOXIRE_REAL_DATA unset' although NOXIRE_REAL_DATA is set: "
                         "rerun the notebook with it (`NOXIRE_REAL_DATA=... python tools/test_nbs.py nbs/X.ipynb --save`)")
        ok = not probs; passed += ok; failed += not ok
        print(f"{'PASS' if ok else 'FAIL'} {x['page']}: {len(set(x['links']))} internal links, {x['images']} images ({x['plots']} plots), "
              f"{x['docs']} show_doc entries ({x['tables']} parameter tables checked)" + ''.join(f'\n    {q}' for q in probs[:20])
              + (f'\n    ... {len(probs) - 20} more' if len(probs) > 20 else ''))
    for page in sorted(set(meta['pages']) - {x['page'] for x in res['pages']}): print(f'FAIL {page}: not checked'); failed += 1
    s = res.get('search') or {}
    ok = bool(s.get('ok'))
    if ok:   # the results lead somewhere
        probs = link_problems({'page': 'index.html', 'links': s['first']}, ids, files)
        if probs: ok = False; s['problems'] = probs
    print(f"{'PASS' if ok else 'FAIL'} search for {SEARCH_FOR[0]!r} from file://: " + (f"{s['hits']} results, first {s['first']}" if ok else json.dumps(s)))
    passed += ok; failed += not ok
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
