"""The speculative-decoding bench's own measures: reading llama.cpp's timings and summing up a setting."""

from __future__ import annotations

from bench.speculative import read_timings, summarize

# Timings as the llama.cpp server of xllamacpp returns them (a smoke run: no draft, then a draft model).
PLAIN = {"cache_n": 0, "prompt_n": 112, "prompt_ms": 3735.889, "prompt_per_token_ms": 33.356,
         "prompt_per_second": 29.979, "predicted_n": 8, "predicted_ms": 1271.48, "predicted_per_token_ms": 181.64,
         "predicted_per_second": 5.505395287381634}
DRAFTED = {**PLAIN, "prompt_ms": 6707.195, "predicted_ms": 1510.006, "predicted_per_second": 4.635743169232439,
           "draft_n": 10, "draft_n_accepted": 7}


def test_timings_from_the_server_with_and_without_a_draft():
    plain = read_timings({"timings": PLAIN, "usage": {"completion_tokens": 8}}, wall_s=5.0)
    assert plain["tokens"] == 8 and plain["prompt_tokens"] == 112
    assert plain["gen_tps"] == 5.51 and plain["tps_source"] == "server"
    assert plain["prompt_ms"] == 3735.9 and plain["gen_ms"] == 1271.5
    assert plain["drafted"] is None and plain["acceptance"] is None
    drafted = read_timings({"timings": DRAFTED}, wall_s=8.2)
    assert drafted["drafted"] == 10 and drafted["accepted"] == 7 and drafted["acceptance"] == 0.7


def test_without_timings_speed_comes_from_usage_and_wall_time():
    r = read_timings({"usage": {"completion_tokens": 40, "prompt_tokens": 300}}, wall_s=8.0)
    assert r["tokens"] == 40 and r["prompt_tokens"] == 300
    assert r["gen_tps"] == 5.0 and r["tps_source"] == "wall"
    assert r["gen_ms"] is None and r["acceptance"] is None


def test_summary_totals_acceptance_and_identical_outputs():
    def run(prompt, text, timings, wall):
        return {"prompt": prompt, "text": text, "total_s": wall, **read_timings({"timings": timings}, wall)}

    baseline = {"a": '{"found": true}', "b": "Plus de 90 [1]."}
    runs = [run("a", '{"found": true}', DRAFTED, 8.0),
            run("b", "Plus de 90 [2].", {**DRAFTED, "draft_n": 30, "draft_n_accepted": 3}, 10.0)]
    row = summarize("draft max 4", runs, baseline)
    assert row["identical_to_baseline"] == "1/2"
    assert row["acceptance"] == round(10 / 40, 3) and row["drafted/accepted"] == "40/10"
    assert row["tokens"] == 16 and row["gen_tps_overall"] == round(16 / (2 * 1.51), 2)
    assert row["total_s_sum"] == 18.0 and row["total_s_median"] == 9.0
    plain = summarize("no draft", [run("a", "x", PLAIN, 5.0)], None)
    assert plain["acceptance"] is None and plain["identical_to_baseline"] == ""
