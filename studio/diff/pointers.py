"""RFC 6901 JSON pointers."""


def child(pointer: str, segment: object) -> str:
    """The pointer of ``segment`` below ``pointer``, escaped as RFC 6901 says."""
    return pointer + "/" + str(segment).replace("~", "~0").replace("/", "~1")
