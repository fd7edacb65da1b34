"""Aggregated statistics for national partners (``stats:read``): counts, never people."""
