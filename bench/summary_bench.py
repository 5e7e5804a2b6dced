"""Times `kosi summary` over 1,000 generated drafts against loading the same files with plain
`yaml.safe_load` in the same run (target: within 2x), and one report render.

    python bench/summary_bench.py [--files 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402
from kosi_tui.core.session import Session  # noqa: E402
from kosi_tui.report.collect import collect_workshop  # noqa: E402
from kosi_tui.report.markdown import render_markdown  # noqa: E402
from kosi_tui.report.summary import render_summary  # noqa: E402
from kosi_tui.storage import canvas_file  # noqa: E402
from kosi_tui.storage.canvas_file import load_canvas  # noqa: E402
from kosi_tui.storage.draft_file import draft_to_yaml, load_draft  # noqa: E402


def generate(folder: Path, files: int) -> None:
    """Variations of the example draft: backing, budget and texts differ per participant."""
    example = load_draft(ROOT / "examples" / "innovationslabor.answers.yaml")
    rng = random.Random(7)
    for n in range(files):
        draft = example.model_copy(deep=True)
        draft.author = f"Teilnehmende {n}"
        draft.answers["mandat.rueckendeckung"] = rng.randint(1, 5)
        draft.answers["ressourcen.budget"] = rng.randint(0, 200) * 1000
        draft.answers["kopro.stufe_wirtschaft"] = rng.choice(
            ["information", "mitwirkung", "koproduktion"]
        )
        draft.answers["anlass.herausforderung"] += f"\nErgänzung {n}: " + "Text " * rng.randint(
            1, 40
        )
        (folder / f"p{n:04d}.yaml").write_text(draft_to_yaml(draft), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.files)
        files = sorted(folder.glob("*.yaml"))

        def baseline() -> None:
            for file in files:
                with file.open(encoding="utf-8") as fh:
                    yaml.safe_load(fh)

        def summary() -> None:
            canvas_file._LOADED.clear()
            render_summary(collect_workshop([folder], "de"), "de", today=dt.date(2027, 3, 16))

        def baseline_c() -> None:
            for file in files:
                with file.open(encoding="utf-8") as fh:
                    yaml.load(fh, Loader=yaml.CSafeLoader)

        base = median_ms(baseline, args.runs)
        base_c = median_ms(baseline_c, args.runs)
        ours = median_ms(summary, args.runs)

    canvas = load_canvas(ROOT / "canvases" / "innovationslabor.yaml")
    draft = load_draft(ROOT / "examples" / "innovationslabor.answers.yaml")

    def report() -> None:
        render_markdown(Session(canvas.compiled, draft.answers), draft, "de", dt.date(2027, 3, 16))

    render = median_ms(report, max(args.runs, 5))
    print(f"drafts: {args.files}")
    print(f"baseline yaml.safe_load of all files: {base:9.1f} ms (median of {args.runs})")
    print(f"(for reference: libyaml's CSafeLoader:  {base_c:9.1f} ms)")
    print(f"kosi summary (load, evaluate, render): {ours:9.1f} ms (median of {args.runs})")
    ratio = ours / base
    print(f"ratio: {ratio:.2f}x (target <= 2.00x) -> {'OK' if ratio <= 2 else 'OVER TARGET'}")
    print(f"ratio against CSafeLoader: {ours / base_c:.2f}x")
    print(f"one Markdown report of the example draft: {render:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
