"""Benchmark: words linted per second by the built-in Vale engine on a ~1 MB generated
Markdown file with a style of 50 rules, against a baseline measured in the same run (a
plain regex scan of the same 50 rules' patterns over the same text).

    python benchmarks/vale_bench.py [--size-kb 1024] [--rules 50]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.vale import Engine

SENTENCE = (
    "the customer support team will review your request and reply within two "
    "business days please note that refunds are processed to the original payment "
    "method we apologize for the inconvenience very really simply just utilize "
    "leverage account order invoice shipping delivery tracking password email address"
)
WORDS = SENTENCE.split(" ")
WEASEL = [
    "very",
    "really",
    "simply",
    "just",
    "quite",
    "extremely",
    "fairly",
    "basically",
    "actually",
    "totally",
]


def make_markdown(target_bytes: int, seed: int = 1, wrap: int = 0) -> str:
    rnd = random.Random(seed)
    out: list[str] = []
    size = 0
    n = 0
    while size < target_bytes:
        n += 1
        kind = n % 7
        if kind == 0:
            block = f"## Section {n} about the {rnd.choice(WORDS)} policy\n"
        elif kind == 3:
            block = "\n".join(f"- {' '.join(rnd.choices(WORDS, k=8))}." for _ in range(3)) + "\n"
        elif kind == 5:
            block = "```\ncode sample TODO very\n```\n"
        else:
            sents = []
            for _ in range(4):
                w = rnd.choices(WORDS, k=rnd.randint(8, 18))
                w[0] = w[0].capitalize()
                sents.append(" ".join(w) + ".")
            block = " ".join(sents) + " See [the guide](https://example.com) and `code`.\n"
            if wrap:
                block = textwrap.fill(block, wrap, break_long_words=False, break_on_hyphens=False) + "\n"
        out.append(block)
        size += len(block) + 1
    return "\n".join(out)


def make_style(root: Path, count: int) -> list[str]:
    """Write ``count`` rules; return the regexes a plain scan would use."""
    style = root / "styles" / "Bench"
    style.mkdir(parents=True)
    patterns: list[str] = []
    kinds = ["existence", "substitution", "occurrence", "repetition", "capitalization"]
    for i in range(count):
        kind = kinds[i % len(kinds)]
        if kind == "existence":
            toks = [WEASEL[(i + j) % len(WEASEL)] for j in range(3)] + [f"zzword{i}"]
            body = (
                f"extends: existence\nmessage: \"Avoid '%s'.\"\nignorecase: true\n"
                f"tokens: [{', '.join(toks)}]\n"
            )
            patterns.append(r"(?i)\b(?:" + "|".join(toks) + r")\b")
        elif kind == "substitution":
            body = (
                f"extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\n"
                f"swap:\n  utilize: use\n  leverage: use\n  zzterm{i}: term\n"
            )
            patterns.append(r"\b(?:(utilize)|(leverage)|(zzterm" + str(i) + r"))\b")
        elif kind == "occurrence":
            body = (
                'extends: occurrence\nmessage: "Too long (%s)."\nscope: sentence\n'
                f"max: {20 + i}\ntoken: '\\b(\\w+)\\b'\n"
            )
            patterns.append(r"\b(\w+)\b")
        elif kind == "repetition":
            body = "extends: repetition\nmessage: \"'%s' is repeated!\"\nalpha: true\ntokens: ['[^\\s]+']\n"
            patterns.append(r"[^\s]+")
        else:
            body = (
                "extends: capitalization\nmessage: \"'%s' should be in sentence case\"\n"
                "scope: heading\nmatch: $sentence\n"
            )
            patterns.append(r"(?m)^#+ .*$")
        (style / f"R{i:02d}.yml").write_text(body, encoding="utf-8")
    (root / ".vale.ini").write_text(
        textwrap.dedent("""\
        StylesPath = styles
        MinAlertLevel = suggestion

        [*.md]
        BasedOnStyles = Bench
        """),
        encoding="utf-8",
    )
    return patterns


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-kb", type=int, default=1024)
    ap.add_argument("--rules", type=int, default=50)
    ap.add_argument(
        "--wrap", type=int, default=0, help="hard-wrap paragraphs at this column (0: one line per paragraph)"
    )
    ap.add_argument(
        "--split-kb", type=int, default=10, help="also lint the same text as files of this size (0: skip)"
    )
    a = ap.parse_args(argv)
    text = make_markdown(a.size_kb * 1024, wrap=a.wrap)
    words = len(text.split())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        patterns = make_style(root, a.rules)
        t0 = time.perf_counter()
        engine = Engine.from_config(root / ".vale.ini")
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        alerts = engine.lint_text(text, path="bench.md")
        t_lint = time.perf_counter() - t0
        t_split = 0.0
        parts: dict[str, str] = {}
        if a.split_kb:
            chunk, buf, size = 0, [], 0
            for block in text.split("\n\n"):
                buf.append(block)
                size += len(block) + 2
                if size >= a.split_kb * 1024:
                    parts[f"part{chunk:04d}.md"] = "\n\n".join(buf) + "\n"
                    chunk, buf, size = chunk + 1, [], 0
            if buf:
                parts[f"part{chunk:04d}.md"] = "\n\n".join(buf) + "\n"
            t0 = time.perf_counter()
            split_alerts = sum(len(v) for v in engine.lint_many(parts).values())
            t_split = time.perf_counter() - t0
    compiled = [re.compile(p) for p in patterns]
    t0 = time.perf_counter()
    hits = sum(1 for p in compiled for _ in p.finditer(text))
    t_base = time.perf_counter() - t0
    print(
        f"input: {len(text.encode()):,} bytes, {words:,} words, {text.count(chr(10)):,} lines; "
        f"style: {a.rules} rules"
    )
    print(
        f"engine: load {t_load:.2f} s, lint {t_lint:.2f} s, {len(alerts):,} alerts, "
        f"{words / t_lint:,.0f} words/s"
    )
    print(
        f"baseline (plain regex scan of the same patterns): {t_base:.2f} s, {hits:,} hits, "
        f"{words / t_base:,.0f} words/s"
    )
    print(f"ratio engine/baseline time: {t_lint / t_base:.1f}x")
    if parts:
        print(
            f"same text as {len(parts)} files of ~{a.split_kb} KB: lint {t_split:.2f} s, "
            f"{split_alerts:,} alerts, {words / t_split:,.0f} words/s, "
            f"ratio {t_split / t_base:.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
