"""conformance: does an HTTP API still do what its OpenAPI spec says?"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("conformance")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
