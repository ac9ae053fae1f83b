"""The errors of the JsonLogic compiler (compile time) and of compiled rules (run time)."""


class JsonLogicError(ValueError):
    """A rule that cannot be compiled, located by a JSON pointer into the rule.

    ``pointer`` is an RFC 6901 pointer to the offending node, ``code`` a short machine
    string (``unknown_operator``, ``wrong_arity``, ``invalid_arguments``, ``invalid_var_path``,
    ``invalid_val_path``, ``invalid_value``, ``reserved_operator``, ``too_deep``,
    ``path_too_long``) and ``message`` human text.
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


INVALID_ARGUMENTS = "Invalid Arguments"
NOT_A_NUMBER = "NaN"


class JsonLogicRuntimeError(ValueError):
    """An error raised while a rule is evaluated, carrying its error object (``{"type": ...}``).

    Raised by ``throw`` (and by ``try`` when none of its operands succeeds); ``try``
    catches it. The object is what json-logic-engine throws, so rules can read
    ``{"val": "type"}`` in a ``try`` fallback.
    """

    def __init__(self, error: object) -> None:
        super().__init__(f"JsonLogic error: {error!r}")
        self.error = error

    @property
    def type(self) -> object:
        """The ``type`` of the error object (None when the object has none)."""
        return self.error.get("type") if isinstance(self.error, dict) else None



class JsonLogicLimitExceeded(RuntimeError):
    """An evaluation went over one of the bounds in ``limits.py``; never caught by ``try``.

    ``limit`` names the bound (``steps``, ``text_length``, ``list_length``, ``integer_bits``,
    ``path_length``, ``value_size``, ``depth``), ``value`` is the bound, ``pointer`` locates the operator inside the rule
    and ``origin`` says where the rule sits (e.g. ``enrichment-x /body/steps/3/rule``, given to
    ``compile``); ``location`` is the two together.
    """

    def __init__(self, limit: str, value: int, pointer: str, origin: str = "") -> None:
        self.limit = limit
        self.value = value
        self.pointer = pointer
        self.origin = origin
        super().__init__(self._describe())

    @property
    def location(self) -> str:
        """``origin`` followed by the pointer of the operator inside the rule."""
        return f"{self.origin}{self.pointer}" if self.origin else self.pointer or "(root)"

    def within(self, prefix: str) -> "JsonLogicLimitExceeded":
        """Put ``prefix`` (where the rule, or the part holding it, sits) before the origin; return the error."""
        if prefix:
            self.origin = prefix + self.origin
            self.args = (self._describe(),)
        return self

    def _describe(self) -> str:
        return f"{self.location}: the rule exceeds its {self.limit} limit of {self.value} [limit_exceeded]"
