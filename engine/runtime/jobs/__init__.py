"""The job queue on the database: enqueue, lease and finish jobs; job handlers by kind (``registry``,
``handlers/``), periodic jobs and the worker that runs them."""
