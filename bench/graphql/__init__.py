"""The GraphQL benchmark: pages of openings through the real ``/graphql`` endpoint against
the same data read with one raw asyncpg query and serialised to JSON, in the same run.

``python -m bench.graphql`` (``make bench``) prepares a fresh database, starts the bench
server (:mod:`bench.graphql.server`), measures (:mod:`bench.graphql.measure`) and writes
``bench/RESULTS.md`` (:mod:`bench.graphql.report`).
"""
