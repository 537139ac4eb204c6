"""Punkt is loaded without NLTK's package start-up, and leaves NLTK importable as usual."""

from __future__ import annotations

import subprocess
import sys


def test_sentences_need_only_punkt_and_nltk_imports_whole_afterwards():
    code = (
        "import sys\n"
        "from generator.vale.nlp import segment_sentences\n"
        "print(segment_sentences('Hi Mr. Lee. It arrives by 5 p.m. today! Thanks.'))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'nltk'))\n"
        "import nltk\n"
        "print(callable(nltk.word_tokenize), hasattr(nltk.tokenize, 'punkt'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    sentences, modules, real = out.splitlines()
    assert sentences == "['Hi Mr. Lee.', 'It arrives by 5 p.m. today!', 'Thanks.']"
    assert modules == "[]", "nothing of the partial load is left for a later import to find"
    assert real == "True True"
