"""Entry point frozen by PyInstaller: the same `main` as the installed `cmc-desktop` script.

The frozen application is also the child process that reads a completed PDF form under limits
(cmc_desktop/pdf/form_sandbox.py starts `sys.executable FORM_READER_ARG`): that case is told apart first,
before the command line and Qt are loaded.
"""

import sys

from cmc_desktop.pdf.form_reader import FORM_READER_ARG

if __name__ == "__main__":
    if sys.argv[1:2] == [FORM_READER_ARG]:
        from cmc_desktop.pdf.form_reader import main as read_form

        sys.exit(read_form())
    from cmc_desktop.cli import main

    sys.exit(main())
