"""Bulk import of orders from files: reading CSV, XLSX and JSON Lines as a stream of rows, and grouping them
into orders with a mapping (``engine.kinds.import_mapping``). Pure: no database here (see engine.runtime.imports)."""
