"""The compile-time error of the JsonLogic compiler."""


class JsonLogicError(ValueError):
    """A rule that cannot be compiled, located by a JSON pointer into the rule.

    ``pointer`` is an RFC 6901 pointer to the offending node, ``code`` a short machine
    string (``unknown_operator``, ``wrong_arity``, ``invalid_var_path``, ``invalid_value``,
    ``reserved_operator``) and ``message`` human text.
    """

    def __init__(self, pointer: str, code: str, message: str) -> None:
        super().__init__(f"{pointer or '(root)'}: {message} [{code}]")
        self.pointer = pointer
        self.code = code
        self.message = message


def child_pointer(pointer: str, token: str | int) -> str:
    """Return ``pointer`` extended by one reference token, escaped per RFC 6901."""
    text = str(token).replace("~", "~0").replace("/", "~1")
    return f"{pointer}/{text}"
