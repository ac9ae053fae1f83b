"""What every ``ordo`` command shares: the settings resolved once, the runtime, the acting user, one-line errors.

The acting user: ``--as USER`` (or ``ORDO_AS``), else the Ordo user named like the OS user. Commands that change
something run as that user, with the permission its role needs in the API. Setup commands (``ordo db upgrade``,
``ordo user ...``, ``ordo pack seed``) may also run when no Ordo user maps: they are audited as ``system:<OS user>``.
"""
from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import click
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from engine.errors import OrdoError
from engine.runtime.context import UnitOfWork
from engine.runtime.service import Runtime
from engine.settings import ConfigError, Settings, sqlite_path
from engine.store.migrate import NotMigrated, ensure_migrated

SYSTEM_PREFIX = "system:"


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def describe(error: OrdoError) -> str:
    """The error's message and every problem it lists, one per line."""
    lines = [str(error)] + [f"  {e.get('artifact') or ''}{e.get('pointer') or ''}: [{e.get('code')}] {e.get('message')}"
                            for e in getattr(error, "errors", [])]
    return "\n".join(lines)


class OrdoGroup(click.Group):
    """The top-level group: a user's mistake (configuration, database, unknown names, refused input) ends in a
    clear message and exit code 1, never in a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (ConfigError, NotMigrated) as error:
            raise click.ClickException(str(error)) from error
        except OrdoError as error:
            raise click.ClickException(describe(error)) from error
        except OperationalError as error:
            raise click.ClickException(f"cannot use the database: {str(error.orig).strip().splitlines()[0]}") \
                from error


@dataclass
class CliContext:
    settings: Settings
    acting_as: str | None = None
    _runtime: Runtime | None = field(default=None, repr=False)
    _migrated: bool = field(default=False, repr=False)

    def runtime(self, *, migrated: bool = True) -> Runtime:
        """The runtime on the configured database; unless told otherwise it must exist and be migrated."""
        if self._runtime is None:
            url = self.settings.database_url
            path = sqlite_path(url)
            if migrated and path is not None and not path.is_file():
                raise click.ClickException(f"no database at {path} (ORDO_HOME {self.settings.home}): "
                                           f"run `ordo db upgrade` first, or set ORDO_DATABASE_URL")
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self._runtime = Runtime.connect(url)
        if migrated and not self._migrated:
            ensure_migrated(self._runtime.engine)
            self._migrated = True
        return self._runtime

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.runtime().reading() as session:
            yield session

    @contextmanager
    def changing(self, *permissions: str) -> Iterator[UnitOfWork]:
        """A unit of work as the acting Ordo user, who must hold ``permissions`` (as in the API)."""
        with self.runtime().unit_of_work(self.actor(*permissions)) as uow:
            yield uow

    @contextmanager
    def setting_up(self) -> Iterator[UnitOfWork]:
        """A unit of work of a setup command: as the acting Ordo user, else as ``system:<OS user>``."""
        with self.runtime().unit_of_work(self.actor(setup=True)) as uow:
            yield uow

    def actor(self, *permissions: str, setup: bool = False) -> str:
        """The username to audit; refuses an unknown ``--as`` user, a missing mapping (unless ``setup``) and a
        role without one of ``permissions``."""
        from api.auth.users import find_user
        from api.roles import allowed

        with self.reading() as session:
            name = self.acting_as or os_user()
            user = find_user(session, name)
            if user is not None and not user.active:
                raise click.ClickException(f"Ordo user {name!r} is disabled")
            if user is None and self.acting_as:
                raise click.ClickException(f"--as {name}: no Ordo user {name!r} (see `ordo user list`)")
            if user is None and setup:
                return SYSTEM_PREFIX + name
            if user is None:
                raise click.ClickException(
                    f"the OS user {name!r} is no Ordo user, so this change would be audited as nobody: "
                    f"pass --as USERNAME (see `ordo user list`) or add {name!r} with `ordo user add`")
            lacking = [permission for permission in permissions if not allowed(user.role, permission)]
            if lacking:
                raise click.ClickException(f"{user.username} ({user.role}) lacks the permission {', '.join(lacking)}")
            return user.username


pass_ordo = click.make_pass_decorator(CliContext)


def pack_ref(ref: str) -> tuple[str, int | None]:
    """``KEY`` or ``KEY@VERSION`` as (key, version or None); a malformed one is the user's mistake."""
    from studio.packs import parse_pack_ref

    try:
        return parse_pack_ref(ref)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
