"""The built front end as Flask serves it: index.html at every page of the app (never cached), the hashed
assets cached for a year, and the server's own paths never answered with the app."""
import gzip

import pytest

from api.app import build_app
from api.frontend import NOT_BUILT, SERVER_PREFIXES

INDEX = "<!doctype html><title>Ordo</title><div id=root></div>"


@pytest.fixture
def dist(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "main-3f2a.js").write_text("console.log('ordo')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return tmp_path


@pytest.fixture
def web(dist):
    return build_app({"TESTING": True, "FRONTEND_DIST": str(dist)}).test_client()


@pytest.mark.parametrize("path", ["/", "/studio", "/studio/", "/studio/artifacts/approval.policy",
                                  "/studio/kinds?kind=decision_table", "/apis", "/assets-old/x"])
def test_every_page_of_the_app_answers_index_html_and_it_is_never_cached(web, path):
    response = web.get(path)
    assert response.status_code == 200 and response.text == INDEX and response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-cache"


def test_assets_are_cached_for_a_year_and_a_missing_one_is_a_404_not_the_app(web):
    asset = web.get("/assets/main-3f2a.js")
    assert asset.status_code == 200 and "max-age=31536000" in asset.headers["Cache-Control"]
    missing = web.get("/assets/main-0000.js")
    assert missing.status_code == 404 and INDEX not in missing.text


def test_text_assets_go_gzipped_to_browsers_that_accept_it_and_plain_to_others(web, dist):
    (dist / "assets" / "logo-9c1d.png").write_bytes(b"\x89PNG not text")
    zipped = web.get("/assets/main-3f2a.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.status_code == 200 and zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == b"console.log('ordo')" and zipped.mimetype == "text/javascript"
    assert "max-age=31536000" in zipped.headers["Cache-Control"] and zipped.headers["Vary"] == "Accept-Encoding"
    plain = web.get("/assets/main-3f2a.js")
    assert plain.data == b"console.log('ordo')" and "Content-Encoding" not in plain.headers
    image = web.get("/assets/logo-9c1d.png", headers={"Accept-Encoding": "gzip"})
    assert image.data == b"\x89PNG not text" and "Content-Encoding" not in image.headers
    assert web.get("/assets/main-0000.js", headers={"Accept-Encoding": "gzip"}).status_code == 404
    assert web.get("/assets/../index.html", headers={"Accept-Encoding": "gzip"}).status_code == 404


def test_a_rebuilt_asset_is_compressed_anew(web, dist):
    web.get("/assets/main-3f2a.js", headers={"Accept-Encoding": "gzip"})
    (dist / "assets" / "main-3f2a.js").write_text("console.log('rebuilt, longer')")
    zipped = web.get("/assets/main-3f2a.js", headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(zipped.data) == b"console.log('rebuilt, longer')"


def test_a_file_at_the_top_of_dist_is_served_as_itself(web):
    response = web.get("/favicon.svg")
    assert response.status_code == 200 and response.text == "<svg/>" and response.mimetype == "image/svg+xml"


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
@pytest.mark.parametrize("path", ["/api", "/api/", "/api/v1/nothing-here", "/api/v2/studio/artifacts"])
def test_unknown_api_paths_stay_problem_json_404s(web, method, path):
    response = web.open(path, method=method)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_unknown_tmf_paths_stay_tmf_error_404s(web):
    response = web.get("/tmf-api/productOrderingManagement/v9/nothing")
    assert response.status_code == 404 and response.json["@type"] == "Error"


def test_without_a_build_every_page_says_how_to_build_it(tmp_path):
    web = build_app({"TESTING": True, "FRONTEND_DIST": str(tmp_path)}).test_client()
    for path in ("/", "/studio/artifacts/x"):
        response = web.get(path)
        assert response.status_code == 200 and response.text == NOT_BUILT


def test_every_server_route_is_under_a_server_prefix(web):
    """A route outside SERVER_PREFIXES would have its unknown sub-paths answered with the app, not a 404."""
    outside = [rule.rule for rule in web.application.url_map.iter_rules()
               if not rule.endpoint.startswith("frontend.") and rule.rule.split("/")[1] not in SERVER_PREFIXES]
    assert outside == []
