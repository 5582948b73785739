"""Write every file of every case into a folder, for a human to look at.

usage: python render.py OUT_DIR [CASE_NAME_SUBSTRING ...]
Writes OUT_DIR/<case>/<file> and OUT_DIR/<case>/labels.json (expected statuses, documents, what each file shows).
"""
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402


def _one(args):
    case_name, out = args
    case = next(c for c in corpus.cases() if c.name == case_name)
    d = Path(out) / case.name
    d.mkdir(parents=True, exist_ok=True)
    for f in case.files:
        (d / f.name).write_bytes(f.build())
    (d / "labels.json").write_text(json.dumps({
        "item": case.item, "scenario": case.scenario, "expected": case.expected, "documents": case.documents,
        "files": {f.name: f.shows for f in case.files}}, ensure_ascii=False, indent=2), encoding="utf-8")
    return case.name, len(case.files)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    pats = sys.argv[2:]
    names = [c.name for c in corpus.cases() if not pats or any(p in c.name for p in pats)]
    t = time.time()
    with ProcessPoolExecutor(max_workers=2) as ex:
        n = 0
        for name, k in ex.map(_one, [(nm, out) for nm in names]):
            n += k
            print(f"{name}: {k} files", flush=True)
    print(f"{len(names)} cases, {n} files in {time.time() - t:.1f}s -> {out}")


if __name__ == "__main__":
    main()
