"""Write every file of every case into a folder: python render.py OUTDIR [case-name-substring]"""
import importlib.util
import json
import sys
from pathlib import Path

spec = importlib.util.spec_from_file_location("corpus_c", Path(__file__).with_name("corpus.py"))
corpus = importlib.util.module_from_spec(spec)
sys.modules["corpus_c"] = corpus
spec.loader.exec_module(corpus)


def main():
    out = Path(sys.argv[1])
    only = sys.argv[2] if len(sys.argv) > 2 else ""
    for case in corpus.cases():
        if only and only not in case.name:
            continue
        d = out / case.name
        d.mkdir(parents=True, exist_ok=True)
        for f in case.files:
            (d / f.name).write_bytes(f.build())
        (d / "case.json").write_text(json.dumps({
            "item": case.item, "scenario": case.scenario, "expected": case.expected, "documents": case.documents,
            "files": [{"name": f.name, "shows": f.shows} for f in case.files]}, ensure_ascii=False, indent=2))
        print(case.name, len(case.files))


if __name__ == "__main__":
    main()
