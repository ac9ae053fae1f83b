"""``python -m api.cli``: the ``ordo`` command (how ``ordo serve --with-worker`` starts its worker)."""
from api.cli import main

main()
