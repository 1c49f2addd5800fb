"""``python -m translate.cli ARGS``: the ``tx`` command run by this Python, as ``tx ARGS``."""

from translate.cli import main

if __name__ == "__main__":
    main()
