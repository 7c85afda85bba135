"""Stage 2, extract: sections, tables, key figures and the incident list from a ``Document``."""
