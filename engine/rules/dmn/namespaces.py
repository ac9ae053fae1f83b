"""DMN model namespaces (1.1 to 1.5) and the extension names Ordo writes."""

DMN_NAMESPACES = {
    "1.1": "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
    "1.2": "http://www.omg.org/spec/DMN/20180521/MODEL/",
    "1.3": "https://www.omg.org/spec/DMN/20191111/MODEL/",
    "1.4": "https://www.omg.org/spec/DMN/20211108/MODEL/",
    "1.5": "https://www.omg.org/spec/DMN/20230324/MODEL/",
}
DEFAULT_VERSION = "1.3"
ORDO_NAMESPACE = "https://ordo.dev/schema/dmn"
JSONLOGIC_LANGUAGE = "https://jsonlogic.com"
EXPORTER = "Ordo"


def version_of(namespace: str) -> str | None:
    """The DMN version ("1.3") for a model namespace, ignoring http/https; None if unknown."""
    bare = namespace.removeprefix("https://").removeprefix("http://")
    for version, known in DMN_NAMESPACES.items():
        if known.removeprefix("https://").removeprefix("http://") == bare:
            return version
    return None
