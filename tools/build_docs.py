#!/usr/bin/env python
"""Build the documentation site offline: every notebook of nbs/ executed (a copy; `slow` cells keep their saved
outputs), rendered to HTML with a sidebar in the order of nbs/sidebar.yml, the index as home page, plots embedded.

No Quarto and no network: the pages are static HTML with their own CSS and no script. `nbdev-docs`/`nbdev-preview`
(Quarto) still work where Quarto is installed; this builds the same content anywhere. Output: `_site/` (open
`_site/index.html`). `--no-exec` renders the notebooks as they are stored (fast, fewer outputs)."""
import argparse, html, json, re, shutil, subprocess, sys, tempfile
from pathlib import Path
import nbformat
from nbconvert import HTMLExporter
from pygments.formatters import HtmlFormatter

ROOT = Path(__file__).resolve().parent.parent
_dir = re.compile(r'^\s*#\s*\|\s*([\w-]+)\s*:?\s*(.*)$')

def page_order() -> list[str]:
    "Notebook names in the sidebar's order (nbs/sidebar.yml), the index first"
    names = re.findall(r'^\s*-\s*([\w.-]+\.ipynb)\s*$', (ROOT/'nbs'/'sidebar.yml').read_text(), re.M)
    return ['index.ipynb'] + [n for n in names if n != 'index.ipynb']

def prepare(nb):
    "Drop hidden cells, inputs of `echo: false` cells and the nbdev directive lines (what Quarto would do)"
    cells = []
    for c in nb.cells:
        c.metadata.pop('execution', None)      # execnb's timings: not in the notebook schema
        if c.cell_type != 'code': cells.append(c); continue
        lines = c.source.splitlines(); dirs = {}
        while lines and _dir.match(lines[0]):
            m = _dir.match(lines.pop(0)); dirs[m.group(1)] = m.group(2).strip().lower()
        if 'hide' in dirs or dirs.get('include') == 'false': continue
        c.source = '\n'.join(lines).strip('\n')
        if dirs.get('echo') == 'false': c.metadata['jupyter'] = {'source_hidden': True}; c.source = ''
        if dirs.get('output') == 'false': c.outputs = []
        if c.source or c.outputs: cells.append(c)
    nb.cells = cells
    return nb

def title_of(nb, name:str) -> str:
    "The notebook's first '# ' heading, else its file name"
    for c in nb.cells:
        if c.cell_type == 'markdown':
            m = re.search(r'^#\s+(.+)$', c.source, re.M)
            if m: return m.group(1).strip()
    return name

CSS = """body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#222}
nav#sidebar{position:fixed;top:0;left:0;bottom:0;width:250px;overflow:auto;background:#f6f7f9;border-right:1px solid #ddd;padding:16px 12px;box-sizing:border-box}
nav#sidebar a{display:block;padding:3px 6px;color:#234;text-decoration:none;border-radius:4px;font-size:14px}
nav#sidebar a.current{background:#dde6f3;font-weight:600} nav#sidebar .site{font-weight:700;font-size:17px;margin-bottom:10px}
main{margin-left:250px;padding:20px 40px;max-width:1100px} img{max-width:100%} table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left} pre{background:#f8f8f8;padding:8px;overflow:auto;border-radius:4px;font-size:13px}
.jp-InputArea pre,.input_area pre{background:#f2f5fa} .jp-OutputArea pre{background:#fff;border-left:3px solid #ddd}
code{font-size:90%} .jp-InputPrompt,.jp-OutputPrompt,.prompt{display:none}"""

def render(name:str, nb, pages:list, titles:dict) -> str:
    "One page: the sidebar and the notebook's cells"
    body, _ = HTMLExporter(template_name='basic').from_notebook_node(nb)
    body = re.sub(r'href="([\w.-]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
    links = '\n'.join(f'<a href="{Path(p).stem}.html"{" class=current" if p == name else ""}>{html.escape(titles[p])}</a>' for p in pages)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(titles[name])} - noxire_nb</title>\n'
            f'<style>{CSS}\n{HtmlFormatter().get_style_defs(".highlight")}</style></head>\n'
            f'<body><nav id="sidebar"><div class="site">noxire_nb</div>\n{links}\n</nav>\n<main>\n{body}\n</main></body></html>\n')

def execute(src:Path):
    "Run every notebook copy in `src` with the test runner, saving the outputs into the copies"
    r = subprocess.run([sys.executable, str(ROOT/'tools'/'test_nbs.py'), '--save', *sorted(map(str, src.glob('*.ipynb')))])
    if r.returncode: raise SystemExit('build_docs: some notebooks failed (see above); no site written')

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('-o', '--output', default=str(ROOT/'_site'), help='site folder (default: _site/)')
    p.add_argument('--no-exec', action='store_true', help='render the notebooks as stored, without executing them')
    a = p.parse_args()
    out = Path(a.output)
    with tempfile.TemporaryDirectory(dir=ROOT) as tmp:
        src = Path(tmp)/'nbs'; shutil.copytree(ROOT/'nbs', src)
        if not a.no_exec: execute(src)
        pages = [n for n in page_order() if (src/n).exists()]
        nbs = {n: prepare(nbformat.read(src/n, as_version=4)) for n in pages}
        titles = {n: title_of(nb, n) for n, nb in nbs.items()}
        if out.exists(): shutil.rmtree(out)
        out.mkdir(parents=True)
        for n, nb in nbs.items(): (out/f'{Path(n).stem}.html').write_text(render(n, nb, pages, titles), encoding='utf-8')
        images = {f'{Path(n).stem}.html': sum('image/png' in o.get('data', {}) for c in nb.cells if c.cell_type == 'code' for o in c.outputs) for n, nb in nbs.items()}
    (out/'site.json').write_text(json.dumps({'pages': [f'{Path(n).stem}.html' for n in pages], 'images': images}, indent=1))
    print(f'wrote {len(pages)} pages to {out} (open {out/"index.html"}); plots: {sum(images.values())}')

if __name__ == '__main__': main()
