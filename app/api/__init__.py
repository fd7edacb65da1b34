"""The GraphQL API (strawberry): one package per domain, merged in ``schema.py``."""
