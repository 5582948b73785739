"""Write every file of every case into a folder: render.py OUT_DIR [CASE_NAME_PREFIX]"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: render.py OUT_DIR [CASE_NAME_PREFIX]")
    out = Path(sys.argv[1])
    prefix = sys.argv[2] if len(sys.argv) > 2 else ""
    t0 = time.time()
    n = 0
    for c in corpus.cases():
        if not c.name.startswith(prefix):
            continue
        d = out / c.name
        d.mkdir(parents=True, exist_ok=True)
        for f in c.files:
            (d / f.name).write_bytes(f.build())
            n += 1
        (d / "case.json").write_text(json.dumps(
            {"item": c.item, "scenario": c.scenario, "expected": c.expected, "documents": c.documents,
             "files": {f.name: f.shows for f in c.files}}, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{n} files in {time.time() - t0:.1f}s -> {out}")


if __name__ == "__main__":
    main()
