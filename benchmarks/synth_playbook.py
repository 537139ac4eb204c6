"""Synthetic playbooks for the scale benchmarks: N scenarios made from the bundled ones.

Each synthetic scenario is a bundled scenario under a new id (`<id>-<n>`), with its `related:`
links pointing at the same copy, one extra paragraph in every reply, a short note at the end of
every paragraph but the greeting and sign-off, and one extra signal, all worded differently for
each copy (a product, a reference word, a number and one of several sentence shapes), so that no
two replies share their text or a paragraph of their own, and no cache or memo keyed by text can
make a large playbook look cheap. Every synthetic scenario passes every check, as the bundled ones do.

    .venv/bin/python benchmarks/synth_playbook.py 1000 /tmp/bench-1000   # writes a repository
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PRODUCTS = (
    "kettle",
    "toaster",
    "blender",
    "lamp",
    "heater",
    "fan",
    "speaker",
    "jacket",
    "chair",
    "desk",
    "rug",
    "mattress",
    "pillow",
    "backpack",
    "camera",
    "tablet",
    "keyboard",
    "monitor",
    "printer",
    "router",
    "charger",
    "headset",
    "watch",
    "bicycle",
    "helmet",
    "stroller",
    "cooker",
    "freezer",
    "dumbbell",
    "treadmill",
    "sofa",
    "wardrobe",
    "bookcase",
    "curtain",
    "duvet",
    "towel",
    "saucepan",
    "teapot",
    "grinder",
    "scale",
    "thermostat",
    "doorbell",
    "drill",
    "ladder",
)
WORDS = (
    "maple",
    "harbour",
    "copper",
    "meadow",
    "falcon",
    "willow",
    "granite",
    "lantern",
    "orchard",
    "summit",
    "cedar",
    "river",
    "saffron",
    "marble",
    "juniper",
    "comet",
    "pebble",
    "thistle",
    "beacon",
    "quartz",
    "aspen",
    "ember",
    "linen",
    "canyon",
    "heather",
    "violet",
    "coral",
    "birch",
)
SENTENCES = (
    "Your case reference is {word}-{n}, for the {product} order.",
    "I have noted this on case {word}-{n} so that nobody asks you again.",
    "Everything about your {product} is on case {word}-{n}.",
    "Quote {word}-{n} if you write to us about the {product} again.",
    "Your {product} order and this reply are filed under {word}-{n}.",
)
SIGNALS = (
    "my {product} order {n}",
    "problem with the {product} again",
    "{product} case {word}",
    "second time about the {product}",
)
NOTES = (
    "The {product} is on case {word}-{n}.",
    "Case {word}-{n} holds the details.",
    "I have noted this on {word}-{n}.",
    "The reference for this is {word}-{n}.",
)
_BODY = re.compile(r"^(?P<indent>[ ]+)body: \|\n", re.M)


def _vary_bodies(text: str, rng: random.Random, n: int) -> str:
    """In every reply body, one extra paragraph after the first and a short note at the end of
    every other paragraph but a one-line greeting and the sign-off, so that no two replies
    share a paragraph of their own (as in a real playbook, only greetings and sign-offs
    repeat: the linter remembers a paragraph's alerts, and copies must not make that cheap)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        m = _BODY.match(lines[i] + "\n")
        i += 1
        if not m:
            continue
        indent = m.group("indent") + "  "
        end = i
        while end < len(lines) and (lines[end].startswith(indent) or not lines[end].strip()):
            end += 1
        while end > i and not lines[end - 1].strip():
            end -= 1
        paragraphs: list[list[str]] = [[]]
        for line in lines[i:end]:
            if line.strip():
                paragraphs[-1].append(line)
            elif paragraphs[-1]:
                paragraphs.append([])
        for k, para in enumerate(paragraphs):
            greeting = len(para) == 1 and para[0].rstrip().endswith(",")
            if k < len(paragraphs) - 1 and not greeting:
                note = rng.choice(NOTES).format(word=rng.choice(WORDS), n=n, product=rng.choice(PRODUCTS))
                para.append(indent + note)
        if len(paragraphs) > 1:
            sentence = rng.choice(SENTENCES).format(word=rng.choice(WORDS), n=n, product=rng.choice(PRODUCTS))
            paragraphs.insert(1, [indent + sentence])
        out.append("\n\n".join("\n".join(p) for p in paragraphs))
        i = end
    return "\n".join(out)


def _vary_signals(text: str, rng: random.Random, n: int) -> str:
    signal = rng.choice(SIGNALS).format(product=rng.choice(PRODUCTS), n=n, word=rng.choice(WORDS))
    return re.sub(r"^signals:\n", f"signals:\n  - {signal}\n", text, count=1, flags=re.M)


def _relink(text: str, order: dict[str, int], copy: int, size: int) -> str:
    """`related:` points at the same copy of each linked scenario, dropped where that copy is
    beyond the playbook's size."""

    def one(m: re.Match[str]) -> str:
        items = [i.strip() for i in m.group(1).split(",") if i.strip()]
        kept = [f"{i}-{copy}" for i in items if i in order and copy * len(order) + order[i] < size]
        return "related: [" + ", ".join(kept) + "]" if kept else "related: []"

    return re.sub(r"^related: \[(.*)\]$", one, text, flags=re.M)


def make_repository(size: int, root: Path, seed: int = 0) -> Path:
    """A repository at `root` with the bundled policy, style and site files and `size` scenarios."""
    if root.exists():
        shutil.rmtree(root)
    (root / "playbooks").mkdir(parents=True)
    for name in ("templates", "styles", "docs"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", ".vale.ini"):
        shutil.copy(REPO / name, root / name)
    shutil.copy(REPO / "playbooks" / "policy.yaml", root / "playbooks" / "policy.yaml")
    sources = sorted((REPO / "playbooks").glob("*/*.yaml"))
    order = {p.stem: i for i, p in enumerate(sources)}
    rng = random.Random(seed)
    for k in range(size):
        source = sources[k % len(sources)]
        copy = k // len(sources)
        new_id = f"{source.stem}-{copy}"
        text = source.read_text(encoding="utf-8")
        text = text.replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1)
        text = _relink(text, order, copy, size)
        text = _vary_signals(text, rng, k)
        text = _vary_bodies(text, rng, k)
        target = root / "playbooks" / source.parent.name / f"{new_id}.yaml"
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: synth_playbook.py SIZE FOLDER")
    print(make_repository(int(sys.argv[1]), Path(sys.argv[2])))
