"""Code lists in the graph: occupations, industries and vocabularies."""
