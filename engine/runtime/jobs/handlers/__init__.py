"""What each built-in job kind does (registered with ``engine.runtime.jobs.registry.job_handler``; importing
``engine.runtime.jobs.builtin`` registers them all)."""
