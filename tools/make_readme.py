#!/usr/bin/env python
"""Write README.md from nbs/index.ipynb without Quarto (`nbdev-readme` needs Quarto, which cannot be installed here).

Markdown cells are copied; code cells become ```python blocks (nbdev directives removed, `#| hide` cells dropped,
`#| echo: false` shows only output) followed by their saved text outputs. `--check` exits 1 when README.md is stale."""
import argparse, json, re, sys
from pathlib import Path

_directive = re.compile(r'^\s*#\s*\|\s*([\w-]+)\s*:?\s*(.*)$')

def _split(src):
    "Directives and code lines of a cell"
    lines, dirs, code = src.splitlines(), {}, []
    for i, l in enumerate(lines):
        m = _directive.match(l)
        if m and not code: dirs[m.group(1)] = m.group(2).strip()
        else: code.append(l)
    return dirs, '\n'.join(code).strip('\n')

def _outputs(cell):
    out = []
    for o in cell.get('outputs', []):
        if o.get('output_type') == 'stream': out.append(''.join(o['text']))
        elif 'data' in o and 'text/markdown' not in o['data'] and 'text/plain' in o['data']: out.append(''.join(o['data']['text/plain']))
    return ''.join(out).rstrip('\n')

def _markdown_outputs(cell):
    "Outputs displayed as Markdown (IPython.display.Markdown): copied as Markdown, so tables render"
    return '\n\n'.join(''.join(o['data']['text/markdown']).strip('\n') for o in cell.get('outputs', []) if 'text/markdown' in o.get('data', {}))

def nb2md(nb_path):
    "Markdown text of the notebook at `nb_path`"
    nb, parts = json.loads(Path(nb_path).read_text(encoding='utf-8')), []
    for cell in nb['cells']:
        src = ''.join(cell['source'])
        if cell['cell_type'] == 'markdown': parts.append(src.strip('\n')); continue
        if cell['cell_type'] != 'code': continue
        dirs, code = _split(src)
        if 'hide' in dirs or 'export' in dirs and 'exports' not in dirs: continue
        if code and dirs.get('echo', 'true').lower() != 'false': parts.append(f'```python\n{code}\n```')
        out = _outputs(cell)
        if out and dirs.get('output', 'true').lower() != 'false': parts.append(f'```\n{out}\n```')
        if dirs.get('output', 'true').lower() != 'false': parts.append(_markdown_outputs(cell))
    return '\n\n'.join(p for p in parts if p) + '\n'

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--check', action='store_true', help='exit 1 if README.md differs from nbs/index.ipynb')
    a, root = p.parse_args(), Path(__file__).resolve().parent.parent
    header = '<!-- WARNING: generated from nbs/index.ipynb by tools/make_readme.py; edit the notebook. -->\n\n'
    md = header + nb2md(root/'nbs'/'index.ipynb')
    readme = root/'README.md'
    if a.check:
        if not readme.exists() or readme.read_text(encoding='utf-8') != md:
            print('README.md is out of date with nbs/index.ipynb: run `python tools/make_readme.py`', file=sys.stderr)
            sys.exit(1)
        print('README.md is in sync with nbs/index.ipynb')
    else: readme.write_text(md, encoding='utf-8'); print(f'wrote {readme}')

if __name__ == '__main__': main()
