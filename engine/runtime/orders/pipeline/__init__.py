"""The order pipeline: one module per stage (``Stage``), run by ``advance.advance_order`` until one blocks."""
