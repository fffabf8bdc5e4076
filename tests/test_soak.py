"""The soak bench's own measures: the memory trend and the index consistency check."""

from __future__ import annotations

from assistant.answer import Assistant
from bench.soak import index_consistency, rss_mb, slope_mb_per_min


def test_memory_slope_is_in_mib_per_minute():
    assert slope_mb_per_min([(t, 200 + 0.5 * t / 60) for t in range(0, 600, 10)]) == 0.5
    assert slope_mb_per_min([(t, 300.0) for t in range(0, 600, 10)]) == 0.0
    assert rss_mb(1) is None or rss_mb(1) > 0


def test_index_consistency_finds_chunks_whose_file_is_gone(fake_settings):
    bot = Assistant(fake_settings)
    clean = index_consistency(bot, fake_settings.corpus_dir)
    assert clean["chunks"] > 0 and clean["orphans"] == [] and clean["duplicate_ids"] == clean["duplicate_spans"] == 0
    assert clean["lexical_mismatch"] == 0
    bot.components.index.lexical.delete([bot.components.index.lexical.ids()[0]])  # behind Chroma's back
    assert index_consistency(bot, fake_settings.corpus_dir)["lexical_mismatch"] == 1
    gone = next(fake_settings.corpus_dir.glob("*.txt"))
    gone.unlink()  # removed behind the index's back
    assert index_consistency(bot, fake_settings.corpus_dir)["orphans"] == [gone.name]
