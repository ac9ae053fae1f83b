"""Auto-task handlers by name: what an auto task actually does (``registry``; importing
``engine.runtime.tasks.handlers.builtin`` registers the built-in ones)."""
