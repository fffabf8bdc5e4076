"""Lexical terms are the same whether questions are answered one at a time or concurrently."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import snowballstemmer

from vectorstore.stemming import doc_terms
from vectorstore.text import words


def test_stemming_is_safe_across_threads():
    # Concurrent questions (the chat's sessions, a Runnable's batch) stem at the same time; a shared snowball
    # stemmer raised IndexError or returned another word's stem. Fresh words, so the stem cache cannot hide it.
    rng = random.Random(12)
    texts = [" ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyzéèàüö") for _ in range(rng.randint(4, 14)))
                      for _ in range(400)) for _ in range(40)]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda t: doc_terms(t, "fr"), texts))
    french = snowballstemmer.stemmer("french")
    assert got == [[french.stemWord(w) for w in words(t)] for t in texts]
