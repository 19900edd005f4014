#!/usr/bin/env python
"""Check the built documentation site (`tools/build_docs.py`) in a real headless browser (Debian's chromium): every
page loads with its sidebar, every internal link and anchor resolves, and every plot the notebooks produced is on
its page and decodes. Closes with `N passed, N failed` (one test per page)."""
import argparse, json, re, shutil, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HARNESS = """<!DOCTYPE html><html><body><pre id="result">running</pre><iframe id="f" style="width:1200px;height:900px"></iframe>
<script>
const SITE = %(site)s, BASE = %(base)s, FILES = new Set(%(files)s);
const out = [], f = document.getElementById('f');
function check(page) {
  const d = f.contentDocument, r = {page, problems: [], links: 0, images: 0, plots: 0};
  if (!d || !d.querySelector('main')) { r.problems.push('page did not load (no <main>)'); return r; }
  if (!/- noxire_nb$/.test(d.title)) r.problems.push('title ' + JSON.stringify(d.title));
  const nav = d.querySelectorAll('nav#sidebar a');
  if (nav.length !== SITE.pages.length) r.problems.push('sidebar has ' + nav.length + ' links, the site ' + SITE.pages.length + ' pages');
  if (!d.querySelector('nav#sidebar a.current')) r.problems.push('sidebar does not mark the current page');
  r.links = 0;
  for (const a of d.querySelectorAll('a[href]')) {
    const h = a.getAttribute('href');
    if (/^(https?:|mailto:)/.test(h)) continue;
    r.links++;
    const [file, anchor] = h.split('#');
    const target = file === '' ? page : file;
    if (file !== '' && !FILES.has(file)) { r.problems.push('broken link ' + h); continue; }
    if (anchor && target === page && !d.getElementById(anchor) && !d.getElementById(decodeURIComponent(anchor)) && !d.getElementsByName(anchor).length) r.problems.push('missing anchor ' + h);
  }
  const imgs = [...d.querySelectorAll('img')];
  r.images = imgs.length; r.plots = imgs.filter(i => i.getAttribute('src').startsWith('data:image/png')).length;
  for (const i of imgs) if (!(i.complete && i.naturalWidth > 0)) r.problems.push('image does not decode: ' + i.getAttribute('src').slice(0, 40));
  if (r.plots < (SITE.images[page] || 0)) r.problems.push('plots: ' + r.plots + ' on the page, ' + SITE.images[page] + ' in the notebook');
  return r;
}
function next(i) {
  if (i >= SITE.pages.length) { document.getElementById('result').textContent = JSON.stringify(out); return; }
  const page = SITE.pages[i];
  f.onload = () => setTimeout(() => { out.push(check(page)); next(i + 1); }, 50);
  f.src = BASE + page;
}
next(0);
</script></body></html>"""

def browser() -> str:
    "The chromium executable"
    for b in ('chromium', 'chromium-browser', 'google-chrome'):
        if shutil.which(b): return shutil.which(b)
    raise SystemExit('check_docs: no chromium found (Debian: apt-get install chromium)')

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('site', nargs='?', default=str(ROOT/'_site'), help='the built site (default: _site/)')
    a = p.parse_args()
    site = Path(a.site).resolve()
    meta = json.loads((site/'site.json').read_text())
    files = sorted(x.name for x in site.iterdir() if x.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        h = Path(tmp)/'harness.html'
        h.write_text(HARNESS % {'site': json.dumps(meta), 'base': json.dumps(site.as_uri() + '/'), 'files': json.dumps(files)})
        r = subprocess.run([browser(), '--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files',
                            '--virtual-time-budget=600000', '--dump-dom', h.as_uri()], capture_output=True, text=True, timeout=600)
    m = re.search(r'<pre id="result">(.*?)</pre>', r.stdout, re.S)
    if not m or m.group(1) == 'running': print(r.stdout[-2000:], r.stderr[-2000:]); raise SystemExit('check_docs: the browser did not finish the check')
    results = json.loads(m.group(1).replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&').replace('&quot;', '"'))
    passed = failed = 0
    for x in results:
        ok = not x['problems']; passed += ok; failed += not ok
        print(f"{'PASS' if ok else 'FAIL'} {x['page']}: {x['links']} internal links, {x['images']} images ({x['plots']} plots)"
              + ''.join(f'\n    {q}' for q in x['problems']))
    missing = set(meta['pages']) - {x['page'] for x in results}
    for page in sorted(missing): print(f'FAIL {page}: not checked'); failed += 1
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
