"""The runtime: orders moving through the pipeline, stored and worked on (SQLAlchemy, the job queue).

    service.py, context.py  the entry point (``Runtime``) and the unit of work every change goes through
    packs.py                the active rule pack and the compiled view of a pinned one
    jobs/                   the job queue on the database, job handlers by kind, periodic jobs, the worker
    orders/                 order use cases: capture, the stage pipeline, approvals, revisions, cancellation,
                            product changes and inventory
    tasks/                  tasks of an order: how they start (task types), auto-task handlers, the agents'
                            workspace, assignment groups, holds, waits, circuit breakers, the timeline
    fallout/                failed and stuck work: the fallout rules' decisions, agents' actions, the watchdog
    jeopardy/               late work: assessment, the periodic scan, the rules' actions, alerts
    events/                 what goes out: TMF events (outbox and hub delivery), notifications, e-mail

Package ``__init__`` modules import nothing, and module-level imports inside the runtime never form a
circle (``tests/engine/runtime/test_layout.py``).
"""
