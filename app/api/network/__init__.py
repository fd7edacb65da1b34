"""The partner network in the graph: companies, organisations, offers, initiatives."""
