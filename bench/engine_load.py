"""Times loading a large canvas: check + compile + one full validation and progress computation,
against plain `yaml.safe_load` of the same file in the same run (target: within 3x).

    python bench/engine_load.py [--questions 2000] [--conditions 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from unittest import mock

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import median_ms
from kosi_tui.core.canvas import QUESTION_TYPES
from kosi_tui.core.session import Session
from kosi_tui.storage import canvas_cache, canvas_file
from kosi_tui.storage.canvas_file import load_canvas

TYPES = [t for t in QUESTION_TYPES if t not in ("table", "info")]


def generate(questions: int, conditions: int) -> str:
    """A canvas with `questions` questions in sections of 20, `conditions` of them with show_if."""
    lines = [
        "format: kosi-canvas/1", "id: bench", "version: 1.0.0", "languages: [de, en]",
        "title: {de: Bench, en: Bench}", "sections:",
    ]  # fmt: skip
    every = max(1, (questions - 20) // max(1, conditions))
    made = 0
    for s in range(0, questions, 20):
        lines += [
            f"  - id: s{s // 20}",
            f"    title: {{de: Abschnitt {s}, en: Section {s}}}",
            "    questions:",
        ]
        for q in range(s, min(s + 20, questions)):
            kind = TYPES[q % len(TYPES)]
            lines += [
                f"      - id: q{q}",
                f"        type: {kind}",
                f"        label: {{de: Frage {q}, en: Question {q}}}",
                f"        help: {{de: Hilfe {q}, en: Help {q}}}",
                f"        required: {str(q % 3 == 0).lower()}",
            ]
            if kind in ("single_choice", "multi_choice"):
                lines.append(
                    "        choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]"
                )
            if q % every == 0 and made < conditions and q >= 20:
                # The last scale question of the previous section.
                prev = max(p for p in range(s - 20, s) if TYPES[p % len(TYPES)] == "scale")
                lines.append(
                    f'        show_if: "s{prev // 20}.q{prev} >= 3 or s{prev // 20}.q{prev} is empty"'
                )
                made += 1
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--conditions", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(generate(args.questions, args.conditions), encoding="utf-8")
        loaded = load_canvas(path)
        compiled = loaded.compiled
        conditions = len(compiled.show_if)

        def baseline() -> None:
            with path.open(encoding="utf-8") as fh:
                yaml.safe_load(fh)

        def ours() -> None:
            # The real work: neither the in-process cache nor the one on disk.
            canvas_file._LOADED.clear()
            with mock.patch.object(canvas_cache, "get", return_value=None):
                session = Session(load_canvas(path).compiled)
            for key in session.compiled.questions:
                session.issues(key)
            session.progress()

        def baseline_c() -> None:
            with path.open(encoding="utf-8") as fh:
                yaml.load(fh, Loader=yaml.CSafeLoader)

        base = median_ms(baseline, args.runs)
        base_c = median_ms(baseline_c, args.runs)
        engine = median_ms(ours, args.runs)
        size = path.stat().st_size
    print(f"canvas: {len(compiled.questions)} questions, {conditions} conditions, {size} bytes")
    print(f"baseline yaml.safe_load:                 {base:8.1f} ms (median of {args.runs})")
    print(f"(for reference: libyaml's CSafeLoader:   {base_c:8.1f} ms)")
    print(f"load + check + validate all + progress:  {engine:8.1f} ms (median of {args.runs})")
    ratio = engine / base
    print(f"ratio: {ratio:.2f}x (target <= 3.00x) -> {'OK' if ratio <= 3 else 'OVER TARGET'}")
    print(f"ratio against CSafeLoader: {engine / base_c:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
