"""The one version string of eventlens: every module, the CLI, the API and the exports read it from here."""

__version__ = "0.1.0"
