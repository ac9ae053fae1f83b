"""The Flask application factory."""
from __future__ import annotations

from flask import Flask

from api import frontend, limits, logs
from api.auth import blueprint as auth
from api.errors import register_error_handlers
from api.json_guard import refuse_nul_characters
from api.native import audit_views, events, fallout, health, jeopardy, orders, revisions, systems, workspace
from api.native import capture as native_capture
from api.native import catalog as native_catalog
from api.native import groups as assignment_groups
from api.native import holds as native_holds
from api.native import imports as order_imports
from api.native import issues as order_issues
from api.native import metrics as native_metrics
from api.native import notes as order_notes
from api.native import notifications as native_notifications
from api.native import order_changes as native_order_changes
from api.native import order_views as native_order_views
from api.native import portal as customer_portal
from api.native import products as native_products
from api.native import stream as live_stream
from api.native import summary as workspace_summary
from api.routing import BoundedIntConverter
from api.studio import artifacts as studio_artifacts
from api.studio import audit as studio_audit
from api.studio import decomposition as studio_decomposition
from api.studio import packs as studio_packs
from api.studio import services as studio_services
from api.studio import transfer as studio_transfer
from api.tmf import (
    cancel_product_order,
    hub,
    product_catalog,
    product_inventory,
    product_order,
    resource_order,
    service_order,
)
from engine.clock import Clock
from engine.runtime.service import Runtime
from engine.settings import app_config
from engine.shipped import shipped
from engine.store.migrate import ensure_migrated


def create_app(test_config: dict | None = None, clock: Clock | None = None) -> Flask:
    """Build the app; refuses to start (NotMigrated) when the database is not at the Alembic head."""
    app = _configured(test_config)
    ordo = Runtime.connect(app.config["DATABASE_URL"], clock)
    ensure_migrated(ordo.engine)
    app.extensions["ordo"] = ordo
    return _routed(app)


def build_app(test_config: dict | None = None) -> Flask:
    """The app's configuration and routes, not connected to any database: enough to list the routes and build
    the OpenAPI document; ``create_app`` is the app that serves."""
    return _routed(_configured(test_config))


def _configured(test_config: dict | None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.url_map.converters["int"] = BoundedIntConverter
    app.url_map.converters["app_path"] = frontend.AppPath
    app.config.update(DATABASE_URL=None, FRONTEND_DIST=str(shipped("frontend")), JSON_SORT_KEYS=False)
    app.config.update(app_config())
    if test_config:
        app.config.update(test_config)
    app.json.sort_keys = False
    return app


def _routed(app: Flask) -> Flask:
    register_error_handlers(app)
    limits.install(app)
    app.before_request(refuse_nul_characters)
    native_metrics.install(app)
    logs.install(app)
    auth.init_app(app)
    for blueprint in (product_order.bp, product_inventory.bp, product_catalog.bp, hub.bp, health.bp, orders.bp,
                      workspace.bp, fallout.bp, systems.bp, jeopardy.bp, events.bp, studio_artifacts.bp,
                      studio_services.bp, studio_transfer.bp, studio_packs.bp, studio_audit.bp, service_order.bp, resource_order.bp,
                      cancel_product_order.bp, revisions.bp, assignment_groups.bp, native_notifications.bp,
                      native_holds.bp, live_stream.bp,
                      studio_decomposition.bp,
                      native_order_changes.bp,
                      native_catalog.bp,
                      native_capture.bp,
                      native_capture.parties_bp,
                      native_products.bp,
                      audit_views.bp,
                      customer_portal.bp,
                      order_notes.bp,
                      order_issues.bp,
                      workspace_summary.bp,
                      native_order_views.bp,
                      order_imports.bp,
                      native_metrics.bp,
                      frontend.bp):
        app.register_blueprint(blueprint)
    return app
