from api.permissions import PERMISSIONS, requires

PUBLIC = {"static", "frontend.index", "frontend.assets"}


def test_every_endpoint_declares_a_known_permission(app):
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        permission = getattr(app.view_functions[rule.endpoint], "required_permission", None)
        if permission not in PERMISSIONS:
            missing.append(f"{rule.rule} ({rule.endpoint})")
    assert not missing, missing


def test_an_undeclared_permission_is_refused_at_import_time():
    import pytest

    with pytest.raises(ValueError, match="undeclared permission"):
        requires("order.teleport")
