"""A serving process freezes its start-up objects and collects young objects rarely."""

from __future__ import annotations

import gc

from app.gc_tuning import YOUNG_THRESHOLD, tune_for_serving


def test_serving_freezes_start_up_and_raises_the_young_threshold() -> None:
    before = gc.get_threshold()
    try:
        tune_for_serving()
        assert gc.get_threshold() == (YOUNG_THRESHOLD, before[1], before[2])
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
