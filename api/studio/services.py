"""Studio services over stored versions: diff, lint, graphs, simulation (dry runs write nothing)."""
from __future__ import annotations

from typing import Literal

from flask import Blueprint, Response, request
from pydantic import Field
from sqlalchemy.orm import Session

from api.contract import Query, endpoint
from api.errors import ApiError
from api.permissions import requires
from api.read.studio import (
    DiffQuery,
    DiffView,
    LintView,
    PackDiffView,
    PackSimulationView,
    SimulationInput,
    SimulationView,
    diff_view,
    lint_view,
)
from api.runtime import runtime
from engine.kinds import compile_document
from engine.states import ArtifactStatus
from studio import artifacts, packs
from studio.diff import diff_documents
from studio.graphs import graph_for
from studio.graphs.render import RendererMissing, RenderFailed, render_svg
from studio.lint import lint_document
from studio.pack_diff import diff_packs
from studio.simulate import simulate_artifact, simulate_order

bp = Blueprint("studio_services", __name__, url_prefix="/api/v1/studio")
DOT, SVG = "text/vnd.graphviz", "image/svg+xml"
ORDER_BODY = {"type": "object", "required": ["productOrderItem"],
              "properties": {"productOrderItem": {"type": "array", "items": {"type": "object"}}}}


class GraphQuery(Query):
    format: Literal["dot", "svg"] | None = Field(None, description="default: from Accept, else dot")


@bp.get("/artifacts/<key>/diff")
@requires("studio.read")
@endpoint(query=DiffQuery, response=DiffView)
def diff(key: str, query: DiffQuery):
    """The semantic difference between two versions (entries matched by id, key or name, never by position)."""
    with runtime().reading() as session:
        before = artifacts.find_version(session, key, query.from_).document
        after = artifacts.find_version(session, key, query.to).document
    return diff_view(key, query.from_, query.to, diff_documents(before, after))


@bp.get("/artifacts/<key>/versions/<int:version>/lint")
@requires("studio.read")
@endpoint(response=LintView)
def lint(key: str, version: int):
    """Lint findings, each with a JSON pointer and, for tables, the row, rule id and column it is about."""
    with runtime().reading() as session:
        document = artifacts.find_version(session, key, version).document
    return lint_view(key, version, document, lint_document(document))


@bp.get("/artifacts/<key>/versions/<int:version>/graph")
@requires("studio.read")
@endpoint(query=GraphQuery, produces=(DOT, SVG))
def graph(key: str, version: int, query: GraphQuery):
    """The artifact's graph as DOT source or an SVG drawing (format= or Accept)."""
    chosen = query.format or ("svg" if request.accept_mimetypes.best_match([DOT, SVG], DOT) == SVG else "dot")
    with runtime().reading() as session:
        document = artifacts.find_version(session, key, version).document
        catalog = _active_catalog(session)
    try:
        source = graph_for(document, catalog)
    except ValueError as error:
        raise ApiError(422, "Unprocessable Content", str(error)) from error
    if chosen == "dot":
        return Response(source, mimetype=DOT, headers={"Vary": "Accept"})
    try:
        return Response(render_svg(source), mimetype=SVG, headers={"Vary": "Accept"})
    except RendererMissing as error:
        raise ApiError(503, "Service Unavailable", str(error)) from error
    except RenderFailed as error:
        raise ApiError(422, "Unprocessable Content", f"dot could not draw the graph: {error}") from error


def _active_catalog(session: Session) -> dict | None:
    pack = packs.current_pack(session)
    key = pack.bindings.get("catalog") if pack else None
    for pin in pack.pins if key else ():
        if pin.artifact_version.artifact.key == key:
            return pin.artifact_version.document
    return None


def _resolver(session: Session):
    """Other artifacts a simulation refers to: their newest published version."""
    def resolve(key: str):
        found = artifacts.find_artifact(session, key)
        published = [v for v in found.versions if v.status == ArtifactStatus.PUBLISHED] or found.versions
        return compile_document(published[-1].document, version=published[-1].version)
    return resolve


@bp.post("/artifacts/<key>/versions/<int:version>/simulate")
@requires("studio.simulate")
@endpoint(body=SimulationInput, response=SimulationView)
def simulate(key: str, version: int, body: SimulationInput):
    """Evaluate an input through one version, as its tests do (nothing is written)."""
    with runtime().reading() as session:
        document = artifacts.find_version(session, key, version).document
        result = simulate_artifact(document, body.input, _resolver(session))
    return SimulationView(key=key, version=version, **result)


@bp.post("/packs/<pack_key>/<int:version>/simulate")
@requires("studio.simulate")
@endpoint(body=ORDER_BODY, response=PackSimulationView)
def simulate_pack(pack_key: str, version: int, body: dict):
    """Run a TMF622 ProductOrder through a pack version as far as it goes unattended, then roll back."""
    with runtime().reading() as session:
        pack = packs.find_pack(session, pack_key, version)
    return PackSimulationView.model_validate({"pack": f"{pack.key}@{pack.version}",
                                              **simulate_order(runtime(), pack, body)})


@bp.get("/packs/<pack_key>/diff")
@requires("studio.read")
@endpoint(query=DiffQuery, response=PackDiffView)
def pack_diff(pack_key: str, query: DiffQuery):
    """What changed between two versions of a pack: pins, bindings, each changed artifact's diff."""
    with runtime().reading() as session:
        return PackDiffView.model_validate(diff_packs(packs.find_pack(session, pack_key, query.from_),
                                                      packs.find_pack(session, pack_key, query.to)))
