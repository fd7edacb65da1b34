"""The Ungeløftet partner network: one domain behind a GraphQL API and HTMX portals."""
