"""Queries and writes, one module per feature; each takes an open Session and returns domain objects."""
