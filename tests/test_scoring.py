"""sacrebleu wrappers."""

from __future__ import annotations

import pytest

from transcheck.scoring import Scorer


def test_identical_sentence_scores_exactly_100() -> None:
    assert Scorer().sentence_chrf("The cat sat on the mat.", "The cat sat on the mat.") == 100.0


def test_corpus_scores_keys_and_ranges() -> None:
    scores = Scorer().corpus_scores(
        ["the cat sat on the mat", "hello"], ["the cat sat on a mat", "hi"]
    )
    assert set(scores) == {"chrf", "bleu", "ter"}
    assert 0 < scores["chrf"] < 100 and 0 < scores["bleu"] < 100 and scores["ter"] > 0


def test_identical_corpus() -> None:
    scores = Scorer().corpus_scores(["a b c d e"], ["a b c d e"])
    assert scores == {"chrf": 100.0, "bleu": 100.0, "ter": 0.0}


def test_signature_before_and_after_scoring() -> None:
    scorer = Scorer()
    sig = scorer.signature()  # must not raise before any score (BLEU needs one)
    assert "chrf: nrefs:1" in sig and "bleu:" in sig and "ter:" in sig and "version:" in sig
    scorer.corpus_scores(["x y"], ["x y"])
    assert scorer.signature() == sig


def test_length_mismatch_raises() -> None:
    with pytest.raises(ValueError):
        Scorer().corpus_scores(["a"], ["a", "b"])


def test_lazy_import() -> None:
    import subprocess
    import sys

    code = "import transcheck.scoring, sys; print('sacrebleu' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class CountingCache:
    """The get_many/put_many surface of TranslationCache, in memory, counting lookups."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], str] = {}
        self.puts = 0

    def get_many(self, ident, src, tgt, texts):
        return {t: self.data[ident, t] for t in texts if (ident, t) in self.data}

    def put_many(self, ident, src, tgt, items):
        for text, value in items:
            self.puts += 1
            self.data[ident, text] = value


def test_scores_are_read_back_from_the_cache() -> None:
    from transcheck.scoring import Scorer

    cache = CountingCache()
    hyps, refs = ["the cat sat", "a dog ran"], ["the cat sat down", "the dog ran"]
    first = Scorer().corpus_scores(hyps, refs, cache)
    chrfs = Scorer().sentence_chrfs(list(zip(hyps, refs, strict=True)), cache)
    puts = cache.puts
    assert Scorer().corpus_scores(hyps, refs, cache) == first
    assert Scorer().sentence_chrfs(list(zip(hyps, refs, strict=True)), cache) == chrfs
    assert cache.puts == puts  # nothing recomputed or stored again
    assert chrfs == [Scorer().sentence_chrf(h, r) for h, r in zip(hyps, refs, strict=True)]
