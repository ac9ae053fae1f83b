"""Order use cases: capture, the stage pipeline (``pipeline/``), approvals, supplying information, in-flight
revisions, cancellation, product changes, relationships and the product inventory."""
