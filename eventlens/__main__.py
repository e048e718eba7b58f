"""``python -m eventlens``: the ``eventlens`` command (e.g. where the script is not on ``PATH``)."""

from .cli import main

if __name__ == "__main__":
    main()
