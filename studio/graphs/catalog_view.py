"""What the decomposition graph needs from a catalog: specification names and relationships."""

from __future__ import annotations

from dataclasses import dataclass

SPEC_LISTS = (("productSpecifications", "productSpecificationRelationship"),
              ("serviceSpecifications", "serviceSpecRelationship"),
              ("resourceSpecifications", "resourceSpecRelationship"))


@dataclass(frozen=True)
class CatalogView:
    """Specification names and outgoing ``(relationshipType, target id)`` pairs by specification id."""

    names: dict
    relationships: dict

    def name(self, spec_id: str) -> str | None:
        """The specification's name, if the catalog has it."""
        return self.names.get(spec_id)

    def knows(self, spec_id: str) -> bool:
        """True when the catalog defines the specification."""
        return spec_id in self.names

    def links_between(self, sources: set[str]) -> list[tuple[str, str, str, list[str]]]:
        """(source, target, first relationship type, specs passed through) from each of ``sources``
        to the nearest ``sources`` reached through the catalog, skipping specifications not in ``sources``."""
        links = []
        for source in sorted(sources):
            for kind, target in self.relationships.get(source, ()):
                links += self._reach(source, kind, target, sources, [], {source})
        return links

    def _reach(self, source, kind, spec, sources, via, seen) -> list:
        if spec in seen:
            return []
        if spec in sources:
            return [(source, spec, kind, via)]
        found = []
        for _, target in self.relationships.get(spec, ()):
            found += self._reach(source, kind, target, sources, via + [spec], seen | {spec})
        return found


def catalog_view(catalog: dict | None) -> CatalogView | None:
    """A view of a catalog artifact document or body (None stays None)."""
    if catalog is None:
        return None
    body = catalog.get("body", catalog) if catalog.get("kind") == "catalog" else catalog
    names, relationships = {}, {}
    for list_name, relationship_name in SPEC_LISTS:
        for spec in body.get(list_name, []):
            names[spec["id"]] = spec.get("name") or spec["id"]
            relationships[spec["id"]] = [(link.get("relationshipType", "related"), link["id"])
                                         for link in spec.get(relationship_name, []) if "id" in link]
    return CatalogView(names, relationships)
