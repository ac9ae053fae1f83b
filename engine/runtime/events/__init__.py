"""What goes out of the runtime: TMF622 events (``outbox``: hub listeners and signed delivery, with the
SSRF guard of ``callbacks``), notifications to people and e-mail."""
