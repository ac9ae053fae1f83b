"""Shared building blocks of the artifact kinds: issues, pointers, schema checks, graphs, values."""
