import sys

from govcredit_desktop.cli import main

sys.exit(main())
