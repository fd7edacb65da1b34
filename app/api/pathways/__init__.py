"""Pathways in the graph, for municipal integrations (personal data: audited)."""
