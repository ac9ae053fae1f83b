"""Live updates: what the server-sent-events stream (``GET /api/v1/stream``) reads from the event outbox.

``topics`` names what a connection follows (an order, a task queue, a studio artifact) and which outbox rows
match; ``feed`` reads the rows after an outbox id in bounded batches, in id order, without skipping a row a
slower transaction has yet to commit. ``engine.store.changes`` writes the outbox rows of task and artifact
version changes, whichever module makes them, so queues and studio screens have events to follow. Nothing
here knows about HTTP.
"""
