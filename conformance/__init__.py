"""conformance: does an HTTP API still do what its OpenAPI spec says?"""

__version__ = "0.1.0"  # the one place it is written: pyproject.toml reads it ([tool.hatch.version])

__all__ = ["__version__"]
