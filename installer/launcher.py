"""Entry point frozen by PyInstaller: the same `main` as the installed `cmc-desktop` script."""

import sys

from cmc_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
