"""``Dataset.memo``: derived figures kept per snapshot, computed once even under a burst."""

import threading
import time

import pytest

import geo


@pytest.fixture
def dataset(tiny_folder):
    return geo.load_dataset(tiny_folder)  # a fresh snapshot: an empty memo


def test_a_burst_of_callers_computes_a_key_once(dataset):
    calls, results = [], []
    start = threading.Barrier(8)

    def compute():
        calls.append(1)
        time.sleep(0.2)  # long enough that every caller arrives while it runs
        return "x" * 1000

    def caller():
        start.wait()
        results.append(dataset.memo(("burst",), compute))

    threads = [threading.Thread(target=caller) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(results) == 8 and all(result is results[0] for result in results)


def test_different_keys_do_not_wait_for_each_other(dataset):
    slow_started, fast_done = threading.Event(), threading.Event()

    def slow():
        slow_started.set()
        assert fast_done.wait(5), "another key waited for this one"
        return 1

    thread = threading.Thread(target=lambda: dataset.memo(("slow",), slow))
    thread.start()
    assert slow_started.wait(5)
    assert dataset.memo(("fast",), lambda: 2) == 2
    fast_done.set()
    thread.join()
    assert dataset.memo(("slow",), lambda: 99) == 1  # kept


def test_a_failed_computation_is_not_kept_and_is_tried_again(dataset):
    def fail():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        dataset.memo(("flaky",), fail)
    assert dataset.memo(("flaky",), lambda: "ok") == "ok"


def test_big_values_are_dropped_oldest_first(dataset, monkeypatch):
    import geo.dataset

    monkeypatch.setattr(geo.dataset, "MEMO_BYTES", 2500)
    for name in "abc":
        dataset.memo((name,), lambda: b"x" * 1000)
    kept = [name for name in "abc" if dataset.memo((name,), lambda: None) is not None]
    assert kept == ["b", "c"]  # "a" made room; asking for it again computed None
