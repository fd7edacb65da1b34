"""How a serving process sets up Python's cycle collector.

CPython frees an object by reference counting as soon as nothing refers to it; the cycle
collector exists for the rest, objects that refer to each other. It runs a young
collection whenever allocations outnumber deallocations by the first threshold (700 by
default), and a young collection walks every young object, moving the survivors on to an
older generation. Once enough have moved on, a full collection walks the whole heap.

A server under load always has a few requests in flight, and their objects are alive
(a page of 50 openings is about a thousand of them). With the default threshold, the
young collections run many times per request and only find live objects; the ones they
move on make full collections run every hundred or so requests, each walking the
100,000 objects of the loaded app (its modules, its schema) for 60-100 ms. Measured
with ``wrk -c8`` on the benchmark's 50-node GraphQL page and one worker: a quarter of
the server's CPU went to the collector.

Serving processes therefore freeze what start-up loaded (:func:`gc.freeze`: the
collector leaves those objects alone from then on) and collect the young generation
only when :data:`YOUNG_THRESHOLD` objects have piled up, more than several requests
keep alive at once. Requests leave no cycles of their own behind
(:class:`app.api.execution.AcyclicExecution`), so reference counting frees them and the
collector has almost nothing left to do: in the same measurement it ran no collection.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000
"""Net allocations between young collections (CPython's default is 700)."""


def tune_for_serving() -> None:
    """Freeze what is loaded now, and raise the young generation's threshold."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
