"""The bounded LRU of page bodies and map tiles: one builder per missing key at a time."""

import threading
import time

import pytest

from web.lru import BoundedLRU


def _together(count, call):
    """``call()`` from ``count`` threads started at once; their results, in no order."""
    start, results = threading.Barrier(count), []

    def run():
        start.wait()
        results.append(call())
    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_concurrent_readers_of_a_missing_key_wait_for_one_build():
    cache, builds = BoundedLRU(10, 1000), []

    def build():
        builds.append(threading.get_ident())
        time.sleep(0.2)  # long enough for every other reader to arrive and wait
        return "body", 4
    assert _together(6, lambda: cache.get_or_build("tile", build)) == ["body"] * 6
    assert len(builds) == 1
    assert cache.get("tile") == "body" and cache._flights == {}


def test_a_value_not_kept_is_built_by_each_reader_in_turn():
    """``size`` None (a redirect instead of a page) keeps nothing: every reader builds, one
    at a time, and none sees another's value from the cache."""
    cache, running, most = BoundedLRU(10, 1000), [0], [0]

    def build():
        running[0] += 1
        most[0] = max(most[0], running[0])
        time.sleep(0.05)
        running[0] -= 1
        return "redirect", None
    assert _together(4, lambda: cache.get_or_build("page", build)) == ["redirect"] * 4
    assert most[0] == 1 and len(cache) == 0 and cache._flights == {}


def test_a_failed_build_leaves_the_key_to_the_next_reader():
    cache = BoundedLRU(10, 1000)

    def fail():
        raise RuntimeError("the data went away")
    with pytest.raises(RuntimeError):
        cache.get_or_build("tile", fail)
    assert cache._flights == {}
    assert cache.get_or_build("tile", lambda: ("body", 4)) == "body"


def test_a_value_larger_than_the_cache_is_given_but_not_kept():
    cache = BoundedLRU(10, 3)
    assert cache.get_or_build("big", lambda: ("body", 4)) == "body"
    assert cache.get("big") is None
