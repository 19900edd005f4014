#!/usr/bin/env python
"""Write README.md from nbs/index.ipynb without Quarto (`nbdev-readme` needs Quarto, which cannot be installed here).

Markdown cells are copied; code cells become ```python blocks (nbdev directives removed, `#| hide` cells dropped,
`#| echo: false` shows only output) followed by their saved text outputs; image outputs (PNG) are written to `docs/images/readme_*.png` and shown with a
relative link. `--check` exits 1 when README.md or one of those pictures is stale (or a picture is left over)."""
import argparse, base64, json, re, sys
from pathlib import Path

IMAGES = 'docs/images'   # relative to the repository root, as README.md links them
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
        elif 'data' in o and not {'text/markdown', 'image/png'} & set(o['data']) and 'text/plain' in o['data']: out.append(''.join(o['data']['text/plain']))
    return ''.join(out).rstrip('\n')

def _markdown_outputs(cell):
    "Outputs displayed as Markdown (IPython.display.Markdown): copied as Markdown, so tables render"
    return '\n\n'.join(''.join(o['data']['text/markdown']).strip('\n') for o in cell.get('outputs', []) if 'text/markdown' in o.get('data', {}))

def _image_outputs(cell) -> list:
    "PNG outputs of a cell: [(file name under IMAGES, bytes)], named by the cell id and the output's position"
    pngs = [o['data']['image/png'] for o in cell.get('outputs', []) if 'image/png' in o.get('data', {})]
    return [(f"readme_{cell.get('id', 'cell')}_{k}.png", base64.b64decode(''.join(p) if isinstance(p, list) else p)) for k, p in enumerate(pngs)]

def nb2md(nb_path, images:dict|None=None):
    "Markdown text of the notebook at `nb_path`; its PNG outputs are linked from IMAGES and added to `images` (name -> bytes)"
    nb, parts = json.loads(Path(nb_path).read_text(encoding='utf-8')), []
    images = {} if images is None else images
    for cell in nb['cells']:
        src = ''.join(cell['source'])
        if cell['cell_type'] == 'markdown': parts.append(src.strip('\n')); continue
        if cell['cell_type'] != 'code': continue
        dirs, code = _split(src)
        if 'hide' in dirs or 'export' in dirs and 'exports' not in dirs: continue
        if code and dirs.get('echo', 'true').lower() != 'false': parts.append(f'```python\n{code}\n```')
        out = _outputs(cell)
        if out and dirs.get('output', 'true').lower() != 'false': parts.append(f'```\n{out}\n```')
        if dirs.get('output', 'true').lower() != 'false':
            parts.append(_markdown_outputs(cell))
            for name, data in _image_outputs(cell): images[name] = data; parts.append(f'![{name[:-4]}]({IMAGES}/{name})')
    return '\n\n'.join(p for p in parts if p) + '\n'

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--check', action='store_true', help='exit 1 if README.md differs from nbs/index.ipynb')
    a, root = p.parse_args(), Path(__file__).resolve().parent.parent
    header = '<!-- WARNING: generated from nbs/index.ipynb by tools/make_readme.py; edit the notebook. -->\n\n'
    images = {}; md = header + nb2md(root/'nbs'/'index.ipynb', images)
    readme, folder = root/'README.md', root/IMAGES
    old = {f.name for f in folder.glob('readme_*.png')} if folder.is_dir() else set()
    if a.check:
        stale = [n for n, b in images.items() if not (folder/n).exists() or (folder/n).read_bytes() != b] + sorted(old - set(images))
        if not readme.exists() or readme.read_text(encoding='utf-8') != md or stale:
            print('README.md is out of date with nbs/index.ipynb' + (f" (pictures: {', '.join(stale)})" if stale else '') +
                  ': run `python tools/make_readme.py`', file=sys.stderr)
            sys.exit(1)
        print(f'README.md (and {len(images)} picture(s) in {IMAGES}/) in sync with nbs/index.ipynb')
    else:
        if images: folder.mkdir(parents=True, exist_ok=True)
        for n in old - set(images): (folder/n).unlink()
        for n, b in images.items(): (folder/n).write_bytes(b)
        readme.write_text(md, encoding='utf-8'); print(f'wrote {readme} and {len(images)} picture(s) in {IMAGES}/')

if __name__ == '__main__': main()
