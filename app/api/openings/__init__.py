"""Job openings in the graph: search, and the mutations of company integrations."""
