#!/usr/bin/env python
"""Run every notebook in nbs/ as a test (nbdev's `test_nb`), in parallel, and close with `N passed, N failed, N skipped`.

Each notebook counts as one test: it passes when all of its (non-skipped) cells run without error.
Cells flagged with a `tst_flags` flag (`slow`) are skipped unless `--flags slow` is given. Cells whose checks could
not run on this machine (no real fixtures: `$NOXIRE_REAL_DATA` unset) call `noxire_nb.core.skip_cell`, and are
counted as skipped in the closing line."""
import argparse, os, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

_code = ("import sys; from nbdev.test import test_nb; ok, _ = test_nb(sys.argv[1], skip_flags=sys.argv[2].split(), "
         "force_flags=sys.argv[3].split(), save=sys.argv[4] == '1'); sys.exit(0 if ok else 1)")

def _run(fn, skip_flags, force_flags, save=False):
    "Test one notebook in a fresh interpreter (execnb replaces `__main__`, so processes are not reused); (name, ok, seconds, skipped cells)"
    t0 = time.time()
    with tempfile.NamedTemporaryFile('r', suffix='.skips') as log:
        env = {**os.environ, 'NOXIRE_SKIP_LOG': log.name}
        r = subprocess.run([sys.executable, '-c', _code, fn, ' '.join(skip_flags), ' '.join(force_flags), '1' if save else '0'], env=env)
        skipped = len(open(log.name, encoding='utf-8').read().splitlines())
    return fn, r.returncode == 0, time.time() - t0, skipped

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('paths', nargs='*', help='notebooks to run (default: all of nbs/)')
    p.add_argument('--flags', default='', help='space separated test flags to run (e.g. "slow")')
    p.add_argument('--save', action='store_true', help='write the outputs back into passing notebooks (docs, README)')
    p.add_argument('--workers', type=int, default=int(os.environ.get('NOXIRE_TEST_WORKERS', 2)))
    a = p.parse_args()
    root = Path(__file__).resolve().parent.parent
    from nbdev.config import get_config
    cfg = get_config(root)
    nbs = [Path(x).resolve() for x in a.paths] or sorted(
        f for f in (root/'nbs').glob('*.ipynb') if not f.name.startswith(('_', '.')))
    skip = [f for f in str(cfg.tst_flags).split() if f not in a.flags.split()]
    force = a.flags.split()
    t0, passed, failed, skipped = time.time(), [], [], 0
    with ThreadPoolExecutor(max_workers=a.workers) as ex:
        futs = [ex.submit(_run, str(fn), skip, force, a.save) for fn in nbs]
        for f in as_completed(futs):
            try: fn, ok, secs, sk = f.result()
            except Exception as e: fn, ok, secs, sk = '?', False, 0, 0; print(f'runner error: {e!r}', file=sys.stderr)
            (passed if ok else failed).append(Path(fn).name); skipped += sk
            print(f"{'PASS' if ok else 'FAIL'} {Path(fn).name} ({secs:.1f}s{f', {sk} cells skipped' if sk else ''})", flush=True)
    print(f'notebooks: {len(nbs)} in {time.time()-t0:.0f}s' + (f"; failed: {' '.join(sorted(failed))}" if failed else ''))
    if skipped: print(f'{skipped} test cells skipped: their real files are missing (set NOXIRE_REAL_DATA to the fixtures folder)')
    print(f'{len(passed)} passed, {len(failed)} failed, {skipped} skipped')
    sys.exit(1 if failed or not nbs else 0)

if __name__ == '__main__': main()
