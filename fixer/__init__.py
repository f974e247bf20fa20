"""dockerfix: rewrite the Dockerfiles of Python web apps for production."""

__version__ = "0.1.0"
