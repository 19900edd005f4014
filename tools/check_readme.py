#!/usr/bin/env python
"""Run the README's Quick start as a new user would: `noxire demo`, `cd noxire-demo`, then every ```python block of the
Quick start (up to `## Command line`) on its own, in a fresh interpreter, in that folder. A block fails when it raises
or when what it prints differs from the output the README shows under it. Closes with `N passed, N failed`."""
import argparse, re, subprocess, sys, tempfile
from pathlib import Path

def blocks(readme:str) -> list[tuple[str, str|None]]:
    "(code, shown output or None) of each python block between '## Quick start' and '## Command line'"
    text = readme.split('## Quick start', 1)[1].split('## Command line', 1)[0]
    parts = re.findall(r'```(python)?\n(.*?)\n```', text, re.S)
    out = []
    for i, (lang, body) in enumerate(parts):
        if lang != 'python': continue
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        out.append((body, nxt[1] if nxt is not None and nxt[0] != 'python' else None))
    return out

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--readme', default=str(Path(__file__).resolve().parent.parent/'README.md'))
    p.add_argument('--demo', help='an existing noxire-demo folder (default: run `noxire demo` in a temporary folder)')
    a = p.parse_args()
    demo = Path(a.demo) if a.demo else Path(tempfile.mkdtemp())/'noxire-demo'
    if not a.demo: subprocess.run(['noxire', 'demo', '--out', str(demo)], check=True, stdout=subprocess.DEVNULL)
    passed = failed = 0
    for i, (code, shown) in enumerate(blocks(Path(a.readme).read_text(encoding='utf-8')), 1):
        r = subprocess.run([sys.executable, '-c', code], cwd=demo, capture_output=True, text=True)
        got = r.stdout.rstrip('\n')
        ok = r.returncode == 0 and (shown is None or got == shown.rstrip('\n'))
        passed, failed = passed + ok, failed + (not ok)
        print(f"{'PASS' if ok else 'FAIL'} quick-start block {i}: {code.splitlines()[0]}")
        if not ok: print(r.stderr[-2000:] if r.returncode else f"printed:\n{got}\nREADME shows:\n{shown}")
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed or not passed else 0)

if __name__ == '__main__': main()
