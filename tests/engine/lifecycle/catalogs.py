"""Small compiled catalogs for lifecycle tests."""
from engine.kinds import compile_document


def compiled_catalog(offerings: list[dict], specifications: list[dict] | None = None):
    """A compiled ``catalog`` artifact; offerings default to sellable and launched."""
    specs = specifications or [{"id": spec_id, "name": spec_id} for spec_id in
                               sorted({o["productSpecification"]["id"] for o in offerings})]
    return compile_document({"kind": "catalog", "key": "catalog.test", "schemaVersion": 1, "title": "test",
                             "body": {"productOfferings": offerings, "productSpecifications": specs}}, version=1)
